import type { Translate } from '@/lib/i18n/translate';

export function ConsentBadges({ t, email, sms, push }: { t: Translate; email: boolean; sms: boolean; push: boolean }) {
  const items = [
    { on: email, label: t('customers.consent.email') },
    { on: sms, label: t('customers.consent.sms') },
    { on: push, label: t('customers.consent.push') },
  ];
  return (
    <span className="flex flex-wrap gap-1">
      {items.map((i) => (
        <span
          key={i.label}
          className={`badge ${i.on ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-400 line-through'}`}
          title={`${i.label}: ${i.on ? t('customers.detail.granted') : t('customers.detail.notGranted')}`}
        >
          {i.label}
        </span>
      ))}
    </span>
  );
}
