export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type DelimiterDetection = {
  delimiter: Delimiter;
  /** Bytes of an Excel `sep=;` line to skip before the header (0 when absent). */
  sepLineLength: number;
  confidence: number;
};

/**
 * Counts of each candidate delimiter outside double quotes, per physical line, for the first `maxLines` lines. Blank
 * lines (nothing but delimiters and quotes) are left out, as the tokenizer skips them: the header is the first line
 * with text.
 */
function countPerLine(sample: Uint8Array, start: number, maxLines: number) {
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const lines: number[][] = [];
  let counts = codes.map(() => 0);
  let text = false;
  let inQuotes = false;
  for (let i = start; i < sample.length && lines.length < maxLines; i++) {
    const c = sample[i]!;
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) {
      if (c === 13 && sample[i + 1] === 10) i++;
      if (text) lines.push(counts);
      counts = codes.map(() => 0);
      text = false;
    } else {
      const k = inQuotes ? -1 : codes.indexOf(c);
      if (k >= 0) counts[k]!++;
      else text = true;
    }
  }
  if (text && counts.some((n) => n > 0)) lines.push(counts);
  return lines;
}

/**
 * Picks the delimiter among `,` `;` tab `|` from the first lines: the candidate whose count on the header line is
 * repeated on most of the following lines (ties: the larger count). Honours Excel's `sep=;` first line.
 * @example sniffDelimiter(Buffer.from('a;b;c\n1;2,5;3\n')).delimiter // ';'
 */
export function sniffDelimiter(sample: Uint8Array, start = 0): DelimiterDetection {
  const head = Buffer.from(sample.subarray(start, start + 6))
    .toString('latin1')
    .toLowerCase();
  if (head.startsWith('sep=') && DELIMITERS.includes(head[4] as Delimiter)) {
    let len = 5;
    if (sample[start + len] === 13) len++;
    if (sample[start + len] === 10) len++;
    return { delimiter: head[4] as Delimiter, sepLineLength: len, confidence: 1 };
  }
  const lines = countPerLine(sample, start, 50);
  if (lines.length === 0) return { delimiter: ',', sepLineLength: 0, confidence: 0 };
  let best: { k: number; score: number; count: number } = { k: 0, score: -1, count: 0 };
  for (let k = 0; k < DELIMITERS.length; k++) {
    const headerCount = lines[0]![k]!;
    if (headerCount === 0) continue;
    const rest = lines.slice(1);
    const agree = rest.length === 0 ? 1 : rest.filter((l) => l[k] === headerCount).length / rest.length;
    const score = agree * 1000 + headerCount;
    if (score > best.score) best = { k, score, count: headerCount };
  }
  if (best.score < 0) return { delimiter: ',', sepLineLength: 0, confidence: 0.3 };
  return { delimiter: DELIMITERS[best.k]!, sepLineLength: 0, confidence: Math.min(1, best.score / 1000) };
}
