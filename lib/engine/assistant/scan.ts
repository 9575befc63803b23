import { CONDITION_PATTERNS } from './lexicon';
import { dictionaryFor, dictionaryMatches } from './dictionary';
import { PATTERNS, type Pattern } from './patterns';
import type { AssistantVocabulary, Mention, MentionData } from './types';

function patternMentions(text: string, patterns: Pattern[], out: Mention[]) {
  for (const p of patterns) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const data = p.make(m);
      if (data) out.push({ start: m.index, end: m.index + m[0].length, priority: p.priority ?? 0, ...data });
    }
  }
}

// V8 compiles a regex on its first use: compile the fixed patterns when this module loads (server start), not
// inside the first sentence a user sends.
for (const p of [...PATTERNS, ...CONDITION_PATTERNS]) {
  p.re.test('a 1 最近');
  p.re.lastIndex = 0;
}

/**
 * Every recognised piece of a normalised sentence, left to right, without overlaps: where two readings overlap the
 * longer wins (then the higher priority, then vocabulary over fixed words). Alternatives of a vocabulary phrase (the same
 * label on an RFM group and a lifecycle stage) ride along on the mention.
 */
export function scanMentions(text: string, vocab: AssistantVocabulary): Mention[] {
  const all: Mention[] = [];
  patternMentions(text, PATTERNS, all);
  patternMentions(text, CONDITION_PATTERNS, all);
  const dict = dictionaryFor(vocab);
  for (const m of dictionaryMatches(dict, text)) {
    const word = m.text;
    const list = dict.meanings.get(m.phrase);
    const first = list?.[0];
    if (!first) continue;
    const data: MentionData =
      first.kind === 'condition'
        ? {
            ...first,
            alternatives: list.flatMap((x) => (x.kind === 'condition' ? [x.condition] : [])),
          }
        : first;
    all.push({ start: m.index, end: m.index + word.length, priority: 0.5, ...data });
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken: Mention[] = [];
  for (const m of all) if (!taken.some((t) => m.start < t.end && t.start < m.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}

/** The parts of the text no mention covers, trimmed of punctuation (what the parser did not understand). */
export function uncovered(text: string, mentions: Mention[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const m of [...mentions, { start: text.length, end: text.length }]) {
    const gap = text
      .slice(at, m.start)
      .replace(/[\s.,!?;:'"()，。！？；：、]+/g, ' ')
      .trim();
    if (gap) out.push(gap);
    at = Math.max(at, m.end);
  }
  return out;
}
