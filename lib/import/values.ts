// Fast, allocation-light parsers for CSV cell text. Hand-written rather than zod schemas: each runs on every cell of
// files with millions of rows, and each needs locale rules (thousands separators, decimal commas, currency symbols,
// Chinese booleans) that a schema library would only reach through a preprocessing step doing the same work.

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '￥': 'CNY',
  RMB: 'CNY',
  元: 'CNY',
  '₹': 'INR',
  R$: 'BRL',
  '₩': 'KRW',
  HK$: 'HKD',
  NT$: 'TWD',
  A$: 'AUD',
  C$: 'CAD',
  CHF: 'CHF',
  kr: 'SEK',
  '₽': 'RUB',
  '₺': 'TRY',
  SR: 'SAR',
  'ر.س': 'SAR',
  '﷼': 'SAR',
  'د.إ': 'AED',
  zł: 'PLN',
  Rp: 'IDR',
  '₫': 'VND',
  '฿': 'THB',
  S$: 'SGD',
  RM: 'MYR',
};
const SYMBOL_RE =
  /^(US\$|HK\$|NT\$|A\$|C\$|R\$|S\$|RMB|CHF|ر\.س|د\.إ|[$€£¥￥₹₩₽₺₫฿﷼]|(?:SR|RM|Rp)(?=[\s\d])|[A-Z]{3}(?=[\s\d(+-]))\s*|\s*(元|kr|zł|SR|ر\.س|د\.إ|[A-Z]{3}|[$€£¥￥₹₩₽₺₫฿﷼])$/;

export type ParsedNumber = { value: number; currency: string | null; normalised: boolean };

/** Plain `-12`, `3.5`, `0.25` — the common case, checked without allocating. */
function isPlain(s: string) {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= s.length) return false;
  let dot = false;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0 && s.charCodeAt(s.length - 1) !== 46;
}

/**
 * Parses a number as people type it: `1,234.56`, `1.234,56` and `12,5` when the decimal separator is a comma,
 * `1 234,5`, `(12.00)` for −12, `$12`, `12 €`, `¥1,299`, `12.5%` is refused. Returns null when it is not a number.
 * @example parseNumber('1.234,56', ',') // { value: 1234.56, currency: null, normalised: true }
 */
export function parseNumber(text: string, decimal: '.' | ',' = '.'): ParsedNumber | null {
  if (decimal === '.' && isPlain(text)) return { value: Number(text), currency: null, normalised: false };
  let s = text.normalize('NFKC').trim();
  let currency: string | null = null;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  for (let k = 0; k < 2; k++) {
    const m = SYMBOL_RE.exec(s);
    if (!m) break;
    const sym = (m[1] ?? m[2])!;
    currency = CURRENCY_SYMBOLS[sym] ?? (/^[A-Z]{3}$/.test(sym) ? sym : currency);
    s = s.slice(0, m.index) + s.slice(m.index + m[0].length);
    s = s.trim();
    if (s.startsWith('-')) {
      negative = !negative;
      s = s.slice(1).trim();
    }
  }
  if (!s) return null;
  // thousands groups: digits, then groups of exactly three after a separator (comma, dot, space, apostrophe)
  const groupRe =
    decimal === '.' ? /^\d{1,3}([, '\u00a0\u202f]\d{3})+(\.\d+)?$/ : /^\d{1,3}([. '\u00a0\u202f]\d{3})+(,\d+)?$/;
  let plain: string;
  if (groupRe.test(s)) plain = s.replace(/[,. '\u00a0\u202f]/g, (ch) => (ch === decimal ? '.' : ''));
  else if (decimal === ',' && /^\d*,\d+$|^\d+,?$/.test(s)) plain = s.replace(',', '.');
  else if (decimal === ',' && /^\d+\.(\d{1,2}|\d{4,})$/.test(s))
    plain = s; // a dot decimal in a decimal-comma file
  else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) && (decimal === '.' || !s.includes('.'))) plain = s;
  else return null;
  const value = Number(plain);
  if (!Number.isFinite(value)) return null;
  return { value: negative ? -value : value, currency, normalised: true };
}

