import { FIELD_SPECS, type FieldSpec, type ImportKind } from './fields';
import { columnFit, VALUE_ONLY, type ValueFit, valueKindOf } from './value-hints';

/** Target field → source column name, as the mapping UI sends it (null or absent: not mapped). */
export type ColumnMapping = Record<string, string | null | undefined>;

/** Why a column was proposed for a field: a code the UI translates, with its parameters. */
export type ProposalReason =
  | { code: 'exactName' }
  | { code: 'alias' | 'weakAlias' | 'headerResembles'; alias: string }
  | { code: 'valuesFit' | 'valuesDoNotFit'; kind: ValueFit['kind']; share: number; example: string };

export type MappingProposal = {
  field: string;
  /** the best column for the field (mapped or only suggested), or null */
  column: string | null;
  confidence: number;
  /** false: a weak match shown as a suggestion, left unmapped */
  mapped: boolean;
  reasons: ProposalReason[];
};

export type ProposedMapping = {
  mapping: Record<string, string>;
  proposals: MappingProposal[];
  /** Columns no field took (kept as attributes for catalogue and customers). */
  unmappedColumns: string[];
  missingRequired: string[];
};

/** A column is mapped from this confidence on; weaker matches are only suggested. */
export const MAP_THRESHOLD = 0.7;

