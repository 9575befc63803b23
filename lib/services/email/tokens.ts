import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import { signToken, verifyToken } from '@/lib/security/secret-box';

/** A tracked link: campaign, variant, customer, step and the one URL it may redirect to. */
const clickSchema = z.object({
  c: z.number().int(),
  v: z.number().int(),
  k: z.number().int(),
  s: z.number().int(),
  url: z.string().regex(/^https?:\/\//),
});
export type ClickToken = z.infer<typeof clickSchema>;

/** The customer a preference/unsubscribe link is for, and the campaign it came from (for the audit log). */
const recipientSchema = z.object({ k: z.number().int(), c: z.number().int().nullable() });
export type RecipientToken = z.infer<typeof recipientSchema>;

const openSchema = clickSchema.omit({ url: true });
export type OpenToken = z.infer<typeof openSchema>;

const secret = () => env().NEXTAUTH_SECRET;

export const signClick = (t: ClickToken) => signToken(t, secret(), 'email-click');
export const signOpen = (t: OpenToken) => signToken(t, secret(), 'email-open');
export const signRecipient = (t: RecipientToken) => signToken(t, secret(), 'email-recipient');

function read<T>(schema: z.ZodType<T>, token: string, purpose: string): T | null {
  const parsed = schema.safeParse(verifyToken(token, secret(), purpose));
  return parsed.success ? parsed.data : null;
}

export const readClick = (token: string) => read(clickSchema, token, 'email-click');
export const readOpen = (token: string) => read(openSchema, token, 'email-open');
export const readRecipient = (token: string) => read(recipientSchema, token, 'email-recipient');
