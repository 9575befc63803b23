/**
 * Mult-VAE (Liang et al. 2018) from the engine's trainer (`../mult-vae.ts`): trained on the shop's binary customer ×
 * product matrix, as the paper. Serving runs the encoder on the request's history items (L2-normalised 0/1 row, no
 * dropout), takes z = μ (no sampling) and decodes logits over every product, so any customer with a history is
 * served, including one newer than the model. Explanation: the history item whose latent embedding is closest
 * (cosine) to the recommended item's, as the factor models explain with their item factors; an item's latent
 * embedding is the encoder's mean μ for a history of that item alone (the decoder's rows of W4 were not: on a planted
 * two-group shop their cosines did not separate the groups, the encoder means did).
 */
import { trainMultVae } from '../mult-vae';
import { vaeLayout, vaeLogits, type VaeLayout } from '../mult-vae-net';
import type { Interactions } from '../types';
import { tuneParams } from './tuning';
import { round3, type FitInput, type ModelFamily, type RequestHistory, type ServingModel } from './types';

/**
 * Network and optimiser. Batch 500, dropout 0.5 and β cap 0.2 are the paper's. The paper's 600/200 network is
 * about ten times slower here than 200/64 (`../README.md`, "Training time"), and on held-out ml-100k data PyTorch
 * ranked 200/64 at step 0.003 level with it, so a shop gets 200/64 at step 0.003.
 */
export const MULT_VAE_SETTINGS = {
  hidden: 200,
  latent: 64,
  batchSize: 500,
  learningRate: 0.003,
  dropout: 0.5,
  betaCap: 0.2,
} as const;
/**
 * Epochs are chosen on validation NDCG@10 (the model overfits past about 100 epochs on ml-100k, `../README.md`); a
 * shop of a few hundred customers has one or two Adam steps per epoch, so 50 is the start and 25 is offered too.
 * Without validation data: 50.
 */
export const MULT_VAE_EPOCHS = [25, 50, 100] as const;
const START_EPOCHS = 50;

async function fitTheta(train: Interactions, epochs: number, input: FitInput): Promise<Float32Array> {
  const c = input.control;
  const model = await trainMultVae(train, {
    ...MULT_VAE_SETTINGS,
    epochs,
    seed: c.seed ?? 42,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.onProgress ? { onProgress: c.onProgress } : {}),
  });
  return Float32Array.from(model.theta);
}

/** Serves flat Mult-VAE parameters (vaeLayout order) for `nItems` products. */
export function multVaeServing(theta32: Float32Array, L: VaeLayout): ServingModel {
  if (theta32.length !== L.size)
    throw new RangeError(`multVaeServing: ${theta32.length} parameters, the layout needs ${L.size}`);
  const theta = Float64Array.from(theta32);
  const { nItems, hidden: H, latent: Z } = L;
  const embeddings = new Map<number, Float64Array>();
  /** μ for the one-item history {i}, scaled to unit length (zero stays zero) */
  const embedding = (i: number): Float64Array => {
    let mu = embeddings.get(i);
    if (mu) return mu;
    const h1 = new Float64Array(H);
    for (let j = 0; j < H; j++) h1[j] = Math.tanh(theta[L.b1 + j]! + theta[L.w1 + i * H + j]!);
    mu = new Float64Array(Z);
    let norm = 0;
    for (let k = 0; k < Z; k++) {
      let s = theta[L.b2 + k]!;
      for (let j = 0; j < H; j++) s += theta[L.w2 + k * H + j]! * h1[j]!;
      mu[k] = s;
      norm += s * s;
    }
    if (norm > 0) for (let k = 0; k < Z; k++) mu[k] = mu[k]! / Math.sqrt(norm);
    embeddings.set(i, mu);
    return mu;
  };
  return {
    kind: 'mult-vae',
    nItems,
    score(h: RequestHistory, out: Float32Array) {
      const cols = Int32Array.from(new Set(Array.from(h.items).filter((i) => i >= 0 && i < nItems))).sort();
      if (cols.length === 0) return void out.fill(0);
      const input = new Float64Array(cols.length).fill(1 / Math.sqrt(cols.length));
      const logits = vaeLogits(theta, L, { B: 1, ptr: Int32Array.of(0, cols.length), cols, input });
      for (let i = 0; i < nItems; i++) out[i] = logits[i]!;
    },
    explain(h, item) {
      if (!(item >= 0 && item < nItems)) return null;
      const target = embedding(item);
      let anchor = -1,
        best = -Infinity;
      for (const j of h.items) {
        if (j === item || j < 0 || j >= nItems) continue;
        const e = embedding(j);
        let c = 0;
        for (let k = 0; k < Z; k++) c += e[k]! * target[k]!;
        if (c > best) {
          best = c;
          anchor = j;
        }
      }
      return anchor >= 0 && best > 0
        ? { kind: 'because-you-interacted', anchorItem: anchor, similarity: round3(best) }
        : null;
    },
  };
}

const layoutOf = (nItems: number, params: { hidden: number; latent: number }) =>
  vaeLayout(nItems, params.hidden, params.latent);

export const multVaeFamily: ModelFamily = {
  kind: 'mult-vae',
  async fit(input) {
    const n = input.train.nItems;
    const L = layoutOf(n, MULT_VAE_SETTINGS);
    const tuned = await tuneParams(input, { epochs: [...MULT_VAE_EPOCHS] }, { epochs: START_EPOCHS }, async (p, t) =>
      multVaeServing(await fitTheta(t.train, p.epochs, input), L),
    );
    const theta = await fitTheta(input.train, tuned.best.epochs, input);
    return {
      buffers: { theta },
      params: {
        ...MULT_VAE_SETTINGS,
        epochs: tuned.best.epochs,
        ...(tuned.score !== undefined ? { validationNdcg: round3(tuned.score) } : {}),
      },
    };
  },
  load(fitted, shared) {
    const p = fitted.params;
    const L = layoutOf(shared.nItems, { hidden: Number(p.hidden), latent: Number(p.latent) });
    return multVaeServing(fitted.buffers.theta as Float32Array, L);
  },
};
