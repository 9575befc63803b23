/** Merge fields of e-mail templates: `{{first_name}}` or `{{first_name|friend}}` (an inline default). */

/** `survey_url` is the customer's own link to the campaign's survey (empty when the campaign has none). */
export const MERGE_FIELDS = ['first_name', 'name', 'email', 'shop_name', 'city', 'region', 'survey_url'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string | null>>;

const FIELD = /\{\{\s*([a-z_]+)\s*(?:\|([^}]*))?\}\}/g;

/** The fields a text uses that are not known merge fields (a template with any is refused). */
export function unknownMergeFields(text: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1]!).filter((f) => !known.has(f)))];
}

/**
 * First name from a full name: the first word of a Western name ("Ann Lee" → "Ann"); a name written without spaces
 * in CJK script is kept whole (a Chinese given name cannot be split off reliably: 欧阳娜娜 has a two-character surname).
 */
export function firstNameOf(name: string | null | undefined): string | null {
  const n = name?.trim();
  if (!n) return null;
  return n.split(/\s+/)[0] ?? null;
}

/**
 * Replaces each field with its value; a missing or empty value falls back to the inline default, then to the
 * template-wide default for that field, then to ''. Unknown fields become ''. Pure and linear in the text.
 * @example fillMergeFields('Hi {{first_name|there}}', { first_name: null }, {}) // 'Hi there'
 */
export function fillMergeFields(
  text: string,
  values: MergeValues,
  defaults: Partial<Record<MergeField, string>> = {},
): string {
  return text.replace(FIELD, (_all, field: string, inline: string | undefined) => {
    const v = values[field as MergeField];
    if (v !== null && v !== undefined && v.trim() !== '') return v;
    if (inline !== undefined && inline.trim() !== '') return inline.trim();
    return defaults[field as MergeField] ?? '';
  });
}
