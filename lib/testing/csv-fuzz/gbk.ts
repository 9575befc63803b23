/**
 * A GBK encoder for the fuzz files, made from the platform's own GBK decoder: every two-byte GB2312 code (lead and
 * trail bytes 0xA1–0xFE) decoded once, giving character → bytes. Node has no GBK encoder; test support only.
 */
let table: Map<string, [number, number]> | null = null;

function gbkTable() {
  if (table) return table;
  table = new Map();
  const dec = new TextDecoder('gbk');
  for (let a = 0xb0; a <= 0xf7; a++)
    for (let b = 0xa1; b <= 0xfe; b++) {
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  return table;
}

/** Whether every character of `text` is ASCII or a GB2312 hanzi (what `encodeGbk` can write). */
export function gbkEncodable(text: string) {
  const t = gbkTable();
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && !t.has(ch)) return false;
  return true;
}

/** GBK bytes of text made of ASCII and GB2312 hanzi; throws on anything else. */
export function encodeGbk(text: string): Buffer {
  const t = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else {
      const pair = t.get(ch);
      if (!pair) throw new RangeError(`encodeGbk: "${ch}" is not a GB2312 hanzi`);
      out.push(pair[0], pair[1]);
    }
  }
  return Buffer.from(out);
}