/** Lower case, NFKC (full-width → ASCII), without spaces, underscores, dashes, dots, brackets or colons. */
export function normaliseHeader(h: string) {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\uFEFF/, '')
    .replace(/[\s_\-.·:()[\]{}/\\#'"`]+/g, '');
}

type Alias = { norm: string; score: number; text: string };

const aliasCache = new Map<ImportKind, Map<string, Alias[]>>();

function aliasesOf(kind: ImportKind) {
  let byField = aliasCache.get(kind);
  if (!byField) {
    byField = new Map();
    for (const spec of FIELD_SPECS[kind]) {
      const list: Alias[] = [{ norm: normaliseHeader(spec.key), score: 1, text: spec.key }];
      for (const a of spec.aliases.slice(1)) list.push({ norm: normaliseHeader(a), score: 0.95, text: a });
      for (const a of spec.weak ?? []) list.push({ norm: normaliseHeader(a), score: 0.6, text: a });
      byField.set(spec.key, list);
    }
    aliasCache.set(kind, byField);
  }
  return byField;
}

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

function scoreHeader(aliases: Alias[], header: string): HeaderScore {
  const h = normaliseHeader(header);
  let best: HeaderScore = { score: 0, reason: null };
  if (!h) return best;
  for (const a of aliases) {
    if (!a.norm) continue;
    if (h === a.norm) {
      if (a.score > best.score) {
        const reason: ProposalReason =
          a.score === 1 ? { code: 'exactName' } : { code: a.score >= 0.95 ? 'alias' : 'weakAlias', alias: a.text };
        best = { score: a.score, reason };
      }
      continue;
    }
    const minLen = isCjk(a.norm) ? 2 : 4;
    if (
      a.score >= 0.95 &&
      a.norm.length >= minLen &&
      (h.includes(a.norm) || (h.length >= minLen && a.norm.includes(h)))
    ) {
      if (0.5 > best.score) best = { score: 0.5, reason: { code: 'headerResembles', alias: a.text } };
    }
  }
  return best;
}

type HeaderScore = { score: number; reason: ProposalReason | null };

/** `named`: the header is the field's name or a known alias, so the column is mapped even when its values disagree. */
type Pair = { field: number; column: number; score: number; named: boolean; reasons: ProposalReason[] };

/** Combines what the header says with what the values say (see proposeMapping). */
function scorePair(
  kind: ImportKind,
  spec: FieldSpec,
  header: HeaderScore,
  values: string[],
): { score: number; reasons: ProposalReason[] } | null {
  const valueKind = valueKindOf(spec);
  const fit = valueKind && values.length ? columnFit(valueKind, values) : null;
  const reasons: ProposalReason[] = header.reason ? [header.reason] : [];
  const fitReason = (f: ValueFit): ProposalReason => ({
    code: f.share >= 0.8 ? 'valuesFit' : 'valuesDoNotFit',
    kind: f.kind,
    share: f.share,
    example: f.example,
  });
  if (header.score > 0) {
    if (!fit) return { score: header.score, reasons };
    reasons.push(fitReason(fit));
    if (fit.share < 0.8) return { score: header.score * (0.4 + 0.6 * fit.share), reasons };
    if (header.score >= 0.95) return { score: header.score * (fit.share < 1 ? 0.4 + 0.6 * fit.share : 1), reasons };
    return { score: fit.distinctive ? 0.85 : header.score, reasons };
  }
  const alone = VALUE_ONLY[kind][spec.key];
  if (!alone || !fit?.distinctive) return null;
  reasons.push(fitReason(fit));
  return { score: alone * fit.share, reasons };
}

/**
 * Proposes a field for each column from its header (EN/ZH aliases, normalised) and its sample values: values that
 * fit a field's type confirm a weak header match (image URLs for image_url, yes/no words for active, colour words for
 * color) or, when no header matches (a language the aliases do not cover), propose the field on their own; values
 * that do not fit lower the confidence. A header that is the field's name or a known alias is mapped first, whatever
 * its values (they only lower the confidence shown); other pairs below MAP_THRESHOLD are only suggested, except that
 * a required field may take its best fitting column from 0.5. Each column serves at most one field.
 * @example proposeMapping('orders', ['InvoiceNo', 'StockCode', 'Quantity']).mapping // { order_id: 'InvoiceNo', sku: 'StockCode', quantity: 'Quantity' }
 */
export function proposeMapping(
  kind: ImportKind,
  header: readonly string[],
  sampleRows: readonly (readonly string[])[] = [],
): ProposedMapping {
  const specs = FIELD_SPECS[kind];
  const aliases = aliasesOf(kind);
  const columnValues = header.map((_, ci) => sampleRows.map((r) => (r[ci] ?? '').trim()).filter(Boolean));
  const pairs: Pair[] = [];
  specs.forEach((spec, fi) => {
    header.forEach((col, ci) => {
      const h = scoreHeader(aliases.get(spec.key)!, col);
      const s = scorePair(kind, spec, h, columnValues[ci]!);
      if (s && s.score > 0)
        pairs.push({
          field: fi,
          column: ci,
          score: Math.round(s.score * 100) / 100,
          named: h.score >= 0.95,
          reasons: s.reasons,
        });
    });
  });
  pairs.sort(
    (a, b) => Number(b.named) - Number(a.named) || b.score - a.score || a.field - b.field || a.column - b.column,
  );
  const fieldTaken = new Map<number, Pair>();
  const columnTaken = new Set<number>();
  for (const p of pairs) {
    if ((p.score < MAP_THRESHOLD && !p.named) || fieldTaken.has(p.field) || columnTaken.has(p.column)) continue;
    fieldTaken.set(p.field, p);
    columnTaken.add(p.column);
  }
  // A required field left without a column may take a weaker one, even one an optional field holds (UCI's
  // "Description" is the only title a file of StockCode, Description, UnitPrice has), unless its values do not fit.
  specs.forEach((spec, fi) => {
    if (!spec.required || fieldTaken.has(fi)) return;
    for (const p of pairs) {
      if (p.field !== fi || p.score < 0.5 || p.reasons.some((r) => r.code === 'valuesDoNotFit')) continue;
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
    if (p) {
      mapping[spec.key] = header[p.column]!;
      return { field: spec.key, column: header[p.column]!, confidence: p.score, mapped: true, reasons: p.reasons };
    }
    const suggestion = pairs.find((q) => q.field === fi && !columnTaken.has(q.column));
    if (!suggestion) return { field: spec.key, column: null, confidence: 0, mapped: false, reasons: [] };
    return {
      field: spec.key,
      column: header[suggestion.column]!,
      confidence: suggestion.score,
      mapped: false,
      reasons: suggestion.reasons,
    };
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
export function resolveMapping(
  kind: ImportKind,
  header: readonly string[],
  mapping: ColumnMapping,
  ignore: readonly string[] = [],
): ResolvedMapping {
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
  const extra = header
    .map((name, index) => ({ index, name }))
    .filter((c) => !used.has(c.index) && !ignored.has(normaliseHeader(c.name)));
  const missingRequired = FIELD_SPECS[kind].filter((s) => s.required && !columns.has(s.key));
  return { columns, extra, missingRequired, unknownColumns };
}

/** The file-level error for a mapping that cannot work, or null. */
export function mappingProblem(kind: ImportKind, header: readonly string[], m: ResolvedMapping): string | null {
  const parts: string[] = [];
  if (m.unknownColumns.length)
    parts.push(
      `the mapping names columns the file does not have: ${m.unknownColumns.map((u) => `${u.field} → "${u.column}"`).join(', ')}`,
    );
  if (m.missingRequired.length) {
    parts.push(
      `missing required column${m.missingRequired.length > 1 ? 's' : ''} for a ${kind} import: ${m.missingRequired.map((s) => `${s.key} (${s.label} / ${s.labelZh})`).join(', ')}`,
    );
  }
  if (!parts.length) return null;
  return `${parts.join('; ')}. The file's columns are: ${header.join(', ')}`;
}
