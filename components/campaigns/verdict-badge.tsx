'use client';
import { useI18n } from '@/components/i18n-provider';
import type { VerdictKind } from '@/lib/engine/campaign/verdict';

export const VERDICT_BADGE: Record<string, string> = {
  'no-data': 'bg-slate-100 text-slate-700',
  srm: 'bg-red-700 text-white',
  significantPositive: 'bg-emerald-700 text-white',
  significantNegative: 'bg-red-700 text-white',
  promising: 'bg-amber-700 text-white',
  inconclusive: 'bg-slate-500 text-white',
};

type VerdictLike = { kind: VerdictKind; direction: 'positive' | 'negative' | null; isFinal: boolean };

/** The style key of a verdict: significant splits by direction. */
export function verdictStyle(verdict: VerdictLike): string {
  if (verdict.kind !== 'significant') return verdict.kind;
  return verdict.direction === 'negative' ? 'significantNegative' : 'significantPositive';
}

/** The verdict's kind as a small badge, marked final or provisional: the same words the results page uses. */
export function VerdictBadge({ verdict }: { verdict: VerdictLike }) {
  const { t } = useI18n();
  const decided = verdict.kind !== 'no-data' && verdict.kind !== 'srm';
  return (
    <span className={`badge ${VERDICT_BADGE[verdictStyle(verdict)]}`} data-testid="league-verdict">
      {t(`campaigns.verdict.kinds.${verdict.kind}`)}
      {decided && ` · ${t(verdict.isFinal ? 'campaigns.verdict.final' : 'campaigns.verdict.notFinal')}`}
    </span>
  );
}
