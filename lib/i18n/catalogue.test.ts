import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PLAN_SHORTFALLS } from '@/lib/engine/campaign/planning';
import { UPLIFT_SHORTFALLS } from '@/lib/engine/campaign/uplift-targeting';
import { PORTRAIT_SHORTFALLS } from '@/lib/engine/portrait/types';
import { IMPORT_REJECTIONS } from '@/lib/import/rejection-codes';
import { en } from './messages/en';
import { zhCN } from './messages/zh-cn';

// Every message exists in both languages with the same placeholders, and every key the code names is in the
// catalogue: t('…'), AppError keys, { key: '…' } references, schema messages, and the prefixes labelFor/keyFor use.
const root = path.resolve(import.meta.dirname, '../..');

type Tree = { readonly [k: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const EN = leaves(en as unknown as Tree);
const ZH = leaves(zhCN as unknown as Tree);
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
const BRANCHES = new Set(
  [...EN.keys()].flatMap((k) =>
    k
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);
const NAMESPACES = new Set(Object.keys(en));
/** Dotted names that are not messages but share a catalogue namespace: audit actions and a setting's name. */
const NOT_MESSAGES = new Set([
  'portraits.model',
  'portraits.recompute',
  'recommendations.cancel',
  'recommendations.serve',
]);

/** Keys and key prefixes a source text names, with where: `file:line`. */
function namedKeys(file: string, text: string): { key: string; prefix: boolean; at: string }[] {
  const out: { key: string; prefix: boolean; at: string }[] = [];
  const lineOf = (i: number) => `${file}:${text.slice(0, i).split('\n').length}`;
  const ns = (k: string) => NAMESPACES.has(k.split('.')[0]!);
  // a quoted literal that looks like a key of a catalogue namespace: 'segments.errors.archived'
  for (const m of text.matchAll(/(?<![\w@/])['"`]([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9-]+)+)['"`]/g)) {
    if (ns(m[1]!) && !NOT_MESSAGES.has(m[1]!))
      out.push({ key: m[1]!, prefix: BRANCHES.has(m[1]!) && !EN.has(m[1]!), at: lineOf(m.index) });
  }
  // a template literal building a key from a value: `campaigns.status.${status}` (the prefix must be a branch)
  for (const m of text.matchAll(/`([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9-]+)*)\.\$\{/g)) {
    if (ns(m[1]!)) out.push({ key: m[1]!, prefix: true, at: lineOf(m.index) });
  }
  // the campaign schema's shorthand E('name') → campaigns.errors.name
  for (const m of text.matchAll(/\bE\('(\w+)'\)/g))
    out.push({ key: `campaigns.errors.${m[1]}`, prefix: false, at: lineOf(m.index) });
  return out;
}

/** The keys among them that the catalogue lacks (a prefix must name a branch, a key a message). */
function missingKeys(named: { key: string; prefix: boolean; at: string }[]) {
  return named
    .filter((n) => (n.prefix ? !BRANCHES.has(n.key) : !EN.has(n.key) && !BRANCHES.has(n.key)))
    .map((n) => `${n.at} ${n.key}`);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['generated', 'messages', 'node_modules'].includes(e.name) ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('message catalogue', () => {
  test('every message exists in English and Chinese, with the same placeholders, empty only in both', () => {
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN].filter(([k, v]) => !v.trim() !== !ZH.get(k)?.trim()).map(([k]) => k)).toEqual([]);
    const differ = [...EN]
      .filter(([k, v]) => placeholders(v).join() !== placeholders(ZH.get(k) ?? '').join())
      .map(([k]) => k);
    expect(differ).toEqual([]);
  });

  test('every key the code names is in the catalogue', () => {
    const files = ['lib', 'app', 'components'].flatMap((d) => sourceFiles(path.join(root, d)));
    const named = files.flatMap((f) => namedKeys(path.relative(root, f), fs.readFileSync(f, 'utf8')));
    expect(named.length).toBeGreaterThan(1000);
    expect(missingKeys(named)).toEqual([]);
  });

  test('the scan catches planted keys the catalogue lacks, in each form the code uses', () => {
    const planted = [
      "t('segments.errors.nope')",
      "throw new AppError('CONFLICT', 'errors.imports.nope', { name })",
      "fieldErrors: { at: [{ key: 'campaigns.errors.nope' }] }",
      "z.string().min(1, 'errors.input.nope')",
      "labelFor(t, 'campaigns.nope', status)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the key scanner under test
      't(`portraits.nope.${stage}`)',
      "E('nope')",
    ].join('\n');
    expect(missingKeys(namedKeys('x.ts', planted))).toEqual([
      'x.ts:1 segments.errors.nope',
      'x.ts:2 errors.imports.nope',
      'x.ts:3 campaigns.errors.nope',
      'x.ts:4 errors.input.nope',
      'x.ts:5 campaigns.nope',
      'x.ts:6 portraits.nope',
      'x.ts:7 campaigns.errors.nope',
    ]);
    expect(
      missingKeys(
        namedKeys(
          'y.ts',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the key scanner under test
          "t('segments.errors.archived'); labelFor(t, 'campaigns.status', s); t(`campaigns.status.${s}`)",
        ),
      ),
    ).toEqual([]);
  });

  test('a key missing in one language is caught', () => {
    const zh = leaves({ a: { b: '乙' } });
    const enTree = leaves({ a: { b: 'B', c: 'C' } });
    expect([...enTree.keys()].filter((k) => !zh.has(k))).toEqual(['a.c']);
  });

  test('every code an engine returns instead of words has a message (worded in both languages by the test above)', () => {
    const codes = [
      ...PLAN_SHORTFALLS.map((c) => `campaigns.plan.shortfall.${c}`),
      ...UPLIFT_SHORTFALLS.map((c) => `campaigns.optimise.shortfall.${c}`),
      ...PORTRAIT_SHORTFALLS.map((c) => `portraits.models.shortfall.${c}`),
    ];
    expect(codes.filter((k) => !EN.has(k))).toEqual([]);
    const branches = ['campaigns.plan.shortfall', 'campaigns.optimise.shortfall', 'portraits.models.shortfall'];
    const worded = [...EN.keys()].filter((k) => branches.some((b) => k.startsWith(`${b}.`)));
    expect(worded.filter((k) => !codes.includes(k))).toEqual([]); // no message for a code that no longer exists
  });

  test('every code an import can reject a row with has a message, and every message is a code', () => {
    const codes = IMPORT_REJECTIONS.map((c) => `importRejections.${c}`);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((k) => !EN.has(k))).toEqual([]);
    const worded = [...EN.keys()].filter((k) => k.startsWith('importRejections.'));
    expect(worded.filter((k) => !codes.includes(k))).toEqual([]);
  });
});
