/** Item-kNN fit and serve time on a synthetic matrix of MovieLens-1M shape (synthetic.ts). */
import { fitItemKnn, type ItemKnnOptions } from '@/lib/engine/recommendation/item-knn';
import { TopKHeap } from '@/lib/engine/recommendation/top-k';
import type { Timing } from './report';
import { syntheticMl1mShape } from './synthetic';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

export function timeItemKnn(log: (m: string) => void): Timing {
  const data = syntheticMl1mShape({ seed: 1 });
  const configs: ItemKnnOptions[] = [
    { k: 100 },
    { k: 200, normalizeUsers: true, normalizeNeighbourhoods: true },
    { k: 100, weighting: 'bm25', similarity: 'dot' },
  ];
  const rows = configs.map((params) => {
    let t = performance.now();
    let c0 = process.cpuUsage();
    const model = fitItemKnn(data, params);
    const fitMs = performance.now() - t;
    const fitCpuMs = cpuMs(c0);
    t = performance.now();
    c0 = process.cpuUsage();
    const scores = new Float32Array(model.nItems),
      heap = new TopKHeap(10),
      list = new Int32Array(10);
    const h = model.history;
    for (let u = 0; u < data.nUsers; u++) {
      model.scoreUser(u, scores);
      for (let q = h.rowPtr[u]!; q < h.rowPtr[u + 1]!; q++) scores[h.colIdx[q]!] = -Infinity;
      heap.reset();
      for (let i = 0; i < scores.length; i++) if (scores[i]! > heap.threshold) heap.push(i, scores[i]!);
      heap.drainSorted(list);
    }
    const serveAllUsersTop10Ms = performance.now() - t;
    const serveCpuMs = cpuMs(c0);
    log(
      `item-knn ${JSON.stringify(params)}: fit ${(fitMs / 1000).toFixed(2)} s (CPU ${(fitCpuMs / 1000).toFixed(2)} s), top-10 for ${data.nUsers} users ${(serveAllUsersTop10Ms / 1000).toFixed(2)} s (CPU ${(serveCpuMs / 1000).toFixed(2)} s)`,
    );
    return {
      model: 'item-knn',
      params: params as Record<string, unknown>,
      fitMs,
      fitCpuMs,
      serveAllUsersTop10Ms,
      serveCpuMs,
    };
  });
  return {
    shape: `synthetic, ${data.nUsers.toLocaleString('en')} users × ${data.nItems.toLocaleString('en')} items × ${data.users.length.toLocaleString('en')} interactions (MovieLens-1M shape, log-normal activity and popularity)`,
    rows,
  };
}
