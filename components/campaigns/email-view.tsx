'use client';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { getCampaignEmail } from '@/lib/services/email/templates';
import { EmailDelivery } from './email-delivery';
import { EmailEditor } from './email-editor';
import { EmailPreview, type PreviewActions } from './email-preview';

type CampaignEmail = Awaited<ReturnType<typeof getCampaignEmail>>;
const LOCALES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '中文' },
] as const;

/**
 * The e-mail tab (the message tab of SMS and push campaigns): pick a message and a language, write it, preview it
 * with a real customer; for e-mail also follow the sending.
 */
export function EmailView({
  campaignId,
  channel,
  email,
  editable,
  canEdit,
  launched,
  actions,
}: {
  campaignId: number;
  channel: 'email' | 'sms' | 'push';
  email: CampaignEmail;
  editable: boolean;
  canEdit: boolean;
  launched: boolean;
  actions: PreviewActions & { save: (input: unknown) => Promise<ActionResult<{ ok: true }>> };
}) {
  const { t } = useI18n();
  const [variantKey, setVariantKey] = useState(email.variants[0]?.key ?? '');
  const [locale, setLocale] = useState<'en' | 'zh-CN'>('en');
  const variant = email.variants.find((v) => v.key === variantKey);
  const template = variant?.templates.find((x) => x.locale === locale) ?? null;
  const pill = (on: boolean) =>
    `rounded-full px-3 py-1 text-sm ${on ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`;
  return (
    <div className="space-y-6">
      {channel === 'email' && <EmailDelivery counts={email.counts} audience={email.audience} launched={launched} />}
      <div className="card flex flex-wrap items-center gap-x-6 gap-y-3 p-4">
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="float-left mr-1 text-sm text-slate-600">{t('email.templates.message')}</legend>
          {email.variants.map((v) => (
            <button
              key={v.key}
              type="button"
              aria-pressed={v.key === variantKey}
              className={pill(v.key === variantKey)}
              onClick={() => setVariantKey(v.key)}
            >
              {v.name}
            </button>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-2">
          <legend className="float-left mr-1 text-sm text-slate-600">{t('email.templates.language')}</legend>
          {LOCALES.map((l) => (
            <button
              key={l.code}
              type="button"
              lang={l.code}
              aria-pressed={l.code === locale}
              className={pill(l.code === locale)}
              onClick={() => setLocale(l.code)}
            >
              {l.label}
            </button>
          ))}
        </fieldset>
      </div>
      {variant && (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="card p-4">
            <EmailEditor
              key={`${variantKey}|${locale}`}
              channel={channel}
              campaignId={campaignId}
              variantKey={variantKey}
              locale={locale}
              template={template}
              mergeFields={email.mergeFields}
              editable={editable && canEdit}
              save={actions.save}
            />
          </div>
          <div className="card p-4">
            <EmailPreview
              campaignId={campaignId}
              variantKey={variantKey}
              locale={locale}
              email={channel === 'email'}
              canTest={canEdit && channel === 'email'}
              actions={actions}
            />
          </div>
        </div>
      )}
    </div>
  );
}
