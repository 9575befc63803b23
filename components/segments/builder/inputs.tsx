'use client';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { CONTROL } from './context';

/** A labelled select; the label is visually hidden when the row reads as a sentence. */
export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  className = '',
  invalid,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  onChange: (v: T) => void;
  className?: string;
  invalid?: boolean;
}) {
  return (
    <select
      aria-label={label}
      title={label}
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
      aria-invalid={invalid || undefined}
      className={`${CONTROL} ${invalid ? 'border-red-400' : ''} ${className}`}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A number field that keeps what is typed: an empty field is '' (the schema then asks for a number). */
export function NumberInput({
  label,
  value,
  onChange,
  step = 'any',
  min,
  width = 'w-24',
  invalid,
  scale = 1,
  suffix,
}: {
  label: string;
  value: unknown;
  onChange: (v: number | '') => void;
  step?: string;
  min?: number;
  width?: string;
  invalid?: boolean;
  scale?: number;
  suffix?: string;
}) {
  const shown =
    typeof value === 'number' && Number.isFinite(value) ? String(Math.round(value * scale * 1e6) / 1e6) : '';
  const [text, setText] = useState(shown);
  // keep the text when it parses to the stored value (so "0." or "1e" can be typed); follow outside changes otherwise
  const [seen, setSeen] = useState(shown);
  if (seen !== shown) {
    setSeen(shown);
    if (text === '' ? shown !== '' : shown === '' || Number(text) !== Number(shown)) setText(shown);
  }
  return (
    <span className="inline-flex items-center gap-1">
      <input
        type="number"
        inputMode="decimal"
        step={step}
        min={min}
        aria-label={label}
        title={label}
        value={text}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim();
          onChange(v === '' || !Number.isFinite(Number(v)) ? '' : Number(v) / scale);
        }}
        className={`${CONTROL} ${width} tabular-nums ${invalid ? 'border-red-400' : ''}`}
      />
      {suffix && <span className="text-sm text-slate-500">{suffix}</span>}
    </span>
  );
}

