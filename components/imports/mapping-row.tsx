'use client';
import { useI18n } from '@/components/i18n-provider';
import type { FieldSpec } from '@/lib/import/fields';
import type { MappingProposal } from '@/lib/import/mapping';
import { confidenceLevel, describeReasons } from './proposal-reasons';

const LEVEL_STYLE = {
  high: 'bg-emerald-50 text-emerald-800',
  medium: 'bg-amber-50 text-amber-800',
  low: 'bg-slate-100 text-slate-600',
};

type Props = {
  spec: FieldSpec;
  header: string[];
  chosen: string;
  proposal: MappingProposal | undefined;
  sample: string;
  onChange(column: string): void;
};

/** One field of the mapping table: its column, how sure the proposal is and why, a weak suggestion to accept. */
export function MappingRow({ spec, header, chosen, proposal: p, sample, onChange }: Props) {
  const { t, f, locale } = useI18n();
  const isProposed = Boolean(chosen && p?.column === chosen);
  const level = p ? confidenceLevel(p.confidence) : 'low';
  const reasons = p && (isProposed || (!chosen && p.column)) ? describeReasons(t, f.percent, p.reasons) : [];
  return (
    <tr data-field={spec.key}>
      <td>
        <span className="font-medium">{locale === 'zh-CN' ? spec.labelZh : spec.label}</span>{' '}
        <code className="text-xs text-slate-500">{spec.key}</code>
        {spec.required && <span className="badge ml-2 bg-red-50 text-red-700">{t('imports.mapping.required')}</span>}
      </td>
      <td>
        <select
          aria-label={`${t('imports.mapping.column')}: ${spec.key}`}
          className={`input min-w-40 ${spec.required && !chosen ? 'border-red-400' : ''}`}
          value={chosen}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('imports.mapping.notMapped')}</option>
          {header.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      </td>
      <td className="text-xs" data-testid={`confidence-${spec.key}`}>
        {isProposed && p && (
          <span className={`badge ${LEVEL_STYLE[level]}`} title={reasons.join('; ')}>
            {t(`importReview.confidence.${level}`)} {f.percent(p.confidence)}
          </span>
        )}
        {chosen && !isProposed && <span className="text-slate-500">{t('importReview.chosenByYou')}</span>}
        {!chosen && p?.column && (
          <span className="flex flex-wrap items-center gap-2 text-slate-500">
            {t('importReview.suggestion', { column: p.column, confidence: f.percent(p.confidence) })}
            <button type="button" className="text-brand-700 underline" onClick={() => onChange(p.column!)}>
              {t('importReview.useSuggestion')}
            </button>
          </span>
        )}
        {reasons.length > 0 && (
          <ul className="mt-1 list-disc pl-4 text-slate-500">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="max-w-xs truncate font-mono text-xs text-slate-600">{sample}</td>
    </tr>
  );
}
