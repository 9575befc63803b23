'use client';
import { useI18n } from '@/components/i18n-provider';
import type { DetectedCurrency } from '@/lib/import/detect-currency';

type Props = {
  detected: DetectedCurrency | null;
  decimalComma: boolean;
  currency: string;
  baseCurrency: string;
  missing: string[];
  rates: Record<string, string>;
  onCurrency(code: string): void;
  onRate(currency: string, value: string): void;
};

/** The import's currency (pre-filled from the file when it says), and a rate for each currency that has none. */
export function CurrencyOptions({
  detected,
  decimalComma,
  currency,
  baseCurrency,
  missing,
  rates,
  onCurrency,
  onRate,
}: Props) {
  const { t } = useI18n();
  const note = !detected
    ? t('importReview.currency.none')
    : detected.source === 'column'
      ? t('importReview.currency.detectedColumn', {
          column: detected.column,
          currencies: detected.currencies.join(', '),
        })
      : t('importReview.currency.detectedSymbol', {
          currency: detected.currency,
          example: detected.example,
          column: detected.column,
        });
  return (
    <div className="md:col-span-3">
      <label className="label" htmlFor="opt-cur">
        {t('imports.mapping.currency')}
      </label>
      <input
        className="input w-28 uppercase"
        id="opt-cur"
        maxLength={3}
        value={currency}
        onChange={(e) => onCurrency(e.target.value.toUpperCase())}
      />
      <p className={`mt-1 text-xs ${detected ? 'text-slate-600' : 'text-amber-700'}`} data-testid="currency-note">
        {note}
      </p>
      {decimalComma && <p className="mt-1 text-xs text-slate-600">{t('importReview.currency.decimalComma')}</p>}
      {missing.length > 0 && (
        <fieldset className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="missing-rates">
          <legend className="px-1 text-sm font-medium text-amber-900">{t('importReview.currency.missingRates')}</legend>
          <div className="flex flex-wrap gap-4">
            {missing.map((c) => (
              <div key={c}>
                <label className="label" htmlFor={`rate-${c}`}>
                  {t('importReview.currency.rateLabel', { currency: c, base: baseCurrency })}
                </label>
                <input
                  className="input w-36"
                  id={`rate-${c}`}
                  inputMode="decimal"
                  value={rates[c] ?? ''}
                  onChange={(e) => onRate(c, e.target.value)}
                />
              </div>
            ))}
          </div>
          <p className="mt-2 text-xs text-amber-900">{t('importReview.currency.ratesHelp')}</p>
        </fieldset>
      )}
    </div>
  );
}
