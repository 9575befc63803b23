import 'server-only';
import { z } from 'zod';
import { insertAssistantCall, listAssistantCalls, tokensSince } from '@/lib/db/assistant';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import type { ProviderConfig } from './chat-client';

const KEY = 'assistant_provider';
const PURPOSE = 'assistant-provider-api-key';

const storedSchema = z.object({
  enabled: z.boolean(),
  baseUrl: z.string(),
  model: z.string(),
  apiKeySealed: z.string().nullable(),
  timeoutSeconds: z.number(),
  monthlyTokenCap: z.number(),
});
type Stored = z.infer<typeof storedSchema>;

export const providerSettingsSchema = z.object({
  enabled: z.coerce.boolean().default(false),
  baseUrl: z
    .string()
    .trim()
    .url('assistant.settings.errors.url')
    .refine((u) => /^https?:\/\//.test(u), 'assistant.settings.errors.url'),
  model: z.string().trim().min(1, 'assistant.settings.errors.model').max(100, 'assistant.settings.errors.model'),
  /** empty: keep the stored key; "-": remove it (local servers need none) */
  apiKey: z.string().trim().max(500).default(''),
  timeoutSeconds: z.coerce.number().int().min(1).max(120).default(20),
  monthlyTokenCap: z.coerce.number().int().min(0).max(1_000_000_000).default(200_000),
});

/** The provider as admins see it: never the key, only whether one is stored; plus this month's tokens. */
export type ProviderSettingsView = Omit<Stored, 'apiKeySealed'> & { hasKey: boolean; tokensThisMonth: number };

const monthStart = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

async function stored(): Promise<Stored | null> {
  const parsed = storedSchema.safeParse(await getSettingValue(db, KEY));
  return parsed.success ? parsed.data : null;
}

export async function getProviderSettings(actor: Actor | null): Promise<ProviderSettingsView | null> {
  authorize(actor, 'settings:manage');
  const s = await stored();
  if (!s) return null;
  const { apiKeySealed, ...rest } = s;
  return { ...rest, hasKey: apiKeySealed !== null, tokensThisMonth: await tokensSince(db, monthStart()) };
}

/** Saves the provider (admins); the API key is sealed with the server's secret and never returned. */
export async function saveProviderSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const v = parseInput(providerSettingsSchema, input);
  const previous = await stored();
  const apiKeySealed =
    v.apiKey === '-'
      ? null
      : v.apiKey
        ? encryptSecret(v.apiKey, env().NEXTAUTH_SECRET, PURPOSE)
        : (previous?.apiKeySealed ?? null);
  const value: Stored = {
    enabled: v.enabled,
    baseUrl: v.baseUrl,
    model: v.model,
    apiKeySealed,
    timeoutSeconds: v.timeoutSeconds,
    monthlyTokenCap: v.monthlyTokenCap,
  };
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, KEY, value);
    const { apiKeySealed: _, ...details } = value;
    await writeAudit(tx, { actorType: 'user', actorId: admin.userId, action: 'assistant_provider.update', details });
  });
}

/**
 * The provider to call now, or why not: off or not configured, the key unreadable (the server's secret changed),
 * or this month's token cap reached. Used by the assistant's features for the signed-in user.
 */
export async function providerForUse(): Promise<
  { ok: true; config: ProviderConfig } | { ok: false; reason: 'off' | 'key' | 'cap' }
> {
  const s = await stored();
  if (!s?.enabled) return { ok: false, reason: 'off' };
  const apiKey = s.apiKeySealed ? decryptSecret(s.apiKeySealed, env().NEXTAUTH_SECRET, PURPOSE) : '';
  if (apiKey === null) return { ok: false, reason: 'key' };
  if (s.monthlyTokenCap > 0 && (await tokensSince(db, monthStart())) >= s.monthlyTokenCap)
    return { ok: false, reason: 'cap' };
  return { ok: true, config: { baseUrl: s.baseUrl, model: s.model, apiKey, timeoutMs: s.timeoutSeconds * 1000 } };
}

export async function logAssistantCall(row: Parameters<typeof insertAssistantCall>[1]) {
  await insertAssistantCall(db, row);
}

/** The latest calls for the admins' activity log. */
export async function listAssistantActivity(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  return listAssistantCalls(db, 50);
}

/** The model's name when the provider is on and usable (pages offer "Write with AI" with it), else null. */
export async function modelInUse(actor: Actor | null): Promise<string | null> {
  authorize(actor, 'dashboard:view');
  const p = await providerForUse();
  return p.ok ? p.config.model : null;
}
