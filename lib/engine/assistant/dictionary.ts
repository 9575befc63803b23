import type { SegmentCondition } from '@/lib/schemas/segment';
import { GENDER_WORDS, SYNONYMS } from './lexicon';
import { PLACE_NAMES_ZH } from './places-zh';
import type { AssistantVocabulary, MentionData } from './types';

/** The shop's vocabulary as one matcher: every phrase (lower case) and what it may mean, best reading first. */
export type Dictionary = {
  re: RegExp;
  meanings: Map<string, MentionData[]>;
  tagKeys: Set<string>;
};

const FAMILY_ORDER = ['lifecycle', 'churn', 'clv', 'interest', 'custom', 'rfm'];

/** The condition a tag key stands for: RFM groups and lifecycle stages as portrait fields, the rest as tags. */
export function keyCondition(key: string, tagKeys: Set<string>): SegmentCondition | null {
  const [family, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (family === 'rfm') return { type: 'profile', field: 'rfmGroup', op: 'eq', value };
  if (family === 'lifecycle') return { type: 'profile', field: 'lifecycle', op: 'eq', value };
  return tagKeys.has(key) ? { type: 'tag', key, op: 'has' } : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
function phraseSource(p: string): string {
  const left = isWordChar(p[0]) ? '(?<![a-z0-9])' : '';
  const right = isWordChar(p.at(-1)) ? `${/[a-z]$/.test(p) ? '(?:s|es)?' : ''}(?![a-z0-9])` : '';
  return `${left}${escapeRegExp(p)}${right}`;
}

/** The last few shops' dictionaries by content (a page load fetches the vocabulary afresh each time). */
const cache = new Map<string, Dictionary>();
const fingerprint = (v: AssistantVocabulary) =>
  JSON.stringify([
    v.tags.map((t) => [t.key, t.label, t.labelZh]),
    v.categories,
    v.brands,
    v.regions,
    v.cities,
    v.genders,
  ]);

/** Builds (once per vocabulary object) the phrase matcher: tag labels, synonyms, categories, brands, places, genders. */
export function dictionaryFor(vocab: AssistantVocabulary): Dictionary {
  const id = fingerprint(vocab);
  const hit = cache.get(id);
  if (hit) return hit;
  const tagKeys = new Set(vocab.tags.map((t) => t.key));
  const meanings = new Map<string, MentionData[]>();
  const add = (phrase: string | null | undefined, m: MentionData | null) => {
    const p = phrase?.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (!p || !m || p.length < 1) return;
    const list = meanings.get(p) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(m))) list.push(m);
    meanings.set(p, list);
  };
  const condition = (c: SegmentCondition | null): MentionData | null =>
    c ? { kind: 'condition', condition: c } : null;
  for (const [key, words] of SYNONYMS) for (const w of words) add(w, condition(keyCondition(key, tagKeys)));
  const tags = [...vocab.tags].sort((a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family));
  for (const t of tags) {
    const c = condition(keyCondition(t.key, tagKeys));
    add(t.label, c);
    add(t.labelZh, c);
  }
  const genderWords = new Set(GENDER_WORDS.flatMap(([, w]) => w));
  for (const [value, words] of GENDER_WORDS)
    if (vocab.genders.includes(value))
      for (const w of words) add(w, condition({ type: 'attribute', field: 'gender', op: 'eq', value }));
  for (const c of vocab.categories) {
    if (!genderWords.has(c.name.toLowerCase())) add(c.name, { kind: 'object', filter: { categoryId: c.id } });
    add(c.nameZh, { kind: 'object', filter: { categoryId: c.id } });
  }
  for (const b of vocab.brands) add(b, { kind: 'object', filter: { brand: b } });
  const cities = new Set(vocab.cities);
  for (const [field, names] of [
    ['city', vocab.cities],
    ['region', vocab.regions.filter((r) => !cities.has(r))],
  ] as const)
    for (const name of names) {
      const c = condition({ type: 'attribute', field, op: 'eq', value: name });
      add(name, c);
      add(PLACE_NAMES_ZH[name], c);
      if (PLACE_NAMES_ZH[name]) add(`${PLACE_NAMES_ZH[name]}${field === 'city' ? '市' : '省'}`, c);
    }
  const phrases = [...meanings.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(phrases.map(phraseSource).join('|') || '(?!)', 'g');
  const dict = { re, meanings, tagKeys };
  if (cache.size >= 4) cache.delete(cache.keys().next().value as string);
  cache.set(id, dict);
  return dict;
}
