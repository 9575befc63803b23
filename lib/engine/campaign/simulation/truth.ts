/**
 * The hidden truth of a simulated campaign: true effects per message and per customer group, drawn from a seed.
 * The results page never shows it; tests call `drawSimulationTruth` with the stored seed to check that the analysis
 * recovers it.
 */
import { createRng, normal, type Rng } from '../../simulate/random';

const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.next();

/** Customer groups with their own true response (observable, so the breakdown and uplift models can find them). */
export const SIMULATION_GROUPS = ['returning', 'new'] as const;
export type SimulationGroup = (typeof SIMULATION_GROUPS)[number];

export type MessageTruth = {
  /** multiplier on the open probability (email, push) */
  openLift: number;
  /** multiplier on the click probability */
  clickLift: number;
  /** relative lift of the purchase probability in a session started by the click (0.3 = +30 %) */
  conversionLift: number;
  /** relative lift of organic visits during the 7 days after the message */
  visitLift: number;
  /** shift of the CSAT answers (points on the 1–5 scale) of people who clicked */
  satisfactionShift: number;
  /** multiplier on clickLift, conversionLift and visitLift per customer group */
  groups: Record<SimulationGroup, number>;
};

export type SimulationTruth = { seed: number; messages: Record<string, MessageTruth> };

/**
 * Draws the hidden effects of each message: clicks ×0.8–2.6, click-session conversion +0…80 %, visits +5–45 %,
 * satisfaction ±0.4 points, and a group multiplier that makes some messages work much better for returning
 * customers than for new ones (or the reverse).
 * @example drawSimulationTruth({ seed: 7, messageKeys: ['a', 'b'] }).messages.b.clickLift // e.g. 1.43
 */
export function drawSimulationTruth({
  seed,
  messageKeys,
}: {
  seed: number;
  messageKeys: readonly string[];
}): SimulationTruth {
  if (!Number.isInteger(seed)) throw new RangeError('drawSimulationTruth: seed must be an integer');
  const messages: Record<string, MessageTruth> = {};
  for (const key of messageKeys) {
    const rng = createRng(seed, `truth:${key}`);
    const returning = uniform(rng, 0.8, 1.8);
    const fresh = uniform(rng, 0.2, 1.2);
    messages[key] = {
      openLift: Math.exp(0.15 * normal(rng)),
      clickLift: uniform(rng, 0.8, 2.6),
      conversionLift: uniform(rng, 0, 0.8),
      visitLift: uniform(rng, 0.05, 0.45),
      satisfactionShift: uniform(rng, -0.4, 0.4),
      groups: { returning, new: fresh },
    };
  }
  return { seed, messages };
}
