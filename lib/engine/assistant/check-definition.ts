import { parseSegmentDefinition, type SegmentDefinition, type SegmentNode } from '@/lib/schemas/segment';
import { builderIssues } from '@/lib/schemas/segment-builder';
import type { AssistantVocabulary } from './types';

/** What the assistant may hand to the builder: smaller than the language allows, so a person can read it. */
export const ASSISTANT_LIMITS = { maxDepth: 4, maxConditions: 20 } as const;

function vocabularyProblems(root: SegmentDefinition, vocab: AssistantVocabulary): string[] {
  const tags = new Set(vocab.tags.map((t) => t.key));
  const categories = new Set(vocab.categories.map((c) => c.id));
  const brands = new Set(vocab.brands);
  const places = { city: new Set(vocab.cities), region: new Set(vocab.regions), gender: new Set(vocab.genders) };
  const problems: string[] = [];
  let conditions = 0;
  const walk = (n: SegmentNode, depth: number) => {
    if (n.type === 'group') {
      if (depth > ASSISTANT_LIMITS.maxDepth) problems.push(`groups nested deeper than ${ASSISTANT_LIMITS.maxDepth}`);
      for (const c of n.children) walk(c, depth + 1);
      return;
    }
    conditions++;
    if (n.type === 'tag' && !tags.has(n.key)) problems.push(`unknown tag "${n.key}"`);
    if (n.type === 'segment') problems.push('saved-segment references are not allowed');
    if (n.type === 'behaviour') {
      const f = n.filter ?? {};
      if (f.categoryId !== undefined && !categories.has(f.categoryId))
        problems.push(`unknown category ${f.categoryId}`);
      if (f.brand !== undefined && !brands.has(f.brand)) problems.push(`unknown brand "${f.brand}"`);
      if (f.productId !== undefined || f.campaignId !== undefined)
        problems.push('product and campaign filters are not allowed');
    }
    if (n.type === 'attribute' && (n.field === 'city' || n.field === 'region' || n.field === 'gender')) {
      const values = Array.isArray(n.value) ? n.value : n.value === undefined ? [] : [n.value];
      for (const v of values) if (!places[n.field].has(String(v))) problems.push(`unknown ${n.field} "${String(v)}"`);
    }
    if (n.type === 'attribute' && n.field === 'custom') problems.push('custom attributes are not allowed');
  };
  walk(root, 1);
  if (conditions > ASSISTANT_LIMITS.maxConditions)
    problems.push(`more than ${ASSISTANT_LIMITS.maxConditions} conditions`);
  return problems;
}

/**
 * Checks a proposed definition (the offline parser's or a model's) before it reaches the builder: the builder's own
 * schema and rules, then the assistant's limits (depth ≤ 4, ≤ 20 conditions) and the shop's vocabulary (no invented
 * tag, category, brand or place; no references to saved segments, products, campaigns or custom attributes).
 * Problems are plain English, for a repair request to a model and for logs.
 * @example
 * checkAssistantDefinition({ type: 'group', op: 'and', children: [{ type: 'tag', key: 'x', op: 'has' }] }, vocab)
 * // { ok: false, problems: ['unknown tag "x"'] }
 */
export function checkAssistantDefinition(
  input: unknown,
  vocab: AssistantVocabulary,
): { ok: true; definition: SegmentDefinition } | { ok: false; problems: string[] } {
  const parsed = parseSegmentDefinition(input);
  if (!parsed.ok) return { ok: false, problems: parsed.issues.map((i) => `${i.pathText}: ${i.message}`) };
  const problems = [
    ...builderIssues(parsed.definition).map((i) => `${i.pathText}: ${i.message}`),
    ...vocabularyProblems(parsed.definition, vocab),
  ];
  return problems.length
    ? { ok: false, problems: [...new Set(problems)] }
    : { ok: true, definition: parsed.definition };
}
