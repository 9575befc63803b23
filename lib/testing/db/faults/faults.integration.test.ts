import { afterAll, expect, test } from 'vitest';
import { dropScratchTemplate } from '@/lib/testing/db/scratch';
import { KINDS, runTrial } from './suite';

// kill -9 during each kind of work, restart, and the work is done exactly once (lib/testing/db/faults/suite.ts).
// PRECISA_FAULT_TRIALS trials per kind (default 1, to keep npm test short); `npm run bench -- faults` runs the full count.
// A trial whose work ended before its kill landed proves less: up to EXTRA more trials run until one was killed.
const TRIALS = Number(process.env.PRECISA_FAULT_TRIALS ?? 1);
const EXTRA = 3;

afterAll(() => dropScratchTemplate());

for (const kind of KINDS)
  test(`kill -9 during ${kind}: ${TRIALS} trials, done exactly once after restart`, { timeout: 300_000 }, async () => {
    let kills = 0;
    for (let i = 0; i < TRIALS || (kills === 0 && i < TRIALS + EXTRA); i++) {
      const r = await runTrial(kind, 1000 + i);
      expect(r.problems, `${kind} seed ${r.seed}`).toEqual([]);
      if (r.killed) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(1);
  });
