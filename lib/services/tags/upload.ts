import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { snapshotCoverage } from '@/lib/db/portraits/write';
import { customerIdsByExternalId } from '@/lib/db/customers';
import { addTagMembers } from '@/lib/db/tags';
import { CsvEncodingError, detectEncoding } from '@/lib/csv/encoding';
import { sniffDelimiter } from '@/lib/csv/sniff';
import { parseCsvBuffer } from '@/lib/csv/reader';
import { csvLine } from '@/lib/csv/write';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { loadCustomTag, tagIdSchema, utcToday } from './common';
import { rawDb } from '@/lib/db/connections';

export const MAX_TAG_UPLOAD_BYTES = 10 << 20;
/** Header names recognised for the id column (case-insensitive); otherwise the first column holds the ids. */
const ID_HEADERS = [
  'customer_id',
  'customerid',
  'customer id',
  'external_id',
  'externalid',
  'id',
  '客户id',
  '客户编号',
  '会员id',
  '用户id',
];
const MAX_LISTED = 500;

export type TagUploadProblem = { line: number; value: string; reason: 'unknown' | 'unreadable' | 'too-long' };
export type TagUploadReport = {
  tagId: number;
  mode: 'add' | 'replace';
  rows: number;
  matched: number;
  added: number;
  duplicates: number;
  unknown: number;
  rejected: number;
  /** up to 500 rows that were not used, with their line numbers */
  problems: TagUploadProblem[];
  /** every row that was not used, as CSV (cells that a spreadsheet would run as formulas are neutralised) */
  problemsCsv: string;
  encoding: string;
};

const uploadSchema = z.object({ tagId: tagIdSchema, mode: z.enum(['add', 'replace']).default('add') });

/**
 * Adds the customers listed in a CSV to a custom tag (or, with mode "replace", makes them its only members). The file
 * holds customer ids (the shop's ids, as imported) one per row, in a column named like customer_id / 客户ID or in
 * the first column; UTF-8 (with or without BOM) or GB18030. Unknown ids, unreadable rows and ids over 200
 * characters are reported with their line numbers and left out; duplicates count once. Values are only ever looked
 * up, never evaluated, and the report's CSV neutralises formula-like cells.
 */
export async function uploadTagMembers(
  actor: Actor | null,
  input: unknown,
  file: Uint8Array,
): Promise<TagUploadReport> {
  const user = authorize(actor, 'segments:edit');
  const { tagId, mode } = parseInput(uploadSchema, input);
  const tag = await loadCustomTag(tagId);
  if (tag.rule !== null) throw new AppError('CONFLICT', 'errors.tags.ruleMembers');
  if (file.byteLength === 0) throw new AppError('INVALID_INPUT', 'errors.fileEmpty');
  if (file.byteLength > MAX_TAG_UPLOAD_BYTES)
    throw new AppError('INVALID_INPUT', 'errors.fileTooLarge', { mb: MAX_TAG_UPLOAD_BYTES >> 20 });
  let encoding: ReturnType<typeof detectEncoding>;
  try {
    encoding = detectEncoding(file, true);
  } catch (e) {
    if (e instanceof CsvEncodingError)
      throw new AppError('INVALID_INPUT', 'errors.tags.encoding', { detail: e.message });
    throw e;
  }
  const body = Buffer.from(file.buffer, file.byteOffset + encoding.bomLength, file.byteLength - encoding.bomLength);
  const sniff = sniffDelimiter(body);
  const records = parseCsvBuffer(body.subarray(sniff.sepLineLength), {
    delimiter: sniff.delimiter,
    encoding: encoding.encoding,
    startLine: sniff.sepLineLength ? 2 : 1,
  });
  const nonEmpty = records.filter((r) => r.error || r.fields.some((f) => f.trim() !== ''));
  let column = 0;
  let data = nonEmpty;
  const head = nonEmpty[0];
  if (head && !head.error) {
    const names = head.fields.map((f) => f.trim().toLowerCase());
    const at = names.findIndex((n) => ID_HEADERS.includes(n));
    if (at >= 0) {
      column = at;
      data = nonEmpty.slice(1);
    }
  }
  const problems: TagUploadProblem[] = [];
  const wanted = new Map<string, number>();
  let duplicates = 0;
  for (const r of data) {
    if (r.error) {
      problems.push({ line: r.line, value: (r.raw ?? '').slice(0, 200), reason: 'unreadable' });
      continue;
    }
    const value = (r.fields[column] ?? '').trim();
    if (value === '') continue;
    if (value.length > 200) {
      problems.push({ line: r.line, value: value.slice(0, 200), reason: 'too-long' });
      continue;
    }
    if (wanted.has(value)) duplicates++;
    else wanted.set(value, r.line);
  }
  const found = await customerIdsByExternalId(db, [...wanted.keys()]);
  for (const [value, line] of wanted) if (!found.has(value)) problems.push({ line, value, reason: 'unknown' });
  problems.sort((a, b) => a.line - b.line);
  const ids = [...new Set(found.values())];
  const now = Date.now();
  const { added } = await addTagMembers(rawDb(), tagId, ids, 'upload', now, { replace: mode === 'replace' });
  await snapshotCoverage(rawDb(), utcToday(now), [tagId]);
  const unknown = problems.filter((p) => p.reason === 'unknown').length;
  const report: TagUploadReport = {
    tagId,
    mode,
    rows: data.length,
    matched: ids.length,
    added,
    duplicates,
    unknown,
    rejected: problems.length - unknown,
    problems: problems.slice(0, MAX_LISTED),
    problemsCsv: problems.length
      ? `\uFEFF${csvLine(['line', 'value', 'reason'])}${problems.map((p) => csvLine([p.line, p.value, p.reason])).join('')}`
      : '',
    encoding: encoding.encoding,
  };
  await writeAudit(db, {
    actorType: 'user',
    actorId: user.userId,
    action: 'tag.upload',
    targetType: 'tag',
    targetId: tagId,
    details: {
      key: tag.key,
      mode,
      rows: report.rows,
      matched: report.matched,
      added,
      unknown,
      rejected: report.rejected,
    },
  });
  return report;
}
