'use client';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';
import type { TagCondition } from '@/lib/schemas/segment';
import { useBuilder } from './context';
import { Combobox, NumberInput, Select } from './inputs';

const label = (tag: { label: string; labelZh: string | null }, locale: string) =>
  locale === 'zh-CN' && tag.labelZh ? tag.labelZh : tag.label;

/** Tag conditions: a searchable tag picker (bilingual labels, coverage) and has / has not / score ≥ x / score ≤ x. */
export function TagEditor({
  c,
  onChange,
  bad,
}: {
  c: TagCondition;
  onChange: (c: TagCondition) => void;
  bad: (field: string) => boolean;
}) {
  const { t, f, locale } = useI18n();
  const { vocab } = useBuilder();
  const selected = vocab.tags.find((x) => x.key === c.key);
  const total = Math.max(1, vocab.customers);
  const other = (x: { label: string; labelZh: string | null }) => (locale === 'zh-CN' ? x.label : x.labelZh);
  const options = vocab.tags.map((x) => ({
    value: x.key,
    label: other(x) && other(x) !== label(x, locale) ? `${label(x, locale)} · ${other(x)}` : label(x, locale),
    hint: t('segments.tag.coverage', { count: f.number(x.customers), share: f.percent(x.customers / total) }),
    group: labelFor(t, 'segments.tag.families', x.family),
    search: `${x.label} ${x.labelZh ?? ''} ${x.key}`,
  }));
  const scored = c.op === 'score_gte' || c.op === 'score_lte';
  return (
    <>
      <Combobox
        label={t('segments.tag.search')}
        placeholder={t('segments.tag.choose')}
        value={c.key || null}
        selectedLabel={selected ? label(selected, locale) : c.key}
        options={options}
        onChange={(key) => onChange({ ...c, key })}
        noMatch={t('segments.tag.noMatch')}
        invalid={bad('key')}
      />
      <Select
        label={t('segments.value.operator')}
        value={c.op}
        options={(['has', 'has_not', 'score_gte', 'score_lte'] as const).map((o) => ({
          value: o,
          label: t(`segments.tag.ops.${o}`),
        }))}
        onChange={(op) =>
          onChange(
            op === 'score_gte' || op === 'score_lte'
              ? { ...c, op, value: typeof c.value === 'number' ? c.value : (selected?.score?.avg ?? 0.5) }
              : { id: c.id, type: 'tag', key: c.key, op },
          )
        }
      />
      {scored && (
        <NumberInput
          label={t('segments.tag.score')}
          value={c.value}
          onChange={(v) => onChange({ ...c, value: v as number })}
          invalid={bad('value')}
        />
      )}
      {selected && (
        <span className="text-xs text-slate-500">
          {t('segments.tag.coverage', {
            count: f.number(selected.customers),
            share: f.percent(selected.customers / total),
          })}
          {scored && selected.score && (
            <>
              {' '}
              ·{' '}
              {t('segments.tag.scoreRange', {
                min: selected.score.min,
                max: selected.score.max,
                avg: selected.score.avg,
              })}
            </>
          )}
        </span>
      )}
    </>
  );
}
