import type { SegmentCondition } from '@/lib/schemas/segment';
import { GENDER_WORDS, SYNONYMS } from './lexicon';
import { PLACE_NAMES_ZH } from './places-zh';
import type { AssistantVocabulary, MentionData } from './types';

/** The shop's vocabulary as one matcher: every phrase (lower case) and what it may mean, best reading first. */
export type Dictionary = {
  meanings: Map<string, MentionData[]>;
  /** the phrases' lengths, longest first (the matcher tries each at every position) */
  lengths: number[];
  tagKeys: Set<string>;
};

/** A phrase found in a text: where it starts, the text matched (a plural "s"/"es" included) and the phrase. */
export type DictionaryMatch = { index: number; text: string; phrase: string };

const FAMILY_ORDER = ['lifecycle', 'churn', 'clv', 'interest', 'custom', 'rfm'];

/** The condition a tag key stands for: RFM groups and lifecycle stages as portrait fields, the rest as tags. */
export function keyCondition(key: string, tagKeys: Set<string>): SegmentCondition | null {
  const [family, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (family === 'rfm') return { type: 'profile', field: 'rfmGroup', op: 'eq', value };
  if (family === 'lifecycle') return { type: 'profile', field: 'lifecycle', op: 'eq', value };
  return tagKeys.has(key) ? { type: 'tag', key, op: 'has' } : null;
}

const isWordChar = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

/** The phrase at `at` with the optional plural ending, or null: whole words only where the phrase has word edges. */
function matchAt(dict: Dictionary, text: string, at: number): DictionaryMatch | null {
  const wordBefore = isWordChar(text[at - 1]);
  for (const length of dict.lengths) {
    const phrase = text.slice(at, at + length);
    if (phrase.length < length || !dict.meanings.has(phrase)) continue;
    if (wordBefore && isWordChar(phrase[0])) continue;
    if (!isWordChar(phrase.at(-1))) return { index: at, text: phrase, phrase };
    const endings = isLetter(phrase.at(-1)) ? ['s', 'es', ''] : [''];
    for (const ending of endings) {
      const end = at + length + ending.length;
      if (text.slice(at + length, end) === ending && !isWordChar(text[end]))
        return { index: at, text: phrase + ending, phrase };
    }
  }
  return null;
}

/**
 * Every dictionary phrase in a normalised text, left to right, the longest at each position, without overlaps (what
 * one alternation regex of all phrases would find, without compiling one: a Map lookup per position and length).
 */
export function dictionaryMatches(dict: Dictionary, text: string): DictionaryMatch[] {
  const out: DictionaryMatch[] = [];
  for (let at = 0; at < text.length; ) {
    const m = matchAt(dict, text, at);
    if (m) {
      out.push(m);
      at += m.text.length;
    } else at++;
  }
  return out;
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
  const seen = new Set<string>();
  const add = (phrase: string | null | undefined, m: MentionData | null) => {
    const p = phrase?.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (!p || !m) return;
    const id = `${p}\u0000${JSON.stringify(m)}`;
    if (seen.has(id)) return;
    seen.add(id);
    const list = meanings.get(p);
    if (list) list.push(m);
    else meanings.set(p, [m]);
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
  const lengths = [...new Set([...meanings.keys()].map((p) => p.length))].sort((a, b) => b - a);
  const dict = { meanings, lengths, tagKeys };
  if (cache.size >= 4) cache.delete(cache.keys().next().value as string);
  cache.set(id, dict);
  return dict;
}
