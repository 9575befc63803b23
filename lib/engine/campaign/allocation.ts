/** Adaptive (Thompson-sampling) allocation among a campaign's messages, with the holdout kept at its fixed share. */
import { computeThompsonAllocation } from '../uplift/index';
import type { Counts } from '../../stats/types';

/**
 * Shares for the next sending wave. The holdout keeps `holdoutShare` (so incrementality stays measurable); the rest
 * goes to the messages by Thompson sampling on their successes so far, each message keeping at least
 * `minimumShare` of the message traffic.
 * @example thompsonShares({ messages: [{ successes: 10, trials: 500 }, { successes: 30, trials: 500 }], holdoutShare: 0.1, minimumShare: 0.1 })
 * // { messageShares: [≈0.1, ≈0.9], … }
 */
export function thompsonShares({
  messages,
  holdoutShare,
  minimumShare,
  seed = 1,
}: {
  messages: readonly Counts[];
  holdoutShare: number;
  minimumShare: number;
  seed?: number;
}) {
  if (messages.length < 2) throw new RangeError('thompsonShares: adaptive allocation needs at least 2 messages');
  const a = computeThompsonAllocation({
    arms: messages,
    minimumShare: Math.min(minimumShare, 1 / messages.length),
    seed,
  });
  return {
    messageShares: a.shares,
    probabilityBest: a.probabilityBest,
    overallShares: a.shares.map((s) => s * (1 - holdoutShare)),
  };
}
