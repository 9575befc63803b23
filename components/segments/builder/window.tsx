'use client';
import { useI18n } from '@/components/i18n-provider';
import type { Frequency, TimeWindow } from '@/lib/schemas/segment';
import { DateInput, NumberInput, Select } from './inputs';

const isoToday = () => new Date().toISOString().slice(0, 10);
const isoDaysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

/** "over all time" / "in the last N days" / "between two dates" (whole UTC days, both included). */
export function WindowEditor({
  value,
  onChange,
  invalid,
}: {
  value: TimeWindow | undefined;
  onChange: (w: TimeWindow) => void;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const w = value ?? { type: 'all_time' };
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Select
        label={t('segments.window.label')}
        value={w.type}
        options={(['all_time', 'last_days', 'between'] as const).map((x) => ({
          value: x,
          label: t(`segments.window.${x}`),
        }))}
        onChange={(type) =>
          onChange(
            type === 'all_time'
              ? { type }
              : type === 'last_days'
                ? { type, days: w.type === 'last_days' ? w.days : 30 }
                : { type, from: isoDaysAgo(30), to: isoToday() },
          )
        }
      />
      {w.type === 'last_days' && (
        <NumberInput
          label={t('segments.value.days')}
          value={w.days}
          step="1"
          min={1}
          width="w-20"
          onChange={(days) => onChange({ type: 'last_days', days: days as number })}
          invalid={invalid}
          suffix={t('segments.value.days')}
        />
      )}
      {w.type === 'between' && (
        <>
          <DateInput
            label={t('segments.value.from')}
            value={w.from}
            onChange={(from) => onChange({ ...w, from })}
            invalid={invalid}
          />
          <span className="text-sm text-slate-500">–</span>
          <DateInput
            label={t('segments.value.to')}
            value={w.to}
            onChange={(to) => onChange({ ...w, to })}
            invalid={invalid}
          />
        </>
      )}
    </span>
  );
}

/** "at least / at most / exactly N times" or "between A and B times". */
export function FrequencyEditor({
  value,
  onChange,
  invalid,
}: {
  value: Frequency | undefined;
  onChange: (f: Frequency) => void;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const f = value ?? { op: 'at_least', value: 1 };
  const single = f.op === 'between' ? f.value[0] : f.value;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Select
        label={t('segments.behaviour.howOften')}
        value={f.op}
        options={(['at_least', 'at_most', 'exactly', 'between'] as const).map((x) => ({
          value: x,
          label: t(`segments.behaviour.frequency.${x}`),
        }))}
        onChange={(op) =>
          onChange(
            op === 'between'
              ? { op, value: [single, Math.max(single, f.op === 'between' ? f.value[1] : single + 1)] }
              : { op, value: single },
          )
        }
      />
      {f.op === 'between' ? (
        <>
          <NumberInput
            label={t('segments.value.from')}
            value={f.value[0]}
            step="1"
            min={0}
            width="w-16"
            onChange={(v) => onChange({ op: 'between', value: [v as number, f.value[1]] })}
            invalid={invalid}
          />
          <span className="text-sm text-slate-500">{t('segments.value.and')}</span>
          <NumberInput
            label={t('segments.value.to')}
            value={f.value[1]}
            step="1"
            min={0}
            width="w-16"
            onChange={(v) => onChange({ op: 'between', value: [f.value[0], v as number] })}
            invalid={invalid}
          />
        </>
      ) : (
        <NumberInput
          label={t('segments.behaviour.times')}
          value={f.value}
          step="1"
          min={0}
          width="w-16"
          onChange={(v) => onChange({ op: f.op, value: v as number })}
          invalid={invalid}
        />
      )}
      <span className="text-sm text-slate-600">{t('segments.behaviour.times')}</span>
    </span>
  );
}
