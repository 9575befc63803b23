'use client';
import { useI18n } from '@/components/i18n-provider';

export type ShownValue = {
  value: number;
  isSuppressed: boolean;
  sensitivity: number;
  epsilon: number;
  margin95: number;
  mechanism?: string;
  delta?: number;
};

/** A released value: "< 10" below the threshold, else the noisy number with its 95% margin, sensitivity and ε. */
export function NoisyNumber({
  v,
  money = false,
  showParams = true,
}: {
  v: ShownValue;
  money?: boolean;
  showParams?: boolean;
}) {
  const { t, f } = useI18n();
  const fmt = (n: number) => (money ? f.moneyWhole(n) : f.number(n));
  return (
    <span className="inline-flex flex-col">
      <span className="tabular-nums">{v.isSuppressed ? t('privacy.value.below') : fmt(v.value)}</span>
      {showParams && (
        <span className="text-xs font-normal whitespace-normal text-slate-500">
          {t('privacy.value.margin', { margin: fmt(v.margin95) })} ·{' '}
          {v.mechanism === 'discrete Gaussian'
            ? t('privacy.value.gaussian', {
                sensitivity: f.number(v.sensitivity),
                epsilon: f.number(v.epsilon),
                delta: String(v.delta),
              })
            : t('privacy.value.params', { sensitivity: fmt(v.sensitivity), epsilon: f.number(v.epsilon) })}
        </span>
      )}
    </span>
  );
}
