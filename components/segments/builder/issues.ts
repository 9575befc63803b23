import type { MessageKey, Translate } from '@/lib/i18n/translate';
import type { NodeIssue } from './tree';

/**
 * The schema's validation messages (English, lib/schemas/segment.ts) in the UI language. Known messages map to
 * `segments.issues.*`; anything else is shown as written.
 */
const PATTERNS: [RegExp, MessageKey][] = [
  [/^Enter a list of at least one value, each one of /, 'segments.issues.choices'],
  [/^Enter a list of at least one value/, 'segments.issues.list'],
  [/^Enter two values/, 'segments.issues.two'],
  [/^The first value must not exceed the second/, 'segments.issues.order'],
  [/^The lower count must not exceed the upper count/, 'segments.issues.order'],
  [/^The start date must not be after the end date/, 'segments.issues.dateOrder'],
  [/^Enter a whole number of days/, 'segments.issues.days'],
  [/^Days must be a whole number/, 'segments.issues.days'],
  [/^Use at least 1 day/, 'segments.issues.minDays'],
  [/^Counts are whole numbers/, 'segments.issues.whole'],
  [/^Enter a finite number/, 'segments.issues.number'],
  [/^Enter a date/, 'segments.issues.date'],
  [/^Use a calendar date/, 'segments.issues.date'],
  [/^Enter one of /, 'segments.issues.choice'],
  [/^Enter a non-empty text/, 'segments.issues.text'],
  [/^Enter a value/, 'segments.issues.text'],
  [/^Enter a score/, 'segments.issues.score'],
  [/^A custom attribute/, 'segments.issues.customKey'],
  [/^At most \d+ characters/, 'segments.issues.tooLong'],
  [/^Groups nest at most/, 'segments.issues.depth'],
  [/^A segment has at most/, 'segments.issues.tooMany'],
  [/^Must be a positive id/, 'segments.issues.choice'],
  [/expected number/i, 'segments.issues.number'],
];

export function issueText(t: Translate, issue: NodeIssue, nodeType?: string): string {
  if (issue.key) return t(issue.key as MessageKey, issue.vars);
  if (nodeType === 'tag' && issue.field === 'key') return t('segments.issues.chooseTag');
  if (nodeType === 'segment' && issue.field === 'segmentId') return t('segments.issues.chooseSegment');
  const hit = PATTERNS.find(([re]) => re.test(issue.message));
  return hit ? t(hit[1]) : issue.message;
}

/** A server message: `segments.*` keys (with JSON values after `|`) are translated; other text is shown as is. */
export function translateMessage(t: Translate, message: string | null | undefined): string {
  if (!message) return t('segments.errors.generic');
  const bar = message.indexOf('|');
  const key = bar < 0 ? message : message.slice(0, bar);
  const json = bar < 0 ? undefined : message.slice(bar + 1);
  if (!/^segments\.[a-zA-Z.]+$/.test(key)) return message;
  let vars: Record<string, string | number> | undefined;
  try {
    vars = json ? (JSON.parse(json) as Record<string, string | number>) : undefined;
  } catch {
    vars = undefined;
  }
  return t(key as MessageKey, vars);
}
