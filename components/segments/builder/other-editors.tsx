'use client';
import { useI18n } from '@/components/i18n-provider';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import { RFM_GROUPS } from '@/lib/engine/portrait/rfm-segments';
import { labelFor } from '@/lib/i18n/message-ref';
import {
  CHANNELS,
  CUSTOMER_FIELDS,
  DATE_OPS,
  NUMBER_OPS,
  PROFILE_FIELDS,
  VALUE_TYPES,
  type AttributeCondition,
  type CompareOp,
  type ConsentCondition,
  type CustomerField,
  type OrdersCondition,
  type ProfileCondition,
  type ProfileField,
  type SegmentRefCondition,
  type ValueType,
} from '@/lib/schemas/segment';
import { Comparison, valueForOp } from './comparison';
import { useBuilder } from './context';
import { Select, TextInput } from './inputs';
import { WindowEditor } from './window';

type Bad = (field: string) => boolean;
const DEFAULT_OP: Record<ValueType, CompareOp> = {
  string: 'eq',
  number: 'gte',
  date: 'in_last_days',
  boolean: 'is_true',
};

/** Customer attributes: built-in columns and imported attributes (read as text, number, date or yes/no). */
export function AttributeEditor({
  c,
  onChange,
  bad,
}: {
  c: AttributeCondition;
  onChange: (c: AttributeCondition) => void;
  bad: Bad;
}) {
  const { t } = useI18n();
  const { vocab } = useBuilder();
  const type: ValueType = c.field === 'custom' ? (c.valueType ?? 'string') : CUSTOMER_FIELDS[c.field];
  const suggestions =
    c.field === 'region'
      ? vocab.regions
      : c.field === 'city'
        ? vocab.cities
        : c.field === 'gender'
          ? vocab.genders
          : undefined;
  const retype = (next: ValueType, base: AttributeCondition): AttributeCondition => {
    const op = next === type && base.op ? base.op : DEFAULT_OP[next];
    return { ...base, op, value: valueForOp(op, next, next === type ? base.value : undefined) };
  };
  const setField = (field: CustomerField | 'custom') => {
    const base: AttributeCondition = { id: c.id, type: 'attribute', field, op: c.op, value: c.value };
    if (field === 'custom') Object.assign(base, { key: '', valueType: 'string' as const });
    const next: ValueType = field === 'custom' ? 'string' : CUSTOMER_FIELDS[field];
    onChange(next === type ? base : retype(next, base));
  };
  return (
    <>
      <Select
        label={t('segments.attribute.field')}
        value={c.field}
        options={[...(Object.keys(CUSTOMER_FIELDS) as CustomerField[]), 'custom' as const].map((k) => ({
          value: k,
          label: t(`segments.fields.${k}`),
        }))}
        onChange={setField}
      />
      {c.field === 'custom' && (
        <>
          <TextInput
            label={t('segments.attribute.key')}
            value={c.key ?? ''}
            placeholder={t('segments.attribute.keyPlaceholder')}
            list={vocab.attributeKeys}
            width="w-36"
            onChange={(key) => onChange({ ...c, key })}
            invalid={bad('key')}
          />
          <Select
            label={t('segments.attribute.valueType')}
            value={type}
            options={VALUE_TYPES.map((v) => ({
              value: v,
              label: `${t('segments.attribute.valueType')}: ${t(`segments.attribute.valueTypes.${v}`)}`,
            }))}
            onChange={(v) => onChange(retype(v, { ...c, valueType: v }))}
            invalid={bad('valueType')}
          />
        </>
      )}
      <Comparison
        type={type}
        op={c.op}
        value={c.value}
        suggestions={suggestions}
        onChange={(op, value) => onChange({ ...c, op, value })}
        invalid={bad('value') || bad('op')}
      />
    </>
  );
}

