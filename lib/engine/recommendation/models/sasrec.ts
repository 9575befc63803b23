/**
 * SASRec (Kang & McAuley 2018) from the engine's trainer (`../sasrec.ts`): trained on each customer's interactions in
 * time order, a repeat of the previous product dropped (a view, cart and purchase of one product are one step), as
 * the served sequences are built (`lastSequences`, `historyFromRows`). Serving runs the network over the request's
 * recent sequence (its last maxLen items, oldest first) and scores every product as its embedding · the last hidden
 * state, so any customer with a history is served, including one newer than the model. Explanation: the history item
 * whose removal lowers the recommended item's score most (leave one out: the last state minus the state without
 * that item, dotted with the item's embedding), with the cosine of the two as its similarity. Reading a single item
 * would not do: a one-item sequence sits at the last position, which training only ever saw after a full context.
 */
import { SEQUENCE_LENGTH } from '../histories';
import { trainSasRec } from '../sasrec';
import { sasFinalState, sasLayout, type SasLayout } from '../sasrec-net';
import type { Interactions } from '../types';
import { round3, type FitInput, type ModelFamily, type RequestHistory, type ServingModel } from './types';

/**
 * Network and optimiser. Two blocks, dropout 0.2, batches of 32 windows at Adam step 0.002 and 10 epochs are the
 * Online Retail eval's selection (`bench/results/eval.md`, leave-last-day-out section). Its search found d 32 level
 * with d 64 (validation NDCG@10 0.0609 both) and d 64 costs 2.5 times the CPU, so a shop gets d 32. maxLen is the
 * sequence serving keeps (SEQUENCE_LENGTH, 30 items): training on longer windows than a request can supply would
 * read contexts serving never has.
 */
export const SASREC_SETTINGS = {
  factors: 32,
  maxLen: SEQUENCE_LENGTH,
  blocks: 2,
  dropout: 0.2,
  batchSize: 32,
  learningRate: 0.002,
} as const;
const EPOCHS = 10;
/**
 * A small shop has few windows, so 10 epochs would be a few dozen Adam steps: epochs rise until an epoch count gives
 * at least MIN_STEPS steps (capped at MAX_EPOCHS). Online Retail (≈ 4,300 customers) gets the eval's 10.
 */
const MIN_STEPS = 300;
const MAX_EPOCHS = 200;

/** The interactions without a repeat of the customer's previous product (in time order, input order on ties). */
export function withoutRepeats(data: Interactions): Interactions {
  const n = data.users.length,
    ts = data.timestamps;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => data.users[a]! - data.users[b]! || (ts ? ts[a]! - ts[b]! : 0) || a - b);
  const keep = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const k = order[r]!,
      prev = r > 0 ? order[r - 1]! : -1;
    keep[k] = prev >= 0 && data.users[prev] === data.users[k] && data.items[prev] === data.items[k] ? 0 : 1;
  }
  const kept = Int32Array.from({ length: n }, (_, k) => k).filter((k) => keep[k] === 1);
  return {
    nUsers: data.nUsers,
    nItems: data.nItems,
    users: Int32Array.from(kept, (k) => data.users[k]!),
    items: Int32Array.from(kept, (k) => data.items[k]!),
    values: Float32Array.from(kept, (k) => data.values[k]!),
    ...(ts ? { timestamps: Float64Array.from(kept, (k) => ts[k]!) } : {}),
  };
}

/** Epochs for `data` (already without repeats): 10, or more until MIN_STEPS Adam steps (at most MAX_EPOCHS). */
export function sasRecEpochs(data: Interactions): number {
  const perUser = new Int32Array(data.nUsers);
  for (let k = 0; k < data.users.length; k++) perUser[data.users[k]!]!++;
  // the engine cuts windows of maxLen + 1 items from the end of each sequence of at least two items
  let windows = 0;
  for (const count of perUser) if (count >= 2) windows += Math.ceil((count - 1) / SASREC_SETTINGS.maxLen);
  const steps = Math.ceil(windows / SASREC_SETTINGS.batchSize);
  if (steps === 0) return EPOCHS;
  return Math.min(MAX_EPOCHS, Math.max(EPOCHS, Math.ceil(MIN_STEPS / steps)));
}

