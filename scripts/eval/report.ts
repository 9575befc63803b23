/** Writes the eval results as JSON (every number with its protocol) and as a readable Markdown report. */
import fs from 'node:fs';
import path from 'node:path';
import type { EvalRow } from '@/lib/engine/recommendation/evaluate-models';

export type Published = { metrics: Record<string, number>; source: string };
export type SectionRow = EvalRow & { published?: Published };
export type Section = {
  id: string;
  title: string;
  dataset: string;
  protocol: string;
  notes: string[];
  rows: SectionRow[];
  references?: { model: string; published: Published }[];
};
export type Timing = {
  shape: string;
  rows: {
    model: string;
    params: Record<string, unknown>;
    fitMs: number;
    fitCpuMs: number;
    serveAllUsersTop10Ms: number;
    serveCpuMs: number;
  }[];
};
export type EvalReport = {
  generatedAt: string;
  environment: Record<string, string | number>;
  sections: Section[];
  timing?: Timing;
};

const f4 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(4));
const secs = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

function selectedParams(row: SectionRow): string {
  const p = row.params as Record<string, unknown>;
  const shown = p.selected ?? Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'grid' && k !== 'search'));
  return JSON.stringify(shown).replace(/"/g, '').replace(/,/g, ', ').slice(0, 160);
}

export function toMarkdown(report: EvalReport): string {
  const out: string[] = [
    '# Recommendation engine — offline evaluation',
    '',
    `Generated ${report.generatedAt} by \`npm run eval\` (scripts/eval/). Environment: ${Object.entries(
      report.environment,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  ];
  for (const s of report.sections) {
    out.push(`## ${s.title}`, '', `**Dataset:** ${s.dataset}  `, `**Protocol:** ${s.protocol}`, '');
    for (const n of s.notes) out.push(`- ${n}`);
    if (s.notes.length) out.push('');
    const keys = [...new Set(s.rows.flatMap((r) => Object.keys(r.metrics)))];
    const rating = keys.includes('rmse');
    const shownKeys = rating
      ? ['rmse', 'mae']
      : keys.filter((k) => /^(precision|recall|ndcg|map|hitRate|coverage|novelty)@/.test(k));
    const header = [
      'model',
      ...shownKeys,
      ...(rating ? ['published RMSE / MAE'] : []),
      'training s/fold',
      'parameters',
    ];
    out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const r of s.rows) {
      const pub = r.published ? `${r.published.metrics.rmse?.toFixed(3)} / ${r.published.metrics.mae?.toFixed(3)}` : '';
      out.push(
        `| ${[r.model, ...shownKeys.map((k) => f4(r.metrics[k])), ...(rating ? [pub] : []), secs(r.trainingMs), selectedParams(r)].join(' | ')} |`,
      );
    }
    for (const ref of s.references ?? []) {
      out.push(
        `| *${ref.model} (published)* | ${shownKeys.map((k) => f4(ref.published.metrics[k])).join(' | ')} | | ${ref.published.source} |`,
      );
    }
    out.push('');
  }
  if (report.timing) {
    out.push(
      `## Item-kNN fit/serve time`,
      '',
      `Shape: ${report.timing.shape}. Single thread; wall clock and CPU time of the process (the machine is shared, so CPU time is the steadier number).`,
      '',
      '| configuration | fit s (CPU s) | top-10 for all users s (CPU s) |',
      '|---|---|---|',
    );
    for (const r of report.timing.rows)
      out.push(
        `| ${r.model} ${JSON.stringify(r.params).replace(/"/g, '')} | ${secs(r.fitMs)} (${secs(r.fitCpuMs)}) | ${secs(r.serveAllUsersTop10Ms)} (${secs(r.serveCpuMs)}) |`,
      );
    out.push('');
  }
  return out.join('\n');
}

/**
 * Writes eval.json and eval.md. With `merge`, sections (by id) and timing not produced by this run are kept from
 * the existing eval.json, so `npm run eval -- --only timing` refreshes one part without losing the rest. With
 * `mergeRows`, a section of this run only adds or replaces its rows (by model name) and notes (by their first word
 * up to the colon) in the existing section of the same id (`--rows`, `--skip`: rows not run keep their values).
 */
export function writeReport(
  report: EvalReport,
  dir: string,
  merge = false,
  mergeRows = false,
  command = 'npm run eval',
): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'eval.json');
  if (merge && fs.existsSync(file)) {
    const old = JSON.parse(fs.readFileSync(file, 'utf8')) as EvalReport;
    report.sections = report.sections.map((s) =>
      withMergeNote(mergeRows ? mergeSection(old.sections, s) : s, report.generatedAt, command),
    );
    // the report's date and machine stay those of the run that made most of it
    report.generatedAt = old.generatedAt;
    report.environment = old.environment;
    const ids = new Set(report.sections.map((s) => s.id));
    const order = old.sections.map((s) => s.id);
    report.sections = [...old.sections.filter((s) => !ids.has(s.id)), ...report.sections].sort(
      (a, b) => rank(order, a.id) - rank(order, b.id),
    );
    report.timing ??= old.timing;
  }
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'eval.md'), toMarkdown(report));
}

const MERGED = 'Measured alone with';

/** A section refreshed by `--only`: says when, since the report's date is that of the run that made most of it. */
export function withMergeNote(section: Section, generatedAt: string, command: string): Section {
  const note = `${MERGED} \`${command}\` on ${generatedAt.slice(0, 10)} and merged into this file.`;
  return { ...section, notes: [...section.notes.filter((n) => !n.startsWith(MERGED)), note] };
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** `fresh`'s rows and notes put into the old section of the same id (rows by model name, notes by their key) */
export function mergeSection(oldSections: Section[], fresh: Section): Section {
  const old = oldSections.find((s) => s.id === fresh.id);
  if (!old) return fresh;
  const rows = [...old.rows];
  for (const row of fresh.rows) {
    const i = rows.findIndex((r) => r.model === row.model);
    if (i >= 0) rows[i] = row;
    else {
      // before the sequence model, which comes last in the registry
      const at = rows.findIndex((r) => r.model === 'gru4rec');
      rows.splice(at < 0 ? rows.length : at, 0, row);
    }
  }
  const key = (note: string) => note.slice(0, note.indexOf(':') + 1 || 40);
  const notes = old.notes.filter((n) => !fresh.notes.some((f) => key(f) === key(n)));
  return { ...old, rows, notes: [...notes, ...fresh.notes] };
}

/** the section `id` of the eval.json in `dir`, if there is one */
export function readSection(dir: string, id: string): Section | undefined {
  const file = path.join(dir, 'eval.json');
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as EvalReport).sections.find((s) => s.id === id);
}
