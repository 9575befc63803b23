/**
 * Federated ALS: the ALS model (same factors, α, λ and confidence input as `alsFamily`) trained by the simulated
 * federated protocol of `../federated.ts` — each customer is a client that keeps its own interactions and user
 * vector, solves the vector locally and sends only item-factor updates; the server aggregates. Optional
 * differential privacy: each client's update clipped to `FEDERATED_CLIP` and Gaussian noise on the sum, calibrated
 * by the zCDP accountant (`../federated-privacy.ts`) so that all rounds together stay within the requested (ε, δ).
 *
 * Serving and explaining use the ALS fold-in (`alsFoldIn`) unchanged: it is the solve a client runs on its device.
 * The fitted params record rounds, bytes each client sends, and ε, δ and the noise multiplier when DP is on.
 */
import { federatedRun, type FederatedResult } from '../federated';
import type { TrainControl } from '../types';
import { ALS_CONFIDENCE, ALS_PARAMS, confidenceCsr, loadAlsFactors } from './factors';
import type { ModelFamily } from './types';

/**
 * Protocol settings. With ALS's α = 20 and λ = 0.1 the eval script's Adam step (0.05, chosen for α 3, λ 30)
 * oscillates; a step of 0.01 with 6 local CG steps was the best of eight settings on the validation part of ml-100k's
 * random split (`scripts/eval/federated-step.ts`, README "Federated recommendations"), not on any shop's data. C = 5 as in `npm run eval`: at these
 * settings almost every client's update is larger than that, so nearly all are clipped.
 */
export const FEDERATED_PROTOCOL = { rounds: 20, learningRate: 0.01, cgSteps: 6 } as const;
export const FEDERATED_CLIP = 5;
/** The ε an admin may choose (none = no noise, no clipping). */
export const FEDERATED_EPSILONS = [8, 4, 1] as const;

/**
 * Runs the trainer's steps, yielding to the event loop at least every 50 ms (so a background job keeps its lease and
 * notices a cancellation) and reporting the round reached.
 */
async function drive(run: Generator<number, FederatedResult, void>, control: TrainControl): Promise<FederatedResult> {
  let last = performance.now();
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    if (performance.now() - last < 50) continue;
    control.signal?.throwIfAborted();
    const round = Math.min(FEDERATED_PROTOCOL.rounds, Math.floor(step.value * FEDERATED_PROTOCOL.rounds) + 1);
    control.onProgress?.(step.value, `round ${round} of ${FEDERATED_PROTOCOL.rounds}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  }
}

export const federatedAlsFamily: ModelFamily = {
  kind: 'federated-als',
  async fit(input) {
    input.control.signal?.throwIfAborted();
    const privacy = input.privacy
      ? { epsilon: input.privacy.epsilon, delta: input.privacy.delta, clipNorm: FEDERATED_CLIP }
      : undefined;
    const run = federatedRun(confidenceCsr(input.train), {
      ...ALS_PARAMS,
      ...FEDERATED_PROTOCOL,
      seed: input.control.seed ?? 42,
      ...(privacy ? { privacy } : {}),
    });
    const { model, report } = await drive(run, input.control);
    const p = report.privacy;
    return {
      buffers: { userFactors: model.userFactors, itemFactors: model.itemFactors },
      params: {
        ...ALS_PARAMS,
        ...FEDERATED_PROTOCOL,
        confidence: ALS_CONFIDENCE,
        clients: report.clients,
        floatsSentPerRound: report.floatsSentPerRound,
        bytesSentPerClient: report.bytesSentPerClient,
        ...(p
          ? {
              epsilon: p.epsilon,
              delta: p.delta,
              clipNorm: p.clipNorm,
              noiseMultiplier: p.noiseMultiplier,
              clippedShareLastRound: report.clippedShare.at(-1) ?? 0,
            }
          : {}),
      },
    };
  },
  load: (fitted, shared) => loadAlsFactors('federated-als', fitted, shared),
};
