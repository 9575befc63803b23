'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { createTagAction } from './actions';

/** New custom tag: name in English and Chinese, a description; opens the tag's page to add members. */
export function CreateTagForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = Object.fromEntries(new FormData(e.currentTarget));
    start(async () => {
      const r = await createTagAction(input);
      setResult(r.ok ? { ok: true, message: t('portraits.tags.created') } : r);
      if (r.ok) router.push(`/tags/${r.data.id}`);
    });
  };
  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-3 md:grid-cols-[1fr_1fr_2fr_auto] md:items-end"
      aria-label={t('portraits.tags.create')}
    >
      <div>
        <label className="label" htmlFor="tag-label">
          {t('portraits.tags.name')}
        </label>
        <input className="input" id="tag-label" name="label" required maxLength={60} />
      </div>
      <div>
        <label className="label" htmlFor="tag-label-zh">
          {t('portraits.tags.nameZh')}
        </label>
        <input className="input" id="tag-label-zh" name="labelZh" maxLength={60} />
      </div>
      <div>
        <label className="label" htmlFor="tag-description">
          {t('portraits.tags.description')}
        </label>
        <input className="input" id="tag-description" name="description" maxLength={300} />
      </div>
      <button className="btn-primary" type="submit" disabled={pending}>
        {t('portraits.tags.createButton')}
      </button>
      <div className="md:col-span-4">
        <FormMessage result={result} />
      </div>
    </form>
  );
}