/** Serves flat SASRec parameters (sasLayout order). */
export function sasRecServing(theta32: Float32Array, L: SasLayout): ServingModel {
  if (theta32.length !== L.size)
    throw new RangeError(`sasRecServing: ${theta32.length} parameters, the layout needs ${L.size}`);
  const theta = Float64Array.from(theta32);
  const { nItems, d } = L;
  const inRange = (i: number) => i >= 0 && i < nItems;
  const recent = (h: { sequence: Int32Array }) => {
    const seq = Array.from(h.sequence).filter(inRange);
    return seq.slice(Math.max(0, seq.length - L.maxLen));
  };
  const contributions = new WeakMap<RequestHistory, Map<number, Float64Array>>();
  /** per distinct item j of the history: the last state minus the state without j (zero state when nothing is left) */
  const contributionsOf = (h: RequestHistory) => {
    let c = contributions.get(h);
    if (c) return c;
    const seq = recent(h);
    const y = sasFinalState(theta, L, seq);
    c = new Map();
    for (const j of new Set(seq)) {
      const rest = seq.filter((i) => i !== j);
      const without = rest.length > 0 ? sasFinalState(theta, L, rest) : new Float64Array(d);
      c.set(
        j,
        Float64Array.from(y, (v, k) => v - without[k]!),
      );
    }
    contributions.set(h, c);
    return c;
  };
  return {
    kind: 'sasrec',
    nItems,
    score(h, out) {
      const seq = recent(h);
      if (seq.length === 0) return void out.fill(0);
      const y = sasFinalState(theta, L, seq);
      for (let i = 0; i < nItems; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += y[j]! * theta[L.emb + i * d + j]!;
        out[i] = s;
      }
    },
    explain(h, item) {
      if (!inRange(item) || recent(h).length === 0) return null;
      const e = theta.subarray(L.emb + item * d, L.emb + (item + 1) * d);
      let anchor = -1,
        best = 0,
        cosine = 0;
      for (const [j, c] of contributionsOf(h)) {
        if (j === item) continue;
        let dot = 0,
          cc = 0,
          ee = 0;
        for (let k = 0; k < d; k++) {
          dot += c[k]! * e[k]!;
          cc += c[k]! ** 2;
          ee += e[k]! ** 2;
        }
        if (dot > best) {
          best = dot;
          anchor = j;
          cosine = dot / Math.sqrt(cc * ee);
        }
      }
      return anchor >= 0 ? { kind: 'because-you-interacted', anchorItem: anchor, similarity: round3(cosine) } : null;
    },
  };
}

const layoutOf = (nItems: number, p: { factors: number; maxLen: number; blocks: number }) =>
  sasLayout(nItems, p.factors, p.maxLen, p.blocks);

async function fitSasRec(input: FitInput) {
  const c = input.control;
  const train = withoutRepeats(input.train);
  const epochs = sasRecEpochs(train);
  const model = await trainSasRec(train, {
    ...SASREC_SETTINGS,
    epochs,
    seed: c.seed ?? 42,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.onProgress ? { onProgress: c.onProgress } : {}),
  });
  return { theta: Float32Array.from(model.theta), epochs };
}

export const sasRecFamily: ModelFamily = {
  kind: 'sasrec',
  async fit(input) {
    const { theta, epochs } = await fitSasRec(input);
    return { buffers: { theta }, params: { ...SASREC_SETTINGS, epochs, loss: 'bce' } };
  },
  load(fitted, shared) {
    const p = fitted.params;
    const L = layoutOf(shared.nItems, {
      factors: Number(p.factors),
      maxLen: Number(p.maxLen),
      blocks: Number(p.blocks),
    });
    return sasRecServing(fitted.buffers.theta as Float32Array, L);
  },
};
