import 'server-only';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The configured send rate: each call waits for its own slot, `60,000 / perMinute` ms after the previous one's, so
 * the rate holds also when several sends share the pacer and run at once (a flow run keeps several in flight).
 */
export function pacer(perMinute: number): () => Promise<void> {
  const interval = 60_000 / perMinute;
  let nextAt = performance.now();
  return async () => {
    const slot = Math.max(nextAt, performance.now());
    nextAt = slot + interval;
    const wait = slot - performance.now();
    if (wait > 0) await sleep(wait);
  };
}
