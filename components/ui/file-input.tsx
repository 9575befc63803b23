'use client';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';

/**
 * A file picker in the page's language. The browser's own control says "Choose File · No file chosen" in the browser's
 * language whatever the page's, and squeezes its button on a phone. Here the real input lies transparent over a
 * button drawn in the page's words, so clicks, keyboard focus, its label (the caller's <label htmlFor={id}>) and the
 * form data stay the native ones; the chosen file's name is shown beside it.
 */
export function FileInput({
  id,
  name,
  accept,
  required,
}: {
  id: string;
  name: string;
  accept: string;
  required?: boolean;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<string | null>(null);
  useEffect(() => {
    // a form reset empties the input without a change event
    const form = input.current?.form;
    const onReset = () => setFile(null);
    form?.addEventListener('reset', onReset);
    return () => form?.removeEventListener('reset', onReset);
  }, []);
  return (
    <div className="flex min-w-0 items-center gap-3">
      <span className="relative inline-flex shrink-0 rounded-md focus-within:ring-2 focus-within:ring-brand-500 focus-within:ring-offset-1">
        <span className="btn-secondary whitespace-nowrap" aria-hidden="true">
          {t('common.chooseFile')}
        </span>
        <input
          ref={input}
          id={id}
          name={name}
          type="file"
          accept={accept}
          required={required}
          className="absolute inset-0 h-full w-full cursor-pointer opacity-0"
          onChange={(e) => setFile(e.currentTarget.files?.[0]?.name ?? null)}
        />
      </span>
      <span className="min-w-0 truncate text-sm text-slate-600" aria-hidden="true" data-testid={`${id}-name`}>
        {file ?? t('common.noFileChosen')}
      </span>
    </div>
  );
}