/** Orders: number of orders, revenue or average order value in a window, compared with a number. */
export function OrdersEditor({
  c,
  onChange,
  bad,
}: {
  c: OrdersCondition;
  onChange: (c: OrdersCondition) => void;
  bad: Bad;
}) {
  const { t } = useI18n();
  return (
    <>
      <Select
        label={t('segments.orders.metric')}
        value={c.metric}
        options={(['count', 'revenue', 'aov'] as const).map((m) => ({
          value: m,
          label: t(`segments.orders.metrics.${m}`),
        }))}
        onChange={(metric) => onChange({ ...c, metric })}
      />
      <WindowEditor
        value={c.window}
        onChange={(window) => onChange({ ...c, window })}
        invalid={bad('window') || bad('window.days') || bad('window.to')}
      />
      <Comparison
        type="number"
        op={c.op}
        value={c.value}
        ops={['gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'between']}
        onChange={(op, value) =>
          onChange({ ...c, op: op as OrdersCondition['op'], value: value as number | [number, number] })
        }
        invalid={bad('value')}
      />
      <span className="w-full text-xs text-slate-500">{t('segments.orders.note')}</span>
    </>
  );
}

/** RFM group or lifecycle stage: is one of / is none of, as checkboxes. */
export function ChoiceEditor({
  c,
  onChange,
  bad,
}: {
  c: ProfileCondition;
  onChange: (c: ProfileCondition) => void;
  bad: Bad;
}) {
  const { t } = useI18n();
  const isRfm = c.field === 'rfmGroup';
  const choices: readonly string[] = isRfm ? RFM_GROUPS : LIFECYCLE_STAGES;
  const label = (v: string) => labelFor(t, isRfm ? 'portraits.rfm.labels' : 'portraits.lifecycle.stages', v);
  const picked = Array.isArray(c.value) ? (c.value as string[]) : [];
  const op = c.op === 'not_in' ? 'not_in' : 'in';
  const toggle = (v: string) =>
    onChange({
      ...c,
      op,
      value: picked.includes(v) ? picked.filter((x) => x !== v) : choices.filter((x) => x === v || picked.includes(x)),
    });
  return (
    <>
      <Select
        label={t('segments.value.operator')}
        value={op}
        options={(['in', 'not_in'] as const).map((o) => ({ value: o, label: t(`segments.choices.${o}`) }))}
        onChange={(o) => onChange({ ...c, op: o, value: picked })}
      />
      <fieldset
        className={`flex flex-wrap gap-1.5 rounded-md ${bad('value') ? 'ring-2 ring-red-200' : ''}`}
        aria-label={t(`segments.fields.${c.field}`)}
      >
        {choices.map((v) => (
          <label
            key={v}
            className={`badge cursor-pointer gap-1 py-1 ring-1 ring-inset ${picked.includes(v) ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
          >
            <input type="checkbox" className="sr-only" checked={picked.includes(v)} onChange={() => toggle(v)} />
            {label(v)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

export const PREDICTED_FIELDS = [
  'clv365',
  'churnProbability',
  'pAlive',
  'expPurchases30',
  'expPurchases90',
  'expPurchases365',
  'recencyDays',
  'rfmR',
  'rfmF',
  'rfmM',
  'firstSeenAt',
  'lastSeenAt',
] as const satisfies readonly ProfileField[];
const PERCENT = new Set<string>(['churnProbability', 'pAlive']);
const NUMBER_COMPARE: readonly CompareOp[] = NUMBER_OPS.filter((o) => o !== 'in' && o !== 'not_in');

/** Predicted value, churn and the other portrait numbers (probabilities entered in percent). */
export function PredictedEditor({
  c,
  onChange,
  bad,
}: {
  c: ProfileCondition;
  onChange: (c: ProfileCondition) => void;
  bad: Bad;
}) {
  const { t } = useI18n();
  const type = PROFILE_FIELDS[c.field];
  return (
    <>
      <Select
        label={t('segments.predicted.field')}
        value={c.field as (typeof PREDICTED_FIELDS)[number]}
        options={PREDICTED_FIELDS.map((k) => ({ value: k, label: t(`segments.fields.${k}`) }))}
        onChange={(field) => {
          const next = PROFILE_FIELDS[field];
          const op = next === type ? c.op : DEFAULT_OP[next];
          onChange({
            ...c,
            field,
            op,
            value:
              next === type && PERCENT.has(field) === PERCENT.has(c.field) ? c.value : valueForOp(op, next, undefined),
          });
        }}
      />
      <Comparison
        type={type}
        op={c.op}
        value={c.value}
        ops={type === 'date' ? DATE_OPS : NUMBER_COMPARE}
        percent={PERCENT.has(c.field)}
        onChange={(op, value) => onChange({ ...c, op, value })}
        invalid={bad('value') || bad('op')}
      />
    </>
  );
}

/** Consent: has (not) agreed to e-mail / SMS / push. */
export function ConsentEditor({ c, onChange }: { c: ConsentCondition; onChange: (c: ConsentCondition) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Select
        label={t('segments.value.operator')}
        value={c.op}
        options={(['granted', 'not_granted'] as const).map((o) => ({ value: o, label: t(`segments.consent.${o}`) }))}
        onChange={(op) => onChange({ ...c, op })}
      />
      <Select
        label={t('segments.consent.channel')}
        value={c.channel}
        options={CHANNELS.map((ch) => ({ value: ch, label: t(`segments.consent.channels.${ch}`) }))}
        onChange={(channel) => onChange({ ...c, channel })}
      />
    </>
  );
}

/** Membership of another saved segment (the one being edited is not offered; cycles are refused when counted). */
export function SegmentRefEditor({
  c,
  onChange,
  bad,
}: {
  c: SegmentRefCondition;
  onChange: (c: SegmentRefCondition) => void;
  bad: Bad;
}) {
  const { t } = useI18n();
  const { vocab } = useBuilder();
  if (vocab.segments.length === 0) return <span className="text-sm text-slate-500">{t('segments.ref.none')}</span>;
  return (
    <>
      <Select
        label={t('segments.value.operator')}
        value={c.op}
        options={(['member', 'not_member'] as const).map((o) => ({ value: o, label: t(`segments.ref.${o}`) }))}
        onChange={(op) => onChange({ ...c, op })}
      />
      <Select
        label={t('segments.kinds.segment')}
        value={c.segmentId ? String(c.segmentId) : ''}
        className="max-w-72"
        invalid={bad('segmentId') || bad('')}
        options={[
          { value: '', label: t('segments.ref.choose'), disabled: true },
          ...vocab.segments.map((s) => ({
            value: String(s.id),
            label: `${s.name}${s.archived ? ` ${t('segments.ref.archived')}` : ''}`,
          })),
        ]}
        onChange={(v) => onChange({ ...c, segmentId: Number(v) })}
      />
    </>
  );
}
