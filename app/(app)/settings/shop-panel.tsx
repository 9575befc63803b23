'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { deleteRateAction, saveRateAction, saveShopAction } from './actions';

export function ShopPanel({
  shop,
  rates,
}: {
  shop: { currency: string; timezone: string; allowHttpImages: boolean };
  rates: { currency: string; rateToBase: number }[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const submit = (fn: () => Promise<{ ok: boolean; message?: string }>, form?: HTMLFormElement) =>
    start(async () => {
      const r = await fn();
      setResult(r.ok ? { ok: true, message: t('settings.shop.saved') } : r);
      if (r.ok) {
        form?.reset();
        router.refresh();
      }
    });
  const onShop = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    submit(() => saveShopAction(data));
  };
  const onRate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    submit(() => saveRateAction(data), form);
  };
  return (
    <div className="space-y-6">
      <form onSubmit={onShop} className="card grid gap-3 p-4 md:grid-cols-3 md:items-end">
        <div>
          <label className="label" htmlFor="currency">
            {t('settings.shop.currency')}
          </label>
          <input
            className="input uppercase"
            id="currency"
            name="currency"
            defaultValue={shop.currency}
            maxLength={3}
            required
          />
        </div>
        <div>
          <label className="label" htmlFor="timezone">
            {t('settings.shop.timezone')}
          </label>
          <input className="input" id="timezone" name="timezone" defaultValue={shop.timezone} required />
        </div>
        <button className="btn-primary" disabled={pending} type="submit">
          {t('common.save')}
        </button>
        <label className="flex items-center gap-2 text-sm md:col-span-3">
          <input type="checkbox" name="allowHttpImages" defaultChecked={shop.allowHttpImages} />
          {t('settings.shop.allowHttpImages')}
        </label>
        <p className="text-xs text-slate-500 md:col-span-3">{t('settings.shop.currencyHelp')}</p>
      </form>
      <FormMessage result={result} />
      <section className="card p-4">
        <h3 className="mb-2 font-semibold">{t('settings.shop.rates')}</h3>
        <table className="data-table mb-4 max-w-md">
          <tbody>
            {rates.map((r) => (
              <tr key={r.currency}>
                <td className="font-mono">1 {r.currency}</td>
                <td className="tabular-nums">
                  = {r.rateToBase} {shop.currency}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn-secondary py-1"
                    disabled={pending}
                    onClick={() => submit(() => deleteRateAction(r.currency))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form onSubmit={onRate} className="flex flex-wrap items-end gap-3">
          <div>
            <label className="label" htmlFor="rate-currency">
              ISO
            </label>
            <input
              className="input w-24 uppercase"
              id="rate-currency"
              name="currency"
              maxLength={3}
              placeholder="USD"
              required
            />
          </div>
          <div>
            <label className="label" htmlFor="rate-value">
              {t('settings.shop.rate', { currency: '…', base: shop.currency })}
            </label>
            <input className="input w-40" id="rate-value" name="rateToBase" inputMode="decimal" required />
          </div>
          <button className="btn-secondary" disabled={pending} type="submit">
            {t('settings.shop.addRate')}
          </button>
        </form>
      </section>
    </div>
  );
}
