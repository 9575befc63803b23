import type { z } from 'zod';
import { isMessageKey, type MessageParams, type MessageRef } from './message-ref';
import type { MessageKey } from './translate';

type Issue = z.core.$ZodIssue;

/** What an issue says beyond its code, as message parameters: bounds, choices, the custom check's own params. */
function paramsOf(issue: Issue): MessageParams {
  switch (issue.code) {
    case 'too_small':
      return { minimum: Number(issue.minimum) };
    case 'too_big':
      return { maximum: Number(issue.maximum) };
    case 'invalid_value':
      return { values: issue.values.map(String).join(', ') };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'invalid_type':
      return { expected: issue.expected };
    case 'custom':
      return (issue.params as MessageParams | undefined) ?? {};
    default:
      return {};
  }
}

function keyOf(issue: Issue): MessageKey {
  const list = (origin: string) => origin === 'array' || origin === 'set';
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'errors.input.number' : 'errors.input.type';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'errors.input.required' : 'errors.input.tooShort';
      return list(issue.origin) ? 'errors.input.tooFew' : 'errors.input.tooSmall';
    case 'too_big':
      if (issue.origin === 'string') return 'errors.input.tooLong';
      return list(issue.origin) ? 'errors.input.tooMany' : 'errors.input.tooBig';
    case 'invalid_format':
      return issue.format === 'email' ? 'errors.input.email' : 'errors.input.format';
    case 'not_multiple_of':
      return 'errors.input.whole';
    case 'invalid_value':
      return 'errors.input.oneOf';
    case 'unrecognized_keys':
      return 'errors.input.unknownKeys';
    default:
      return 'errors.input.invalid';
  }
}

/**
 * A zod issue as a catalogue message. Schemas write their own messages as catalogue keys (`'errors.input.name'`,
 * `E('name')`); zod's built-in messages are mapped from the issue's code and bounds, never from its English text.
 */
export function issueMessage(issue: Issue): MessageRef {
  const key = isMessageKey(issue.message) ? issue.message : keyOf(issue);
  return { key, params: paramsOf(issue) };
}
