import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import type { ChainVerification } from '@/lib/services/audit';

/** The audit chain's verification, run when the Audit tab is opened (and again with "Verify now"). */
export async function AuditChainStatus({ result }: { result: ChainVerification }) {
  const { t, f } = await getI18n();
  const p = result.problem;
  return (
    <section
      className={`card mb-4 flex flex-wrap items-center justify-between gap-3 p-4 ${result.ok ? 'border-emerald-200' : 'border-red-300 bg-red-50'}`}
      aria-labelledby="audit-chain-title"
      data-testid="audit-chain-status"
    >
      <div>
        <h2 id="audit-chain-title" className="font-semibold">
          {t('erasure.audit.title')}
        </h2>
        <p role="status" className={`text-sm ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {p === null
            ? t('erasure.audit.ok', { checked: f.number(result.checked) })
            : t(`erasure.audit.${p.kind}`, { seq: p.seq, id: p.id ?? '—' })}
        </p>
        {result.unchained > 0 && (
          <p className="text-xs text-slate-500">
            {t('erasure.audit.unchained', { count: f.number(result.unchained) })}
          </p>
        )}
      </div>
      <Link className="btn-secondary" href={`/settings?tab=audit&verify=${Date.now()}`} prefetch={false}>
        {t('erasure.audit.verify')}
      </Link>
    </section>
  );
}
