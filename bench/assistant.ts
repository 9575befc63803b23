// Offline assistant parser: exact-match rate of parseSegmentText on the golden sentences (the set it was tuned on) and
// on the held-out sentences (written after it, never used to change it), per language, plus time per sentence
// (the first call builds the shop's dictionary), and the first and second call in fresh processes (cold and warm,
// wall and CPU time: `bench/assistant-cold.ts`). Writes bench/results/assistant.json. Not a test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseSegmentText } from '@/lib/engine/assistant/parse-segment';
import type { GoldenCase } from '@/lib/engine/assistant/testing/build';
import { GOLDEN_SENTENCES } from '@/lib/engine/assistant/testing/golden-sentences';
import { HELD_OUT_SENTENCES } from '@/lib/engine/assistant/testing/held-out-sentences';
import { DEMO_VOCABULARY } from '@/lib/engine/assistant/testing/vocabulary';
import { segmentDefinitionSchema } from '@/lib/schemas/segment';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

function run(set: GoldenCase[]) {
  const byLang: Record<string, { sentences: number; exact: number; valid: number; misses: string[] }> = {};
  const times: number[] = [];
  for (const c of set) {
    const t = performance.now();
    const r = parseSegmentText(c.text, DEMO_VOCABULARY);
    times.push(performance.now() - t);
    byLang[c.lang] ??= { sentences: 0, exact: 0, valid: 0, misses: [] };
    const row = byLang[c.lang]!;
    row.sentences++;
    if (r.type === 'ok' && segmentDefinitionSchema.safeParse(r.definition).success) row.valid++;
    if (r.type === 'ok' && isDeepStrictEqual(r.definition, c.expected)) row.exact++;
    else row.misses.push(c.text);
  }
  const rate = (x: { sentences: number; exact: number }) => Math.round((x.exact / x.sentences) * 1000) / 10;
  return {
    languages: Object.fromEntries(Object.entries(byLang).map(([k, v]) => [k, { ...v, exactMatchPercent: rate(v) }])),
    msPerSentence: {
      first: Math.round(times[0]! * 10) / 10,
      p50: Math.round(quantile(times, 0.5) * 100) / 100,
      p95: Math.round(quantile(times, 0.95) * 100) / 100,
      max: Math.round(Math.max(...times) * 10) / 10,
    },
  };
}

/** The first call in a fresh process (what a server pays once) and the next one, median of 5 processes. */
function cold() {
  const runs = Array.from({ length: 5 }, () => {
    const out = execFileSync(process.execPath, [
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, 'assistant-cold.ts'),
    ]);
    return JSON.parse(String(out)) as Record<'load' | 'first' | 'second', { wall: number; cpu: number }>;
  });
  const median = (pick: (r: (typeof runs)[number]) => number) => Math.round(quantile(runs.map(pick), 0.5) * 10) / 10;
  return Object.fromEntries(
    (['load', 'first', 'second'] as const).map((k) => [
      k,
      { wallMs: median((r) => r[k].wall), cpuMs: median((r) => r[k].cpu) },
    ]),
  );
}

const result = {
  date: new Date().toISOString(),
  golden: run(GOLDEN_SENTENCES),
  heldOut: run(HELD_OUT_SENTENCES),
  freshProcess: cold(),
};
for (const [name, r] of [
  ['golden', result.golden],
  ['held-out', result.heldOut],
] as const) {
  for (const [lang, v] of Object.entries(r.languages))
    console.log(
      `${name.padEnd(9)} ${lang}: ${v.exact}/${v.sentences} exact (${v.exactMatchPercent} %), ${v.valid} valid`,
    );
  console.log(`${name.padEnd(9)} ms/sentence: ${JSON.stringify(r.msPerSentence)}`);
}
console.log(`fresh process (median of 5): ${JSON.stringify(result.freshProcess)}`);
const out = path.resolve(import.meta.dirname, 'results/assistant.json');
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
