import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** Parses service input with zod; failures become INVALID_INPUT with per-field messages for forms. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0];
  throw new AppError('INVALID_INPUT', first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'Invalid input.', { fieldErrors });
}
