/** Plain data the Recommendations page passes to its client panels. */
export type RunDto = {
  id: number;
  model: string;
  version: number;
  status: string;
  isServing: boolean;
  createdAt: string;
  completedAt: string | null;
  trainingMs: number | null;
  error: string | null;
  protocol: string;
  metrics: Record<string, number> | null;
  k: number;
  split: string;
  relevance: string;
  data: { customers: number; products: number; interactions: number } | null;
  components: { kind: string; weight: number }[] | null;
  /** federated ALS only: the privacy level it was trained with ('none', '8', '4', '1') */
  federatedEpsilon: string | null;
};

export type ProgressDto = { runId: number; model: string; status: string; fraction: number; note: string | null };
