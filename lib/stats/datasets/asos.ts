/** Parser for the ASOS digital experiments dataset (`asos_experiments/asos_digital_experiments_dataset.csv`). */
import type { SampleSummary } from '../descriptive';
import { columnIndex, readCsv } from './csv-text';

/** One checkpoint of one (experiment, variant, metric) series: cumulative summaries of both arms. */
export type AsosLook = { timeSinceStart: number; control: SampleSummary; treatment: SampleSummary };

/** A time series of looks, sorted by time. */
export type AsosSeries = { experimentId: string; variantId: number; metricId: number; looks: AsosLook[] };

/**
 * Groups the rows into series sorted by `time_since_start`. Missing variances (only for the count/real metrics
 * 2–4) are left as NaN; for the binary metric 1 the file always has them.
 * @example parseAsos(text).length // 396 series
 */
export function parseAsos(text: string): AsosSeries[] {
  const { header, rows } = readCsv(text);
  const names = [
    'experiment_id',
    'variant_id',
    'metric_id',
    'time_since_start',
    'count_c',
    'count_t',
    'mean_c',
    'mean_t',
    'variance_c',
    'variance_t',
  ] as const;
  const col = columnIndex(header, names, 'parseAsos');
  const series = new Map<string, AsosSeries>();
  for (const r of rows) {
    const experimentId = r[col.experiment_id] as string;
    const variantId = Number(r[col.variant_id]);
    const metricId = Number(r[col.metric_id]);
    const key = `${experimentId}|${variantId}|${metricId}`;
    let s = series.get(key);
    if (!s) {
      s = { experimentId, variantId, metricId, looks: [] };
      series.set(key, s);
    }
    s.looks.push({
      timeSinceStart: Number(r[col.time_since_start]),
      control: { n: Number(r[col.count_c]), mean: Number(r[col.mean_c]), variance: numberOrNaN(r[col.variance_c]) },
      treatment: { n: Number(r[col.count_t]), mean: Number(r[col.mean_t]), variance: numberOrNaN(r[col.variance_t]) },
    });
  }
  for (const s of series.values()) s.looks.sort((a, b) => a.timeSinceStart - b.timeSinceStart);
  return [...series.values()];
}

function numberOrNaN(value: string | undefined): number {
  return value === undefined || value === '' ? Number.NaN : Number(value);
}
