import { z } from 'zod';
import { ROLES } from '@/lib/security/roles';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'errors.input.email' }))
  .pipe(z.string().max(200));

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'errors.input.name').max(100),
  role: z.enum(ROLES),
  password: z.string().min(10, 'errors.users.password').max(200),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(10, 'errors.users.password').max(200).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const localeSchema = z.enum(LOCALES);

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