// Yes/no words of the main languages of online retail: en, zh, es, pt, fr, de, it, nl, sv/da/no, pl, ar, ru, ja, ko,
// tr, id/ms, vi, th, hi. Checked in lower case after trimming.
const TRUE = new Set([
  'true',
  't',
  'yes',
  'y',
  '1',
  'on',
  'x',
  '✓',
  '✔',
  'active',
  'enabled',
  'opt-in',
  'opted in',
  'subscribed',
  '是',
  '对',
  '真',
  '有',
  '同意',
  '已订阅',
  '订阅',
  '上架',
  'sí',
  'si',
  'verdadero',
  'sim',
  'verdadeiro',
  'oui',
  'vrai',
  'ja',
  'wahr',
  'sì',
  'vero',
  'waar',
  'tak',
  'نعم',
  'صحيح',
  'да',
  'истина',
  'はい',
  'あり',
  '有り',
  '○',
  '예',
  '네',
  '참',
  '있음',
  'evet',
  'doğru',
  'ya',
  'benar',
  'có',
  'ใช่',
  'हाँ',
  'हां',
]);
const FALSE = new Set([
  'false',
  'f',
  'no',
  'n',
  '0',
  'off',
  'inactive',
  'disabled',
  'opt-out',
  'opted out',
  'unsubscribed',
  '否',
  '不',
  '假',
  '无',
  '不同意',
  '未订阅',
  '退订',
  '下架',
  'falso',
  'não',
  'nao',
  'non',
  'faux',
  'nein',
  'falsch',
  'nee',
  'onwaar',
  'nej',
  'nei',
  'nie',
  'لا',
  'خطأ',
  'нет',
  'ложь',
  'いいえ',
  'なし',
  '無し',
  '無',
  '×',
  '아니요',
  '아니오',
  '거짓',
  '없음',
  'hayır',
  'hayir',
  'yanlış',
  'tidak',
  'salah',
  'không',
  'ไม่ใช่',
  'नहीं',
]);

/** yes/no, true/false, 1/0, 是/否, sí/no, ja/nein, نعم/لا, はい/いいえ, … → boolean; null when unrecognised. */
export function parseBoolean(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/**
 * Cleans an external id: trims it and drops a spreadsheet's float suffix (`17850.0` → `17850`). Returns the id and
 * whether it changed beyond trimming.
 */
export function cleanId(text: string): { id: string; normalised: boolean } {
  const s = text.trim();
  const n = s.length;
  if (n > 2 && s.charCodeAt(n - 1) === 48 && /^\d+\.0+$/.test(s))
    return { id: s.slice(0, s.indexOf('.')), normalised: true };
  return { id: s, normalised: false };
}

/** ISO 4217 code from a cell (`usd`, `US$`, `¥` → CNY, `元` → CNY); null when unrecognised. */
export function parseCurrency(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  if (/^[A-Za-z]{3}$/.test(s)) return s.toUpperCase();
  return (
    CURRENCY_SYMBOLS[s] ??
    (s === '人民币' ? 'CNY' : s === '美元' ? 'USD' : s === '欧元' ? 'EUR' : s === '英镑' ? 'GBP' : null)
  );
}

const GENDER: Record<string, string> = {
  f: 'female',
  female: 'female',
  w: 'female',
  woman: 'female',
  women: 'female',
  女: 'female',
  女性: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  men: 'male',
  男: 'male',
  男性: 'male',
  other: 'other',
  diverse: 'other',
  d: 'other',
  x: 'other',
  其他: 'other',
  u: 'unknown',
  unknown: 'unknown',
  未知: 'unknown',
};

/** female | male | other | unknown, or the trimmed text in lower case when unrecognised. */
export function normaliseGender(text: string) {
  const s = text.trim().toLowerCase();
  return GENDER[s] ?? s;
}
