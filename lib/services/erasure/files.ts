import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/** Text files that can hold customer rows: uploads, demo files, exports (model files and databases are not text). */
const TEXT_FILE = /\.(csv|tsv|txt|json|jsonl|ndjson)$/i;

/** Every text file under `dir` (recursively), plus `extra` paths that exist (uploads stored elsewhere). */
export function listTextFiles(dir: string, extra: readonly string[] = []): string[] {
  const out = new Set<string>();
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && TEXT_FILE.test(entry.name)) out.add(path.resolve(p));
    }
  };
  walk(dir);
  for (const p of extra) if (p && fs.existsSync(p)) out.add(path.resolve(p));
  return [...out];
}

/** The fields of one delimited line, unquoted and lower-cased (a line is matched field by field, never by substring). */
function fieldsOf(line: string) {
  return line.split(/[,;\t|]/).map((f) =>
    f
      .trim()
      .replace(/^"+|"+$/g, '')
      .trim()
      .toLowerCase(),
  );
}

/**
 * Rewrites `file` without the lines that have a field equal to one of `identifiers` (shop customer ids, e-mails,
 * phones; compared without case). Written to a temporary file and renamed, so a crash leaves the old or the new file,
 * never half of one; running it again removes nothing more. Returns the number of lines removed.
 */
export async function rewriteWithout(file: string, identifiers: ReadonlySet<string>): Promise<number> {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const tmp = `${file}.erasure-${process.pid}.tmp`;
  const out = fs.createWriteStream(tmp, { encoding: 'utf8' });
  let removed = 0;
  for await (const line of lines) {
    if (fieldsOf(line).some((f) => identifiers.has(f))) removed++;
    else if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  if (removed === 0) {
    fs.rmSync(tmp);
    return 0;
  }
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return removed;
}

/** Removes the customers' rows from every file; returns the files changed and the lines removed. */
export async function scrubFiles(files: readonly string[], identifiers: ReadonlySet<string>) {
  let changed = 0,
    lines = 0;
  for (const file of files) {
    const n = await rewriteWithout(file, identifiers);
    if (n > 0) {
      changed++;
      lines += n;
    }
  }
  return { files: changed, lines };
}
