/**
 * Rendering once per shape instead of once per customer. An e-mail's HTML and text differ between the customers of
 * one variant and language only in their own strings (merge values, product fields, signed links). The caller builds
 * the content a second time with a marker in place of each such string (`markers`), renders that once, and fills each
 * customer's strings into the rendered HTML (escaped as React escapes text and attributes) and text (as they are).
 *
 * The fill equals a full render only when a string cannot change the markup or its plain-text conversion, so
 * `markers` gives up (the caller renders in full) for a string with a line break, a tab, two spaces in a row, space
 * at either end, an http(s) address (the body's links are found in the merged text) or the marker word itself; an
 * empty string is kept as it is, and equal strings share a marker (both belong to the shape). `fill.test.ts` checks
 * the fill against full renders.
 */

const WORD = 'PRECISAFILL';
const MARK_RE = /PRECISAFILL(\d+)END/g;
const UNSAFE = /[\r\n\t\f\v]|\s{2}|^\s|\s$|PRECISAFILL/i;
const ADDRESS = /https?:/i;

/** A fresh set of markers: `mark(s)` returns the marker standing for `s`; `ok` is false once a string could not be. */
export function markers() {
  const fills: string[] = [];
  const index = new Map<string, number>();
  let ok = true;
  const mark = (value: string): string => {
    if (value === '') return value;
    if (UNSAFE.test(value)) ok = false;
    // the same string, the same marker: React writes one preload link per distinct image address
    let i = index.get(value);
    if (i === undefined) {
      i = fills.push(value) - 1;
      index.set(value, i);
    }
    return `${WORD}${i}END`;
  };
  return {
    fills,
    get ok() {
      return ok;
    },
    /** a link, a product field: anything but a merge value */
    mark,
    /** a merge value of the subject, preheader or body, where an address would become a link of its own */
    markMerged(value: string): string {
      if (ADDRESS.test(value)) ok = false;
      return mark(value);
    },
    /** a fixed text of the shape (template, labels): one holding the marker word cannot be filled */
    fixed(text: string): string {
      if (text.includes(WORD)) ok = false;
      return text;
    },
  };
}

const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };
/** React DOM server's escaping of text and attribute values. */
const escapeHtml = (s: string) => s.replace(/["&'<>]/g, (c) => ESCAPES[c]!);

/** A shape's rendering with one customer's strings filled in. */
export function fillRendered(shape: { html: string; text: string }, fills: string[]) {
  return {
    html: shape.html.replace(MARK_RE, (_m, i: string) => escapeHtml(fills[Number(i)]!)),
    text: shape.text.replace(MARK_RE, (_m, i: string) => fills[Number(i)]!),
  };
}
