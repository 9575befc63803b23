import type { z } from 'zod';
import { messageIn, type MessageParams, type MessageRef } from './i18n/message-ref';
import type { Locale, MessageKey } from './i18n/translate';
import { issueMessage } from './i18n/zod-issue';

/** Expected failures carry a code the UI and API map to a status, and a message key the reader's language renders. */
export type AppErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'INSUFFICIENT_DATA'
  | 'TOO_LARGE';

const STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INSUFFICIENT_DATA: 422,
  TOO_LARGE: 413,
};

/**
 * What a failure adds to its message: per-field messages for forms (by field path), the input path the message is
 * about (API clients read `path: message`), and any structured detail (e.g. the segment builder's issues).
 */
export type AppErrorDetails = { fieldErrors?: Record<string, MessageRef[]>; path?: string; [extra: string]: unknown };

/**
 * An expected failure: `new AppError('CONFLICT', 'segments.errors.archived', { name })`. `message` is the English
 * text (logs, API clients); pages render `key` + `params` in the user's language with `localiseError`.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly key: MessageKey;
  readonly params?: MessageParams;
  readonly details?: AppErrorDetails;
  constructor(code: AppErrorCode, key: MessageKey, params?: MessageParams, details?: AppErrorDetails) {
    const english = messageIn('en', { key, params });
    super(details?.path ? `${details.path}: ${english}` : english);
    this.name = 'AppError';
    this.code = code;
    this.key = key;
    this.params = params;
    this.details = details;
  }
  get status() {
    return STATUS[this.code];
  }
}

/** A request body past `max` bytes, declared or streamed: 413 wherever a body is read (API routes, storefront). */
export function bodyTooLarge(max: number): AppError {
  return new AppError('TOO_LARGE', 'errors.bodyTooLarge', { mb: max / 1024 / 1024 });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** An error's message and field messages in a locale. */
export function localiseError(
  e: AppError,
  locale: Locale,
): { message: string; fieldErrors?: Record<string, string[]> } {
  const fields = e.details?.fieldErrors;
  const fieldErrors =
    fields && Object.fromEntries(Object.entries(fields).map(([k, refs]) => [k, refs.map((r) => messageIn(locale, r))]));
  return { message: messageIn(locale, { key: e.key, params: e.params }), fieldErrors };
}

/**
 * INVALID_INPUT from zod issues: the first issue is the message (after its path, for API clients), and every issue
 * is a field message under its path (`_` for the input as a whole).
 */
export function invalidInput(issues: readonly z.core.$ZodIssue[], root = 'input'): AppError {
  const fieldErrors: Record<string, MessageRef[]> = {};
  for (const issue of issues) {
    const path = issue.path.join('.') || '_';
    fieldErrors[path] = [...(fieldErrors[path] ?? []), issueMessage(issue)];
  }
  const first = issues[0];
  if (!first) return new AppError('INVALID_INPUT', 'errors.input.invalid', undefined, { fieldErrors });
  const { key, params } = issueMessage(first);
  return new AppError('INVALID_INPUT', key, params, { fieldErrors, path: first.path.join('.') || root });
}

/** The JSON error body of the HTTP APIs (Next routes and the storefront server): status, code, message, key, params. */
export type ErrorBody = {
  error: { code: string; message: string; key?: MessageKey; params?: MessageParams | null; details?: unknown };
};

/**
 * An expected error as its status and body, the message in `locale`; null for anything else (the caller logs it and
 * answers 500 with `errors.generic`).
 */
export function errorBody(e: unknown, locale: Locale): { status: number; body: ErrorBody } | null {
  if (!isAppError(e)) return null;
  const { message, fieldErrors } = localiseError(e, locale);
  const details = e.details ? { ...e.details, fieldErrors } : null;
  return {
    status: e.status,
    body: { error: { code: e.code, message, key: e.key, params: e.params ?? null, details } },
  };
}
