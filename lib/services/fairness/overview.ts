import 'server-only';
import { db } from '@/lib/db/client';
import { listFairnessCampaigns, listFairnessRuns, listFairnessSegments } from '@/lib/db/fairness';
import type { RecommendationFairness } from '@/lib/engine/fairness/evaluate-groups';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { isPrivateViewer } from '../privacy/settings';

function storedFairness(params: unknown): RecommendationFairness | null {
  if (!params || typeof params !== 'object' || !('fairness' in params)) return null;
  const f = (params as { fairness: unknown }).fairness;
  return f && typeof f === 'object' && 'model' in f && 'baseline' in f ? (f as RecommendationFairness) : null;
}

/**
 * What the Trust → Fairness page lists: the segments and campaigns the reader may check (a marketer: their own), and
 * for managers and admins each completed recommendation model's exposure and accuracy per group beside the
 * popularity baseline (measured on the holdout when the model was trained).
 */
export async function getFairnessOverview(actor: Actor | null) {
  const user = authorize(actor, 'trust:view');
  const readsAll = can(user.role, 'trust:read-all');
  const owner = readsAll ? undefined : user.userId;
  // a manager under differential privacy sees no exact segment breakdown (getSegmentFairness refuses it)
  const segmentsHidden = await isPrivateViewer(user.role);
  const [segments, campaigns, runs] = await Promise.all([
    segmentsHidden ? Promise.resolve([]) : listFairnessSegments(db, owner),
    listFairnessCampaigns(db, owner),
    readsAll ? listFairnessRuns(db) : Promise.resolve([]),
  ]);
  return {
    readsAll,
    segmentsHidden,
    segments: segments.map((s) => ({ id: s.id, name: s.name })),
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, status: c.status })),
    models: runs.map((r) => ({
      id: r.id,
      model: r.model,
      version: r.version,
      isServing: r.isServing,
      completedAt: r.completedAt,
      fairness: storedFairness(r.params),
    })),
  };
}
export type FairnessOverview = Awaited<ReturnType<typeof getFairnessOverview>>;
