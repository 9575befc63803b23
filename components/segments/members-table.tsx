import Link from 'next/link';
import { ConsentBadges } from '@/components/ui/consent-badges';
import { Pagination } from '@/components/ui/pagination';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Formatters } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/translate';
import type { listMembers } from '@/lib/services/segments';

type Page = Awaited<ReturnType<typeof listMembers>>;

/** A page of members: name (to the portrait, which then shows why they are in), region, RFM group, lifecycle, value, consent, and "why?". */
export function MembersTable({
  segmentId,
  page,
  t,
  f,
}: {
  segmentId: number;
  page: Page;
  t: Translate;
  f: Formatters;
}) {
  if (page.rows.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">{t('segments.members.empty')}</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="data-table" aria-label={t('segments.members.title')} data-testid="members-table">
          <thead>
            <tr>
              <th>{t('segments.members.customer')}</th>
              <th>{t('segments.members.region')}</th>
              <th>{t('segments.members.rfm')}</th>
              <th>{t('segments.members.lifecycle')}</th>
              <th className="text-right">{t('segments.members.clv')}</th>
              <th>{t('segments.members.consent')}</th>
              <th>
                <span className="sr-only">{t('segments.members.why')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link className="text-brand-700 hover:underline" href={`/customers/${m.id}?segment=${segmentId}`}>
                    {m.name ?? m.externalId}
                  </Link>
                  <div className="font-mono text-xs text-slate-400">{m.externalId}</div>
                </td>
                <td>{[m.city, m.region].filter(Boolean).join(', ') || '—'}</td>
                <td>{m.rfmGroup ? labelFor(t, 'portraits.rfm.labels', m.rfmGroup) : '—'}</td>
                <td>{m.lifecycle ? labelFor(t, 'portraits.lifecycle.stages', m.lifecycle) : '—'}</td>
                <td className="text-right tabular-nums">{m.clv365 === null ? '—' : f.money(m.clv365)}</td>
                <td>
                  <ConsentBadges t={t} email={m.consentEmail} sms={m.consentSms} push={m.consentPush} />
                </td>
                <td>
                  <Link
                    className="text-sm text-brand-700 hover:underline"
                    href={`/segments/${segmentId}/why/${m.id}`}
                    aria-label={t('segments.members.whyLabel', { name: m.name ?? m.externalId })}
                  >
                    {t('segments.members.why')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        t={t}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
        basePath={`/segments/${segmentId}`}
        params={{ tab: 'members' }}
      />
    </>
  );
}
