import { renderMessage } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';
import type { NodeIssue } from './tree';

/** A definition issue in the UI language; an empty tag or segment picker asks for a choice rather than a value. */
export function issueText(t: Translate, issue: NodeIssue, nodeType?: string): string {
  if (nodeType === 'tag' && issue.field === 'key') return t('segments.issues.chooseTag');
  if (nodeType === 'segment' && issue.field === 'segmentId') return t('segments.issues.chooseSegment');
  return renderMessage(t, issue);
}
