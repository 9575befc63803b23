const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** True when the text contains CJK ideographs. */
export const hasCjk = (text: string) => CJK.test(text);

/**
 * Word tokens of a search query or a name: NFKC-normalised, lower-cased, split with
 * `Intl.Segmenter('zh', { granularity: 'word' })` (ICU's dictionary segmentation for Chinese, plain word breaks
 * elsewhere; Node 20's full ICU segments "我想买运动鞋" as 我想 / 买 / 运动 / 鞋), keeping word-like segments only.
 * ASCII words longer than 3 letters lose one plural "s" ("shoes" → "shoe", not "dress"), so that "Sports" matches
 * "sport".
 *
 * @example
 * tokenize('Nike Running Shoes 运动鞋'); // ['nike', 'running', 'shoe', '运动', '鞋']
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const s of SEGMENTER.segment(text.normalize('NFKC').toLowerCase())) {
    if (!s.isWordLike) continue;
    out.push(/^[a-z]{4,}s$/.test(s.segment) && !s.segment.endsWith('ss') ? s.segment.slice(0, -1) : s.segment);
  }
  return out;
}

/** Something a query can point at: a category (dense index) or a brand (index). */
export type MatchTarget = { kind: 'category' | 'brand'; index: number };

export type NameMatcher = {
  /** the targets whose name occurs in the query; results are cached per distinct query */
  match(query: string): MatchTarget[];
};

/**
 * Matches search queries to category and brand names. A name matches when its tokens occur as a contiguous run of
 * the query's tokens ("running shoes" matches "Running Shoes"); a name with Chinese characters also matches when
 * it occurs as a substring of the query with spaces removed, which covers the cases where the segmenter cuts the
 * name differently in context (耐克 inside 耐克跑步鞋 comes out as 耐 / 克).
 *
 * @example
 * const m = buildNameMatcher([{ target: { kind: 'category', index: 0 }, name: '运动' }]);
 * m.match('我想买运动鞋'); // [{ kind: 'category', index: 0 }]
 */
export function buildNameMatcher(names: readonly { target: MatchTarget; name: string }[]): NameMatcher {
  const byFirstToken = new Map<string, { tokens: string[]; target: MatchTarget }[]>();
  const cjkNames: { text: string; target: MatchTarget }[] = [];
  for (const { target, name } of names) {
    const tokens = tokenize(name);
    if (tokens.length > 0) {
      const list = byFirstToken.get(tokens[0]!) ?? [];
      list.push({ tokens, target });
      byFirstToken.set(tokens[0]!, list);
    }
    if (hasCjk(name)) cjkNames.push({ text: name.normalize('NFKC').toLowerCase().replace(/\s+/g, ''), target });
  }
  const cache = new Map<string, MatchTarget[]>();
  return {
    match(query: string) {
      const cached = cache.get(query);
      if (cached) return cached;
      const found = new Map<string, MatchTarget>();
      const q = tokenize(query);
      for (let i = 0; i < q.length; i++) {
        for (const cand of byFirstToken.get(q[i]!) ?? []) {
          if (cand.tokens.every((t, k) => q[i + k] === t))
            found.set(`${cand.target.kind}:${cand.target.index}`, cand.target);
        }
      }
      if (cjkNames.length > 0 && hasCjk(query)) {
        const flat = query.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
        for (const c of cjkNames) if (flat.includes(c.text)) found.set(`${c.target.kind}:${c.target.index}`, c.target);
      }
      const result = [...found.values()];
      cache.set(query, result);
      return result;
    },
  };
}
