import { type CheckDefinition, checkDefinition, QUALITY_CHECKS } from './checks';

export type CheckCount = { code: string; count: number; total: number };
export type CheckLevel = 'ok' | 'warn' | 'bad';
export type CheckResult = CheckCount & {
  category: CheckDefinition['category'];
  /** count / total; 0 when nothing was looked at */
  rate: number;
  level: CheckLevel;
};

/**
 * The level of a check: fine at a rate of 0 or at most `warnAbove`, a problem above `badAbove`, a warning between.
 * @example
 * levelOf(0.02, { warnAbove: 0, badAbove: 0.01 }) // 'bad'
 */
export function levelOf(rate: number, def: Pick<CheckDefinition, 'warnAbove' | 'badAbove'>): CheckLevel {
  if (rate === 0 || rate <= def.warnAbove) return 'ok';
  return rate > def.badAbove ? 'bad' : 'warn';
}

/** Each stored count with its rate and level, in the order of QUALITY_CHECKS; unknown codes are left out. */
export function summariseChecks(counts: CheckCount[]): CheckResult[] {
  const byCode = new Map(counts.map((c) => [c.code, c]));
  return QUALITY_CHECKS.flatMap((def) => {
    const c = byCode.get(def.code);
    if (!c) return [];
    const rate = c.total > 0 ? c.count / c.total : 0;
    return [{ ...c, category: def.category, rate, level: levelOf(rate, def) }];
  });
}

/**
 * One number for the trend at the top of the page: the mean share of good rows over the checks that looked at
 * something, as a percentage (100 = no problem found). Null when no check had rows.
 * @example
 * qualityScore([{ code: 'customerEmail', count: 1, total: 4 }, { code: 'eventDate', count: 0, total: 10 }]) // 87.5
 */
export function qualityScore(counts: CheckCount[]): number | null {
  const looked = counts.filter((c) => c.total > 0 && checkDefinition(c.code));
  if (looked.length === 0) return null;
  return (100 * looked.reduce((s, c) => s + (1 - c.count / c.total), 0)) / looked.length;
}

export type StoredRun = { id: number; finishedAt: Date; counts: CheckCount[] };

/**
 * Per check, its counts over the runs (oldest first), for the sparklines; a check missing from a run (added later)
 * has no point there.
 * @example
 * checkTrends([{ id: 1, finishedAt: d1, counts: [{ code: 'eventDate', count: 3, total: 9 }] },
 *              { id: 2, finishedAt: d2, counts: [{ code: 'eventDate', count: 1, total: 9 }] }])
 * // Map { 'eventDate' => [{ runId: 1, at: d1, count: 3, rate: 1/3 }, { runId: 2, at: d2, count: 1, rate: 1/9 }] }
 */
export function checkTrends(runs: StoredRun[]) {
  const out = new Map<string, { runId: number; at: Date; count: number; rate: number }[]>();
  for (const run of [...runs].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime())) {
    for (const c of run.counts) {
      const points = out.get(c.code) ?? [];
      points.push({ runId: run.id, at: run.finishedAt, count: c.count, rate: c.total > 0 ? c.count / c.total : 0 });
      out.set(c.code, points);
    }
  }
  return out;
}

/** Stored results as written by older or newer versions: keep the well-formed entries only. */
export function parseCounts(value: unknown): CheckCount[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) =>
    v &&
    typeof v === 'object' &&
    typeof v.code === 'string' &&
    Number.isFinite(v.count) &&
    Number.isFinite(v.total) &&
    v.count >= 0 &&
    v.total >= 0
      ? [{ code: v.code as string, count: Number(v.count), total: Number(v.total) }]
      : [],
  );
}
