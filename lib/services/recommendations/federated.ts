/**
 * The Recommendations page's "Federated learning (simulated)" comparison: the latest completed federated ALS run of
 * each privacy level (no noise, ε = 8, 4, 1) beside the latest completed centralised ALS run evaluated on the same
 * split — the same shop data (customers, products, interactions, last event) and the same holdout options (split,
 * test share, seed, K, relevance). Runs on another split are left out rather than compared unfairly.
 */
import { z } from 'zod';
import type { RunRow } from '@/lib/db/recommendations/runs';
import { runParamsSchema } from './training-schema';

const storedSchema = runParamsSchema.extend({
  data: z.object({
    customers: z.number(),
    products: z.number(),
    interactions: z.number(),
    to: z.number().nullable().optional(),
  }),
  components: z.array(z.object({ params: z.record(z.string(), z.unknown()) })).min(1),
});

export type FederatedComparisonRow = {
  runId: number;
  model: 'als' | 'federated-als';
  version: number;
  isServing: boolean;
  completedAt: Date | null;
  /** test metrics at K: ndcg, precision, recall, coverage, … */
  metrics: Record<string, number>;
  /** federated only: null = no noise */
  epsilon: number | null;
  delta: number | null;
  noiseMultiplier: number | null;
  rounds: number | null;
  bytesSentPerClient: number | null;
};

export type FederatedComparison = {
  k: number;
  split: string;
  relevance: string;
  customers: number;
  /** the centralised ALS run on the same split, or null when none was trained on it */
  centralised: FederatedComparisonRow | null;
  /** newest first, one per privacy level */
  federated: FederatedComparisonRow[];
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function parse(run: RunRow) {
  if (run.status !== 'completed' || !run.metrics) return null;
  const p = storedSchema.safeParse(run.params);
  if (!p.success) return null;
  const o = p.data.options;
  const d = p.data.data;
  const key = JSON.stringify([
    o.split,
    o.testFraction,
    o.seed,
    o.k,
    o.relevance,
    d.customers,
    d.products,
    d.interactions,
    d.to ?? null,
  ]);
  const fp = p.data.components[0]!.params;
  const row: FederatedComparisonRow = {
    runId: run.id,
    model: run.model as FederatedComparisonRow['model'],
    version: run.version,
    isServing: run.isServing,
    completedAt: run.completedAt,
    metrics: run.metrics as Record<string, number>,
    epsilon: num(fp.epsilon),
    delta: num(fp.delta),
    noiseMultiplier: num(fp.noiseMultiplier),
    rounds: num(fp.rounds),
    bytesSentPerClient: num(fp.bytesSentPerClient),
  };
  return { key, row, options: o, customers: d.customers };
}

/** Builds the comparison from the page's runs (newest first, as `listRuns` returns them); null without a federated run. */
export function federatedComparison(runs: readonly RunRow[]): FederatedComparison | null {
  const parsed = runs.filter((r) => r.model === 'federated-als' || r.model === 'als').map(parse);
  const latest = parsed.find((p) => p?.row.model === 'federated-als');
  if (!latest) return null;
  const same = parsed.filter((p): p is NonNullable<typeof p> => p?.key === latest.key);
  const levels = new Set<string>();
  const federated = same
    .filter((p) => p.row.model === 'federated-als')
    .filter((p) => {
      const level = p.options.federatedEpsilon;
      if (levels.has(level)) return false;
      levels.add(level);
      return true;
    })
    .map((p) => p.row);
  return {
    k: latest.options.k,
    split: latest.options.split,
    relevance: latest.options.relevance,
    customers: latest.customers,
    centralised: same.find((p) => p.row.model === 'als')?.row ?? null,
    federated,
  };
}
