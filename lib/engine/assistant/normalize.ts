const ZH_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const EN_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

/** A Chinese numeral written with 十/百/千 (e.g. 三十 = 30, 十五 = 15, 一百二十 = 120). */
export function zhNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : 0;
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else digit = ZH_DIGITS[ch] ?? 0;
  }
  return total + digit;
}

/**
 * The text the matchers read: NFKC (full-width digits and letters become ASCII), lower case, Chinese numerals before a
 * unit as digits (三十天 → 30天), English number words as digits, "twice"/"once" as counts, thousands separators and
 * "1k" / "1万" folded, dates written 2026/1/5 or 2026年1月5日 as 2026-01-05. Same length is not kept.
 */
export function normalizeText(input: string): string {
  let s = input.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  s = s.replace(/[’‘]/g, "'").replace(/[“”「」『』]/g, '"');
  s = s.replace(/(\d{4})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*[日号]?/g, (_, y, m, d) => {
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });
  s = s.replace(/(\d{4})-(\d{1,2})-(\d{1,2})/g, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  s = s.replace(/半年/g, '180天').replace(/半个月/g, '15天');
  s = s.replace(/([零一二两三四五六七八九十百千]+)(?=\s*(?:个|天|日|周|星期|月|年|次|笔|单|件|元|块|倍))/g, (m) =>
    String(zhNumber(m)),
  );
  s = s.replace(/(\d+(?:\.\d+)?)\s*万/g, (_, n) => String(Math.round(Number(n) * 10_000)));
  s = s.replace(/(\d+(?:\.\d+)?)\s*千/g, (_, n) => String(Math.round(Number(n) * 1000)));
  s = s.replace(/(\d+(?:\.\d+)?)k\b/g, (_, n) => String(Math.round(Number(n) * 1000)));
  s = s.replace(/(\d),(?=\d{3}\b)/g, '$1');
  s = s.replace(/\btwice\b/g, '2 times').replace(/\bonce\b/g, '1 time');
  s = s.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)\b/g,
    (w) => String(EN_NUMBERS[w]),
  );
  return s;
}
