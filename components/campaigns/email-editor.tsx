'use client';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';

export type EmailTemplate = { subject: string; preheader: string; body: string; productCount: number };
type Field = 'subject' | 'preheader' | 'body';

/**
 * One message's template in one language with merge fields and recommended products: for e-mail the subject,
 * preheader and body; for push the title (stored as the subject) and body; for SMS the text only.
 */
export function EmailEditor({
  channel,
  campaignId,
  variantKey,
  locale,
  template,
  mergeFields,
  editable,
  save,
}: {
  channel: 'email' | 'sms' | 'push';
  campaignId: number;
  variantKey: string;
  locale: 'en' | 'zh-CN';
  template: EmailTemplate | null;
  mergeFields: string[];
  editable: boolean;
  save: (input: unknown) => Promise<ActionResult<{ ok: true }>>;
}) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [withProducts, setWithProducts] = useState((template?.productCount ?? 3) > 0);
  const refs = {
    subject: useRef<HTMLInputElement>(null),
    preheader: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
  };
  const lastField = useRef<Field>('body');
  const id = (name: string) => `email-${name}`;
  const email = channel === 'email';
  const words = email
    ? {
        subject: t('email.templates.subject'),
        body: t('email.templates.body'),
        productsBlock: t('email.templates.productsBlock'),
        productCountHelp: t('email.templates.productCountHelp'),
        save: t('email.templates.save'),
        saved: t('email.templates.saved'),
        readOnly: t('email.templates.readOnly'),
      }
    : {
        subject: t('email.channelMessage.title'),
        body: channel === 'sms' ? t('email.channelMessage.text') : t('email.channelMessage.body'),
        productsBlock: t('email.channelMessage.productsBlock'),
        productCountHelp: t('email.channelMessage.productCountHelp'),
        save: t('email.channelMessage.save'),
        saved: t('email.channelMessage.saved'),
        readOnly: t('email.channelMessage.readOnly'),
      };

  /** Puts `{{field}}` at the cursor of the field last typed in (the body by default). */
  const insert = (field: string) => {
    const el = refs[lastField.current].current;
    if (!el) return;
    const at = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? at;
    const token = `{{${field}}}`;
    el.value = el.value.slice(0, at) + token + el.value.slice(end);
    el.focus();
    el.setSelectionRange(at + token.length, at + token.length);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    const productCount = withProducts ? data.productCount : 0;
    start(async () => {
      const r = await save({ ...data, productCount, campaignId, variantKey, locale });
      setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      setResult(r.ok ? { ok: true, message: words.saved } : r);
    });
  };

  const error = (name: string) =>
    errors[name]?.length ? (
      <p className="mt-1 text-xs text-red-700" id={id(`${name}-error`)}>
        {errors[name]!.join(' ')}
      </p>
    ) : null;
  const described = (name: string) => (errors[name]?.length ? id(`${name}-error`) : undefined);

  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="email-editor" lang={locale}>
      {!template && <p className="text-sm text-amber-800">{t('email.templates.notSaved')}</p>}
      <fieldset disabled={!editable || pending} className="space-y-3">
        {channel !== 'sms' && (
          <div>
            <label className="label" htmlFor={id('subject')}>
              {words.subject}
            </label>
            <input
              ref={refs.subject}
              className="input"
              id={id('subject')}
              name="subject"
              maxLength={200}
              required
              defaultValue={template?.subject ?? ''}
              onFocus={() => (lastField.current = 'subject')}
              aria-invalid={Boolean(errors.subject?.length)}
              aria-describedby={described('subject')}
            />
            {error('subject')}
          </div>
        )}
        {email && (
          <div>
            <label className="label" htmlFor={id('preheader')}>
              {t('email.templates.preheader')}
            </label>
            <input
              ref={refs.preheader}
              className="input"
              id={id('preheader')}
              name="preheader"
              maxLength={200}
              defaultValue={template?.preheader ?? ''}
              onFocus={() => (lastField.current = 'preheader')}
              aria-invalid={Boolean(errors.preheader?.length)}
              aria-describedby={described('preheader')}
            />
            {error('preheader')}
          </div>
        )}
        <div>
          <label className="label" htmlFor={id('body')}>
            {words.body}
          </label>
          <textarea
            ref={refs.body}
            className="input min-h-40 font-mono text-sm"
            id={id('body')}
            name="body"
            rows={email ? 8 : 4}
            required
            defaultValue={template?.body ?? ''}
            onFocus={() => (lastField.current = 'body')}
            aria-invalid={Boolean(errors.body?.length)}
            aria-describedby={described('body')}
          />
          {error('body')}
          <p className="mt-1 text-xs text-slate-500">
            {t('email.templates.help', { fields: mergeFields.join(', '), example: '{{first_name|friend}}' })}
          </p>
        </div>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs text-slate-600">{t('email.templates.mergeFields')}:</legend>
          {mergeFields.map((f) => (
            <button
              key={f}
              type="button"
              className="badge bg-slate-100 font-mono hover:bg-slate-200"
              onClick={() => insert(f)}
            >
              {`{{${f}}}`}
            </button>
          ))}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={withProducts} onChange={(e) => setWithProducts(e.target.checked)} />
            {words.productsBlock}
          </label>
          <label className="flex items-center gap-2 text-sm" htmlFor={id('productCount')}>
            {t('email.templates.productCount')}
            <input
              className="input w-20"
              id={id('productCount')}
              name="productCount"
              type="number"
              min={1}
              max={8}
              disabled={!withProducts}
              defaultValue={template?.productCount || 3}
              aria-describedby={id('productCount-help')}
            />
          </label>
          <p className="w-full text-xs text-slate-500" id={id('productCount-help')}>
            {words.productCountHelp}
          </p>
          {error('productCount')}
        </div>
        {editable && (
          <button type="submit" className="btn btn-primary">
            {words.save}
          </button>
        )}
      </fieldset>
      {!editable && <p className="text-sm text-slate-500">{words.readOnly}</p>}
      <FormMessage result={result} />
    </form>
  );
}