export function TextInput({
  label,
  value,
  onChange,
  placeholder,
  list,
  width = 'w-44',
  invalid,
}: {
  label: string;
  value: unknown;
  onChange: (v: string) => void;
  placeholder?: string;
  list?: readonly string[];
  width?: string;
  invalid?: boolean;
}) {
  const id = useId();
  return (
    <>
      <input
        type="text"
        aria-label={label}
        title={label}
        value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
        placeholder={placeholder}
        list={list?.length ? id : undefined}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`${CONTROL} ${width} ${invalid ? 'border-red-400' : ''}`}
      />
      {list?.length ? (
        <datalist id={id}>
          {list.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

export function DateInput({
  label,
  value,
  onChange,
  invalid,
}: {
  label: string;
  value: unknown;
  onChange: (v: string) => void;
  invalid?: boolean;
}) {
  return (
    <input
      type="date"
      aria-label={label}
      title={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
      className={`${CONTROL} ${invalid ? 'border-red-400' : ''}`}
    />
  );
}

/** Values as chips: type and press Enter (or a comma) to add, × to remove; pasted lists are split on commas and lines. */
export function ListInput({
  label,
  values,
  onChange,
  suggestions,
  numeric,
  invalid,
}: {
  label: string;
  values: readonly (string | number)[];
  onChange: (v: (string | number)[]) => void;
  suggestions?: readonly string[];
  numeric?: boolean;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const id = useId();
  const add = (text: string) => {
    const parts = text
      .split(/[,\n，、]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const next = [...values];
    for (const p of parts) {
      const v = numeric ? Number(p) : p;
      if (numeric && !Number.isFinite(v as number)) continue;
      if (!next.includes(v)) next.push(v);
    }
    onChange(next);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'Enter' || e.key === ',') && draft.trim()) {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && !draft && values.length) onChange(values.slice(0, -1));
  };
  return (
    <span
      className={`inline-flex min-w-56 flex-wrap items-center gap-1 rounded-md border bg-white px-1.5 py-1 shadow-sm focus-within:ring-2 focus-within:ring-brand-500/40 ${invalid ? 'border-red-400' : 'border-slate-300'}`}
    >
      {values.map((v) => (
        <span key={String(v)} className="badge bg-brand-50 text-brand-700">
          {String(v)}
          <button
            type="button"
            className="ml-1 text-brand-500 hover:text-brand-700"
            aria-label={t('segments.value.removeValue', { value: String(v) })}
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={label}
        title={label}
        value={draft}
        list={suggestions?.length ? id : undefined}
        placeholder={values.length ? '' : t('segments.value.listPlaceholder')}
        onChange={(e) => (/[,\n]/.test(e.target.value) ? add(e.target.value) : setDraft(e.target.value))}
        onKeyDown={onKey}
        onBlur={() => draft.trim() && add(draft)}
        className="min-w-32 flex-1 border-0 px-1 py-0.5 text-sm focus:ring-0 focus:outline-none"
      />
      {suggestions?.length ? (
        <datalist id={id}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((v) => (
              <option key={v} value={v} />
            ))}
        </datalist>
      ) : null}
    </span>
  );
}

export type ComboOption = { value: string; label: string; hint?: ReactNode; group?: string; search?: string };

/**
 * A searchable picker: a button showing the choice; it opens a search box over a list (arrow keys, Enter, Escape).
 * `onSearch` lets the caller fetch options for the typed text (products); otherwise options are filtered here.
 */
export function Combobox({
  label,
  placeholder,
  value,
  selectedLabel,
  options,
  onChange,
  onSearch,
  noMatch,
  loading,
  invalid,
  width = 'w-64',
}: {
  label: string;
  placeholder: string;
  value: string | null;
  selectedLabel?: string | null;
  options: readonly ComboOption[];
  onChange: (v: string) => void;
  onSearch?: (q: string) => void;
  noMatch: string;
  loading?: boolean;
  invalid?: boolean;
  width?: string;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const shown = useMemo(() => {
    if (onSearch || !q.trim()) return options.slice(0, 200);
    const needle = q.trim().toLowerCase();
    return options.filter((o) => (o.search ?? o.label).toLowerCase().includes(needle)).slice(0, 200);
  }, [options, q, onSearch]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  useEffect(() => {
    if (open) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, listId]);
  /** Closes the list; the focus goes back to the button when it was in the list (not when it left by Tab). */
  const close = (refocus: boolean) => {
    setOpen(false);
    setQ('');
    if (refocus) trigger.current?.focus();
  };
  const pick = (o: ComboOption) => {
    onChange(o.value);
    close(true);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(shown.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (shown[active]) pick(shown[active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };
  let lastGroup: string | undefined;
  return (
    <div ref={box} className={`relative inline-block ${width}`}>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        title={label}
        onClick={() => setOpen((o) => !o)}
        className={`${CONTROL} flex w-full items-center justify-between gap-2 text-left ${invalid ? 'border-red-400' : ''}`}
      >
        <span className={`truncate ${value ? '' : 'text-slate-400'}`}>
          {value ? (selectedLabel ?? value) : placeholder}
        </span>
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <div className="absolute z-30 mt-1 w-[28rem] max-w-[80vw] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <input
            // biome-ignore lint/a11y/noAutofocus: the search field of a picker the user just opened takes the focus
            autoFocus
            role="combobox"
            aria-label={label}
            aria-expanded
            aria-controls={listId}
            aria-autocomplete="list"
            value={q}
            placeholder={label}
            aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
            onChange={(e) => {
              setQ(e.target.value);
              setActive(0);
              onSearch?.(e.target.value);
            }}
            onKeyDown={onKey}
            className={`${CONTROL} mb-2 w-full`}
          />
          {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox driven by the combobox through aria-activedescendant */}
          <ul id={listId} role="listbox" aria-label={label} className="max-h-72 overflow-y-auto">
            {loading && <li className="px-2 py-1.5 text-sm text-slate-500">…</li>}
            {!loading && shown.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-500">{noMatch}</li>}
            {shown.map((o, i) => {
              const heading = o.group && o.group !== lastGroup ? o.group : null;
              lastGroup = o.group;
              return (
                <li key={o.value} role="presentation">
                  {heading && (
                    <div className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-400 uppercase">
                      {heading}
                    </div>
                  )}
                  {/* biome-ignore lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard in the combobox (arrows, Enter) */}
                  <div
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={o.value === value}
                    tabIndex={-1}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => pick(o)}
                    className={`flex cursor-pointer items-center justify-between gap-3 rounded-md px-2 py-1.5 text-sm ${i === active ? 'bg-brand-50 outline-2 -outline-offset-2 outline-brand-600' : ''} ${o.value === value ? 'font-medium text-brand-700' : ''}`}
                  >
                    <span className="truncate">{o.label}</span>
                    {o.hint && <span className="shrink-0 text-xs text-slate-500">{o.hint}</span>}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
