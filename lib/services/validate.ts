import type { z } from 'zod';
import { invalidInput } from '@/lib/errors';

/** Parses service input with zod; failures become INVALID_INPUT with per-field messages for forms. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(result.error.issues);
}
