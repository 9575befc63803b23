'use client';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { Locale } from '@/lib/i18n/translate';

const NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The language picker; `setLocale` is the server action that remembers the choice. */
export function LocaleSwitch({ setLocale }: { setLocale: (locale: string) => Promise<ActionResult<unknown>> }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-500">
      <span className="sr-only">{t('nav.language')}</span>
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
        <path d="M10 2a8 8 0 100 16 8 8 0 000-16zm5.9 7h-2.5a12 12 0 00-1-4.4A6 6 0 0115.9 9zM10 4c.8 1 1.4 2.9 1.5 5h-3C8.6 6.9 9.2 5 10 4zM7.6 4.6A12 12 0 006.6 9H4.1a6 6 0 013.5-4.4zM4.1 11h2.5a12 12 0 001 4.4A6 6 0 014.1 11zm5.9 5c-.8-1-1.4-2.9-1.5-5h3c-.1 2.1-.7 4-1.5 5zm2.4-.6a12 12 0 001-4.4h2.5a6 6 0 01-3.5 4.4z" />
      </svg>
      <select
        aria-label={t('nav.language')}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700"
        value={locale}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            await setLocale(e.target.value);
            router.refresh();
          })
        }
      >
        {Object.entries(NAMES).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
