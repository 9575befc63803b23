/**
 * Why a blend serves, from what its training recorded (`params.validationNdcg`, `componentValidationNdcg`,
 * `components`): the message key and values the Recommendations page shows. The blend is credited with a gain only
 * when more than one component has weight and its validation NDCG@10, as shown (3 decimals), is above its best
 * component's; otherwise the page says the blend adds nothing to that component.
 */
import { z } from 'zod';

const blendParamsSchema = z.object({
  validationNdcg: z.number(),
  componentValidationNdcg: z.record(z.string(), z.number()),
  components: z.array(z.object({ kind: z.string(), weight: z.number() })).optional(),
});

export type ServingReason = {
  key: 'recommendations.serving.why' | 'recommendations.serving.whyNoGain';
  /** the best single component on validation */
  component: string;
  ndcg: string;
  componentNdcg: string;
};

/** null for runs without a fitted blend (single models, or a blend trained without a validation part). */
export function servingReason(params: unknown): ServingReason | null {
  const p = blendParamsSchema.safeParse(params);
  if (!p.success) return null;
  const scores = Object.entries(p.data.componentValidationNdcg);
  if (scores.length === 0) return null;
  const [component, score] = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  const ndcg = p.data.validationNdcg.toFixed(3),
    componentNdcg = score.toFixed(3);
  const weighted = p.data.components?.filter((c) => c.weight > 0).length ?? scores.length;
  const gain = weighted > 1 && Number(ndcg) > Number(componentNdcg);
  return {
    key: gain ? 'recommendations.serving.why' : 'recommendations.serving.whyNoGain',
    component,
    ndcg,
    componentNdcg,
  };
}
