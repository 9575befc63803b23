import { csvChunks } from '../../csv/write';
import { openImportStore } from '../../db/import/store';
import { databaseUrl } from '../../db/url';

export const REJECTED_ROWS_HEADER = ['line', 'column', 'reason', 'raw'] as const;

/**
 * The rejected rows of an import as CSV text chunks (line, column, reason, raw), in line order, through the
 * formula-neutralising writer: a rejected cell such as `=HYPERLINK(…)` downloads as text. Reads 1,000 rows at a time.
 * @example new Response(ReadableStream.from(rejectedRowsCsv(importId)), { headers: { 'content-type': 'text/csv; charset=utf-8' } })
 */
export async function* rejectedRowsCsv(importId: string, opts: { url?: string } = {}): AsyncGenerator<string> {
  const store = await openImportStore(opts.url ?? databaseUrl());
  try {
    async function* rows() {
      let after: { line: number; id: number } | null = null;
      for (;;) {
        const page = await store.listErrors(importId, after, 1000);
        for (const e of page) yield [e.line, e.column, e.reason, e.raw];
        if (page.length < 1000) return;
        const last = page[page.length - 1]!;
        after = { line: last.line, id: last.id };
      }
    }
    yield* csvChunks(REJECTED_ROWS_HEADER, rows());
  } finally {
    await store.close();
  }
}
