import type { Locale, Translate } from '@/lib/i18n/translate';
import type { WhyNode } from '@/lib/services/segments';

function Mark({ ok, t }: { ok: boolean; t: Translate }) {
  return (
    <span
      className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${ok ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}
      title={ok ? t('segments.why.met') : t('segments.why.notMet')}
    >
      <span aria-hidden>{ok ? '✓' : '✗'}</span>
      <span className="sr-only">{ok ? t('segments.why.met') : t('segments.why.notMet')}</span>
    </span>
  );
}

function Node({ n, lang, t }: { n: WhyNode; lang: 'en' | 'zh'; t: Translate }) {
  return (
    <li className="py-1" data-satisfied={n.satisfied}>
      <div className="flex items-start gap-2">
        <Mark ok={n.satisfied} t={t} />
        <div className="min-w-0">
          <div className={n.kind === 'condition' ? 'text-slate-900' : 'font-medium text-slate-800'}>{n.text[lang]}</div>
          {n.found && <div className="text-xs text-slate-500">{n.found[lang]}</div>}
        </div>
      </div>
      {n.children.length > 0 && (
        <ul className="mt-1 ml-2.5 border-l-2 border-slate-200 pl-4">
          {n.children.map((c, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: children of a computed tree, rendered once, no identity
            <Node key={k} n={c} lang={lang} t={t} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Every condition of a segment for one customer: met or not, in words, with what was found for them. */
export function WhyTree({ tree, locale, t }: { tree: WhyNode; locale: Locale; t: Translate }) {
  return (
    <ul className="text-sm" data-testid="why-tree">
      <Node n={tree} lang={locale === 'zh-CN' ? 'zh' : 'en'} t={t} />
    </ul>
  );
}

/** The conditions a member meets, flattened (for the short version on the portrait). */
export function metConditions(n: WhyNode): WhyNode[] {
  if (n.kind === 'condition') return n.satisfied ? [n] : [];
  return n.satisfied ? n.children.flatMap(metConditions) : [];
}
