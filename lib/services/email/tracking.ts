import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/lib/db/client';
import { recordEmailEvent } from '@/lib/db/email';
import { AppError } from '@/lib/errors';
import { readClick, readOpen } from './tokens';

const short = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Records the event; a customer or campaign deleted since the send must not stop the redirect. */
async function record(e: Parameters<typeof recordEmailEvent>[1]) {
  try {
    await recordEmailEvent(db, e);
  } catch (err) {
    console.warn('[email] could not record a tracking event', err);
  }
}

/**
 * GET /r/<token>: records the click (campaign, variant, customer, link; one event per customer, link and step) and
 * returns the URL to redirect to: only ever the one inside the signed token, so the route is no open redirect.
 */
export async function followTrackedLink(token: string, at = new Date()): Promise<string> {
  const t = readClick(token);
  if (!t) throw new AppError('NOT_FOUND', 'email.errors.badLink');
  await record({
    dedupKey: `email-click:${t.c}:${t.k}:${t.s}:${short(t.url)}`,
    customerId: t.k,
    type: 'click',
    campaignId: t.c,
    variantId: t.v,
    at,
  });
  return t.url;
}

/** GET /o/<token>: the open pixel (one open per customer and step). Opens are a weak signal: see the README. */
export async function recordOpen(token: string, at = new Date()): Promise<boolean> {
  const t = readOpen(token);
  if (!t) return false;
  await record({
    dedupKey: `email-open:${t.c}:${t.k}:${t.s}`,
    customerId: t.k,
    type: 'open',
    campaignId: t.c,
    variantId: t.v,
    at,
  });
  return true;
}
