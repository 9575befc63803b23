'use client';
import { useI18n } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import { OPS_BY_TYPE, type CompareOp, type Scalar, type ValueType } from '@/lib/schemas/segment';
import { DateInput, ListInput, NumberInput, Select, TextInput } from './inputs';

type Value = Scalar | Scalar[] | undefined;
const NO_VALUE: readonly CompareOp[] = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];

/** The value a comparison keeps when its operator changes: a list for in/not_in, a pair for between, days, or one value. */
export function valueForOp(op: CompareOp, type: ValueType, value: Value): Value {
  const first = Array.isArray(value) ? value[0] : value;
  if (NO_VALUE.includes(op)) return undefined;
  if (op === 'in_last_days' || op === 'more_than_days_ago')
    return typeof first === 'number' && Number.isInteger(first) && type !== 'date' ? first : 30;
  if (op === 'between') return Array.isArray(value) && value.length === 2 ? value : [first ?? '', ''];
  if (op === 'in' || op === 'not_in')
    return Array.isArray(value) ? value.filter((v) => v !== '') : first === undefined || first === '' ? [] : [first];
  if (type === 'date' && typeof first === 'number') return '';
  return first ?? '';
}

const DATE_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'] as const;
const isDateOp = (op: CompareOp): op is (typeof DATE_OPS)[number] => (DATE_OPS as readonly string[]).includes(op);

/** Operator names: dates read "before / after / on", others "is / less than / contains…". */
export function opLabel(t: (k: MessageKey) => string, type: ValueType, op: CompareOp) {
  if (type === 'date' && isDateOp(op)) return t(`segments.dateOps.${op}`);
  return t(`segments.ops.${op}`);
}

/**
 * Operator and value(s) of a comparison, by value type: text, number (optionally shown in percent), date, yes/no.
 * `invalid` marks the value controls when the schema reported a problem with them.
 */
export function Comparison({
  type,
  op,
  value,
  ops,
  onChange,
  suggestions,
  percent,
  invalid,
}: {
  type: ValueType;
  op: CompareOp;
  value: Value;
  ops?: readonly CompareOp[];
  onChange: (op: CompareOp, value: Value) => void;
  suggestions?: readonly string[];
  percent?: boolean;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const allowed = ops ?? OPS_BY_TYPE[type];
  const scale = percent ? 100 : 1;
  const suffix = percent ? t('segments.value.percent') : undefined;
  const one = (v: unknown, set: (v: Scalar) => void, label = t('segments.value.value')) => {
    if (type === 'number')
      return <NumberInput label={label} value={v} onChange={set} invalid={invalid} scale={scale} suffix={suffix} />;
    if (type === 'date') return <DateInput label={label} value={v} onChange={set} invalid={invalid} />;
    return <TextInput label={label} value={v} onChange={set} list={suggestions} invalid={invalid} />;
  };
  const pair = Array.isArray(value) ? value : ['', ''];
  return (
    <>
      <Select
        label={t('segments.value.operator')}
        value={op}
        options={allowed.map((o) => ({ value: o, label: opLabel(t, type, o) }))}
        onChange={(o) => onChange(o, valueForOp(o, type, value))}
      />
      {NO_VALUE.includes(op) ? null : op === 'in_last_days' || op === 'more_than_days_ago' ? (
        <NumberInput
          label={t('segments.value.days')}
          value={value}
          step="1"
          min={0}
          onChange={(v) => onChange(op, v)}
          invalid={invalid}
          suffix={t('segments.value.days')}
        />
      ) : op === 'between' ? (
        <span className="inline-flex items-center gap-1.5">
          {one(pair[0], (v) => onChange(op, [v, pair[1] ?? '']), t('segments.value.from'))}
          <span className="text-sm text-slate-500">{t('segments.value.and')}</span>
          {one(pair[1], (v) => onChange(op, [pair[0] ?? '', v]), t('segments.value.to'))}
        </span>
      ) : op === 'in' || op === 'not_in' ? (
        <ListInput
          label={t('segments.value.value')}
          values={Array.isArray(value) ? (value as (string | number)[]) : []}
          numeric={type === 'number'}
          suggestions={suggestions}
          onChange={(v) => onChange(op, v)}
          invalid={invalid}
        />
      ) : (
        one(value, (v) => onChange(op, v))
      )}
    </>
  );
}
