// npm run bench -- faults [--events 10 --snapshot 8 --training 6 --send 6 --seed 1]: the fault suite at full count
// (issue 13, "nothing lost"). Each trial SIGKILLs a child doing the work at a seeded random moment, restarts it, and
// checks the work was done exactly once (lib/testing/db/faults/suite.ts). Uses DATABASE_URL's dialect (PostgreSQL when
// it names one, otherwise SQLite files). Writes bench/results/faults.json: trials, kills and failures per kind, the
// seeds, each failure's problems, and the time. Exits 1 when any trial failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { dropScratchTemplate } from '@/lib/testing/db/scratch';
import { KINDS, type Kind, runTrial, type TrialResult } from '@/lib/testing/db/faults/suite';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10' },
    snapshot: { type: 'string', default: '8' },
    training: { type: 'string', default: '6' },
    send: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
  },
});
const base = Number(values.seed);
const t0 = performance.now();
const results: TrialResult[] = [];
for (const kind of KINDS) {
  const n = Number(values[kind]);
  for (let i = 0; i < n; i++) {
    const r = await runTrial(kind, base * 1000 + i);
    results.push(r);
    process.stderr.write(
      `[bench faults] ${kind} seed ${r.seed}: ${r.killed ? 'killed' : 'finished before the kill'}, ${r.problems.length ? `FAILED ${r.problems.join('; ')}` : 'ok'} (${(r.ms / 1000).toFixed(1)} s)\n`,
    );
  }
}
await dropScratchTemplate();
const perKind = Object.fromEntries(
  KINDS.map((kind: Kind) => {
    const rs = results.filter((r) => r.kind === kind);
    return [
      kind,
      {
        trials: rs.length,
        killedMidWork: rs.filter((r) => r.killed).length,
        failures: rs.filter((r) => r.problems.length).length,
        seeds: rs.map((r) => r.seed),
        meanTrialSeconds: rs.length ? Math.round(rs.reduce((s, r) => s + r.ms, 0) / rs.length / 100) / 10 : 0,
      },
    ];
  }),
);
const out = {
  database: isPostgres(databaseUrl()) ? 'postgresql' : 'sqlite',
  node: process.version,
  cpus: os.cpus().length,
  trials: results.length,
  failures: results.filter((r) => r.problems.length).length,
  seconds: Math.round((performance.now() - t0) / 100) / 10,
  perKind,
  failed: results.filter((r) => r.problems.length).map((r) => ({ kind: r.kind, seed: r.seed, problems: r.problems })),
};
const file = path.resolve(import.meta.dirname, 'results', 'faults.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
process.exit(out.failures ? 1 : 0);
