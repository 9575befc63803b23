import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translate';
import { DEFAULT_SMTP_CONNECTIONS, smtpSettingsSchema, storedSmtpSchema, type StoredSmtp } from '@/lib/schemas/email';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';

const KEY = 'smtp';
const PURPOSE = 'smtp-password';
const CONNECT_TIMEOUT_MS = 15_000;
/**
 * Connections of one transport's pool, as the admin set them (Settings → E-mail, 1–32), else 4: a flow run keeps
 * several messages in flight, one per connection (SMTP sends one message at a time per connection); a campaign wave
 * sends one at a time and so uses one. Mail providers limit connections at once, so the default is modest. Each message holds its connection about 45 ms here, most of it the server's delayed ACK of the
 * message's end (Nagle's algorithm on nodemailer's socket): in the flows benchmark 8 connections capped a run at 111
 * e-mails per second of run time, and 16 let it keep up with 1,000 events/s (187 per second of run time).
 */
export const smtpConnections = (s: Pick<StoredSmtp, 'connections'> | null | undefined) =>
  s?.connections ?? DEFAULT_SMTP_CONNECTIONS;

/** The stored SMTP settings (password still sealed), or null before an admin saved any. */
export async function loadSmtp(): Promise<StoredSmtp | null> {
  const parsed = storedSmtpSchema.safeParse(await getSettingValue(db, KEY));
  return parsed.success ? parsed.data : null;
}

/** Settings → e-mail for the form: everything but the password (only whether one is stored). */
export async function getSmtpSettings(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  const s = await loadSmtp();
  if (!s) return null;
  const { passwordBox, ...rest } = s;
  return { ...rest, hasPassword: passwordBox !== null };
}

export async function saveSmtpSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const { password, ...value } = parseInput(smtpSettingsSchema, input);
  const previous = await loadSmtp();
  const passwordBox = password
    ? encryptSecret(password, env().NEXTAUTH_SECRET, PURPOSE)
    : value.user
      ? (previous?.passwordBox ?? null)
      : null;
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, KEY, { ...value, passwordBox });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'smtp.update',
      details: { ...value, passwordChanged: Boolean(password) },
    });
  });
  return { ...value, hasPassword: passwordBox !== null };
}

/** A nodemailer transport for the stored settings (a pool of connections opened as needed; senders pace the rate). */
export function transportFor(s: StoredSmtp): Transporter {
  const pass = s.passwordBox ? decryptSecret(s.passwordBox, env().NEXTAUTH_SECRET, PURPOSE) : null;
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.user ? { user: s.user, pass: pass ?? '' } : undefined,
    pool: true,
    maxConnections: smtpConnections(s),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

export async function requireSmtp(): Promise<StoredSmtp> {
  const s = await loadSmtp();
  if (!s) throw new AppError('CONFLICT', 'email.errors.notConfigured');
  return s;
}

/** An SMTP reply code from a nodemailer error (e.g. 450, 550), or null for a connection failure. */
export function smtpCode(e: unknown): number | null {
  const code = (e as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : null;
}

export function smtpError(e: unknown): AppError {
  const detail = e instanceof Error ? e.message : String(e);
  return new AppError('CONFLICT', 'email.errors.smtp', { detail: detail.slice(0, 300) });
}

/** Settings → "send test e-mail": a short message in the admin's language through the stored settings. */
export async function sendSmtpTest(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const { to } = parseInput(z.object({ to: z.string().trim().email('email.errors.from') }), input);
  const s = await requireSmtp();
  const t = translator(admin.locale === 'zh-CN' ? 'zh-CN' : 'en');
  const transport = transportFor(s);
  try {
    const info = await transport.sendMail({
      from: s.from,
      to,
      replyTo: s.replyTo || undefined,
      subject: t('email.message.testSubject'),
      text: t('email.message.testBody', { shop: s.shopName }),
    });
    return { response: String(info.response ?? '') };
  } catch (e) {
    throw smtpError(e);
  } finally {
    transport.close();
  }
}
