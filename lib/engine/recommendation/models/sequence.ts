/**
 * EASE (Steck 2019) and GRU4Rec (Hidasi et al. 2016) from engineer B's trainers. Both score any history at request
 * time: EASE as x_h·B (the history's 0/1 row times the item–item weights), GRU4Rec by running the network over the
 * customer's recent sequence — so new events change their recommendations immediately.
 */
import { buildCsr } from '../csr';
import { loadEaseModel, trainEase } from '../ease';
import { loadGru4RecModel, trainGru4Rec } from '../gru4rec';
import type { Interactions, SerializedModel } from '../types';
import { denseTopK } from '../device/export';
import { tuneParams } from './tuning';
import { round3, type FitInput, type Fitted, type ModelFamily, type ServingModel } from './types';

function control(input: FitInput) {
  const c = input.control;
  return {
    seed: c.seed ?? 42,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.onProgress ? { onProgress: c.onProgress } : {}),
  };
}

function easeServing(weights: Float32Array, nItems: number, lambda: number): ServingModel {
  const serialized: SerializedModel = {
    header: { format: 'ease', version: 1, name: 'ease', nUsers: 0, nItems, params: { lambda } },
    buffers: { weights },
  };
  const model = loadEaseModel(serialized);
  return {
    kind: 'ease',
    nItems,
    score(h, out) {
      model.scoreHistory(h.items, undefined, out);
    },
    explain(h, item) {
      const [top] = model.explainHistory(h.items, item, { max: 1 });
      return top && top.kind === 'because-you-interacted' ? { ...top, similarity: round3(top.similarity) } : null;
    },
    device: { lists: (k) => denseTopK(weights, nItems, k, true), binary: true, signed: true },
  };
}

async function fitEase(train: Interactions, lambda: number, input: FitInput) {
  const { onProgress: _ignored, ...rest } = control(input);
  return (await trainEase(buildCsr(train, { aggregate: 'binary' }), { lambda, keepHistory: false, ...rest })).weights;
}

export const easeFamily: ModelFamily = {
  kind: 'ease',
  async fit(input) {
    const n = input.train.nItems;
    const weightsOf = new WeakMap<ServingModel, Float32Array>();
    const tuned = await tuneParams(input, { lambda: [20, 100, 500] }, { lambda: 100 }, async (p, t) => {
      const weights = await fitEase(t.train, p.lambda, input);
      const model = easeServing(weights, n, p.lambda);
      weightsOf.set(model, weights);
      return model;
    });
    const weights = await fitEase(input.train, tuned.best.lambda, input);
    const onTuning = tuned.model ? weightsOf.get(tuned.model) : undefined;
    return {
      buffers: { weights },
      params: {
        lambda: tuned.best.lambda,
        ...(tuned.score !== undefined ? { validationNdcg: round3(tuned.score) } : {}),
      },
      ...(onTuning ? { tuned: { buffers: { weights: onTuning }, params: { lambda: tuned.best.lambda } } } : {}),
    };
  },
  load(fitted, shared) {
    return easeServing(fitted.buffers.weights as Float32Array, shared.nItems, Number(fitted.params.lambda));
  },
};

export const gru4recFamily: ModelFamily = {
  kind: 'gru4rec',
  async fit(input) {
    const params = { factors: 64, epochs: 3, batchSize: 32, steps: 16, learningRate: 0.003 };
    const model = await trainGru4Rec(input.train, { ...params, ...control(input) });
    const s = model.serialize();
    return {
      buffers: { theta: s.buffers.theta as Float32Array },
      params: { ...params, maxHistory: Number(s.header.params.maxHistory) },
    };
  },
  load(fitted, shared) {
    const p = fitted.params;
    const model = loadGru4RecModel({
      header: {
        format: 'gru4rec',
        version: 1,
        name: 'gru4rec',
        nUsers: 0,
        nItems: shared.nItems,
        params: {
          factors: Number(p.factors),
          steps: Number(p.steps),
          maxHistory: Number(p.maxHistory),
          epochs: Number(p.epochs),
        },
      },
      buffers: { theta: fitted.buffers.theta as Float32Array, seqPtr: Int32Array.of(0), seqItems: new Int32Array(0) },
    });
    return {
      kind: 'gru4rec',
      nItems: shared.nItems,
      score(h, out) {
        if (h.sequence.length === 0) return void out.fill(0);
        model.scoreSequence(h.sequence, out);
      },
      explain(h) {
        if (h.sequence.length === 0) return null;
        return {
          kind: 'sequence',
          lastItems: Array.from(h.sequence.subarray(Math.max(0, h.sequence.length - 3))).reverse(),
        };
      },
    };
  },
};

export type { Fitted };
