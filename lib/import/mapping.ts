import { FIELD_SPECS, type FieldSpec, type ImportKind } from './fields';
import { looksLike } from './looks-like';

/** Target field → source column name, as the mapping UI sends it (null or absent: not mapped). */
export type ColumnMapping = Record<string, string | null | undefined>;

export type MappingProposal = { field: string; column: string | null; confidence: number; reason: string };

export type ProposedMapping = {
  mapping: Record<string, string>;
  proposals: MappingProposal[];
  /** Columns no field took (kept as attributes for catalogue and customers). */
  unmappedColumns: string[];
  missingRequired: string[];
};

/** Lower case, NFKC (full-width → ASCII), without spaces, underscores, dashes, dots, brackets or colons. */
export function normaliseHeader(h: string) {
  return h.normalize('NFKC').toLowerCase().replace(/^\uFEFF/, '').replace(/[\s_\-.·:()[\]{}/\\#'"`]+/g, '');
}

type Alias = { norm: string; score: number; kind: string };

const aliasCache = new Map<ImportKind, Map<string, Alias[]>>();

function aliasesOf(kind: ImportKind) {
  let byField = aliasCache.get(kind);
  if (!byField) {
    byField = new Map();
    for (const spec of FIELD_SPECS[kind]) {
      const list: Alias[] = [{ norm: normaliseHeader(spec.key), score: 1, kind: 'exact field name' }];
      for (const a of spec.aliases.slice(1)) list.push({ norm: normaliseHeader(a), score: 0.95, kind: `alias "${a}"` });
      for (const a of spec.weak ?? []) list.push({ norm: normaliseHeader(a), score: 0.6, kind: `weak alias "${a}"` });
      byField.set(spec.key, list);
    }
    aliasCache.set(kind, byField);
  }
  return byField;
}

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

function scoreColumn(aliases: Alias[], header: string): { score: number; reason: string } {
  const h = normaliseHeader(header);
  if (!h) return { score: 0, reason: '' };
  let best = { score: 0, reason: '' };
  for (const a of aliases) {
    if (!a.norm) continue;
    if (h === a.norm) {
      if (a.score > best.score) best = { score: a.score, reason: a.kind };
      continue;
    }
    const minLen = isCjk(a.norm) ? 2 : 4;
    if (a.score >= 0.95 && a.norm.length >= minLen && (h.includes(a.norm) || (h.length >= minLen && a.norm.includes(h)))) {
      if (0.5 > best.score) best = { score: 0.5, reason: `header resembles ${a.kind}` };
    }
  }
  return best;
}

/**
 * Proposes a field for each column from its header (EN/ZH aliases, normalised) and, when sample rows are given,
 * lowers the confidence of typed fields whose sample values do not parse. Each column serves at most one field.
 * @example proposeMapping('orders', ['InvoiceNo', 'StockCode', 'Quantity']).mapping // { order_id: 'InvoiceNo', sku: 'StockCode', quantity: 'Quantity' }
 */
export function proposeMapping(kind: ImportKind, header: readonly string[], sampleRows: readonly (readonly string[])[] = []): ProposedMapping {
  const specs = FIELD_SPECS[kind];
  const aliases = aliasesOf(kind);
  const pairs: { field: number; column: number; score: number; reason: string }[] = [];
  specs.forEach((spec, fi) => {
    header.forEach((col, ci) => {
      const s = scoreColumn(aliases.get(spec.key)!, col);
      if (s.score <= 0) return;
      let score = s.score;
      let reason = s.reason;
      const values = sampleRows.map((r) => (r[ci] ?? '').trim()).filter(Boolean);
      if (values.length > 0) {
        const ok = values.filter((v) => looksLike(spec.type, v)).length / values.length;
        if (ok < 1) {
          score *= 0.4 + 0.6 * ok;
          reason += `; ${Math.round(ok * 100)}% of sample values fit`;
        }
      }
      pairs.push({ field: fi, column: ci, score: Math.round(score * 100) / 100, reason });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.field - b.field || a.column - b.column);
  const fieldTaken = new Map<number, (typeof pairs)[number]>();
  const columnTaken = new Set<number>();
  for (const p of pairs) {
    if (fieldTaken.has(p.field) || columnTaken.has(p.column)) continue;
    fieldTaken.set(p.field, p);
    columnTaken.add(p.column);
  }
  // A required field left without a column may take one that an optional field holds (UCI's "Description" is the
  // only title a file of StockCode, Description, UnitPrice has).
  specs.forEach((spec, fi) => {
    if (!spec.required || fieldTaken.has(fi)) return;
    for (const p of pairs) {
      if (p.field !== fi) continue;
      const holder = [...fieldTaken.entries()].find(([, q]) => q.column === p.column);
      if (holder && specs[holder[0]]!.required) continue;
      if (holder) fieldTaken.delete(holder[0]);
      fieldTaken.set(fi, p);
      columnTaken.add(p.column);
      break;
    }
  });
  const mapping: Record<string, string> = {};
  const proposals: MappingProposal[] = specs.map((spec, fi) => {
    const p = fieldTaken.get(fi);
    if (!p) return { field: spec.key, column: null, confidence: 0, reason: 'no matching column' };
    mapping[spec.key] = header[p.column]!;
    return { field: spec.key, column: header[p.column]!, confidence: p.score, reason: p.reason };
  });
  return {
    mapping,
    proposals,
    unmappedColumns: header.filter((_, ci) => !columnTaken.has(ci)),
    missingRequired: specs.filter((s, fi) => s.required && !fieldTaken.has(fi)).map((s) => s.key),
  };
}

export type ResolvedMapping = {
  /** field key → column index */
  columns: Map<string, number>;
  /** columns (index, name) not mapped to a field and not ignored: the row's attributes for catalogue/customers */
  extra: { index: number; name: string }[];
  missingRequired: FieldSpec[];
  /** mapping entries naming a column the file does not have */
  unknownColumns: { field: string; column: string }[];
};

/** Turns a field → column-name mapping into column indexes for this header; reports required fields left unmapped. */
export function resolveMapping(kind: ImportKind, header: readonly string[], mapping: ColumnMapping, ignore: readonly string[] = []): ResolvedMapping {
  const columns = new Map<string, number>();
  const unknownColumns: ResolvedMapping['unknownColumns'] = [];
  const byNorm = new Map<string, number>();
  header.forEach((h, i) => {
    if (!byNorm.has(normaliseHeader(h))) byNorm.set(normaliseHeader(h), i);
  });
  for (const spec of FIELD_SPECS[kind]) {
    const col = mapping[spec.key];
    if (!col) continue;
    let idx = header.indexOf(col);
    if (idx < 0) idx = byNorm.get(normaliseHeader(col)) ?? -1;
    if (idx < 0) unknownColumns.push({ field: spec.key, column: col });
    else columns.set(spec.key, idx);
  }
  const used = new Set(columns.values());
  const ignored = new Set(ignore.map(normaliseHeader));
  const extra = header.map((name, index) => ({ index, name })).filter((c) => !used.has(c.index) && !ignored.has(normaliseHeader(c.name)));
  const missingRequired = FIELD_SPECS[kind].filter((s) => s.required && !columns.has(s.key));
  return { columns, extra, missingRequired, unknownColumns };
}

/** The file-level error for a mapping that cannot work, or null. */
export function mappingProblem(kind: ImportKind, header: readonly string[], m: ResolvedMapping): string | null {
  const parts: string[] = [];
  if (m.unknownColumns.length) parts.push(`the mapping names columns the file does not have: ${m.unknownColumns.map((u) => `${u.field} → "${u.column}"`).join(', ')}`);
  if (m.missingRequired.length) {
    parts.push(`missing required column${m.missingRequired.length > 1 ? 's' : ''} for a ${kind} import: ${m.missingRequired.map((s) => `${s.key} (${s.label} / ${s.labelZh})`).join(', ')}`);
  }
  if (!parts.length) return null;
  return `${parts.join('; ')}. The file's columns are: ${header.join(', ')}`;
}
