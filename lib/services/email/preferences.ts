import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import {
  listSuppressions,
  recipientById,
  setConsent,
  suppress,
  unsuppress,
  type SuppressionReason,
} from '@/lib/db/email';
import { liftErasedIdentifiers } from '@/lib/db/erasure/identifiers';
import { withTransaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { contactPseudonyms } from '@/lib/security/pseudonym';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { loadSmtp } from './smtp';
import { readRecipient, type RecipientToken } from './tokens';

const consentSchema = z.object({
  email: z.coerce.boolean(),
  sms: z.coerce.boolean(),
  push: z.coerce.boolean(),
  // left out (an older form or client): ads consent stays as it is
  ads: z.coerce.boolean().optional(),
});

async function customerOf(token: string) {
  const t = readRecipient(token);
  const c = t ? await recipientById(db, t.k) : null;
  if (!t || !c || c.erasedAt) throw new AppError('NOT_FOUND', 'email.errors.badLink');
  return { t, c };
}

/** "a***@example.com": enough for the reader to recognise the address, not enough to harvest it from a link. */
function mask(email: string | null) {
  if (!email) return '';
  const [user, domain] = email.split('@');
  return `${user?.slice(0, 1) ?? ''}***@${domain ?? ''}`;
}

/** The hosted preference page (no login: the signed token names the customer). */
export async function getPreferences(token: string) {
  const { c } = await customerOf(token);
  const smtp = await loadSmtp();
  return {
    email: mask(c.email),
    shopName: smtp?.shopName ?? '',
    consent: { email: c.consentEmail, sms: c.consentSms, push: c.consentPush, ads: c.consentAds },
  };
}

async function apply(
  t: RecipientToken,
  c: { id: number; email: string | null },
  next: Required<z.infer<typeof consentSchema>>,
  via: string,
) {
  const before = await recipientById(db, c.id);
  await withTransaction(db, async (tx) => {
    await setConsent(tx, c.id, {
      consentEmail: next.email,
      consentSms: next.sms,
      consentPush: next.push,
      consentAds: next.ads,
    });
    // the person's own choice, recorded now: an earlier erasure of this address no longer withholds consent
    if (before)
      await liftErasedIdentifiers(
        tx,
        contactPseudonyms(before, env().PRECISA_PEPPER).map((r) => r.pseudonym),
      );
    if (c.email) {
      if (next.email) await unsuppress(tx, c.email);
      else await suppress(tx, c.email, 'unsubscribed', via);
    }
    await writeAudit(tx, {
      actorType: 'system',
      actorId: `customer:${c.id}`,
      action: 'consent.update',
      targetType: 'customer',
      targetId: c.id,
      details: {
        via,
        campaignId: t.c,
        before: {
          email: before?.consentEmail,
          sms: before?.consentSms,
          push: before?.consentPush,
          ads: before?.consentAds,
        },
        after: next,
      },
    });
  });
}

/** Saves the choices of the preference page; e-mail consent off also puts the address on the suppression list. */
export async function savePreferences(token: string, input: unknown) {
  const { t, c } = await customerOf(token);
  const parsed = parseInput(consentSchema, input);
  const next = { ...parsed, ads: parsed.ads ?? c.consentAds };
  await apply(t, c, next, 'preference-page');
  return next;
}

/** RFC 8058 one-click unsubscribe (POST from the mail client) and the footer link: e-mail consent off at once. */
export async function unsubscribeEmail(token: string, via: 'one-click' | 'preference-page' = 'one-click') {
  const { t, c } = await customerOf(token);
  await apply(t, c, { email: false, sms: c.consentSms, push: c.consentPush, ads: c.consentAds }, via);
}

/** Settings → E-mail: the newest addresses no e-mail goes to, with why (admins only: they are personal data). */
export async function listEmailSuppressions(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  const rows = await listSuppressions(db, 200);
  return rows.map((r) => ({ email: r.email, reason: r.reason as SuppressionReason, createdAt: r.createdAt }));
}
