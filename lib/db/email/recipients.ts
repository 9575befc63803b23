import { timeParam } from '../dialect';
import type { DbOrTx } from '../transaction';

/** Assigned customers of one wave after `after`, with what an e-mail needs (consent is read at send time). */
export async function recipientPage(db: DbOrTx, campaignId: number, wave: number, after: number, take: number) {
  const rows = await db.campaignAssignment.findMany({
    where: { campaignId, wave, customerId: { gt: after } },
    orderBy: { customerId: 'asc' },
    take,
    select: {
      customerId: true,
      variantId: true,
      customer: {
        select: {
          externalId: true,
          name: true,
          email: true,
          city: true,
          region: true,
          consentEmail: true,
          erasedAt: true,
          attributes: true,
        },
      },
    },
  });
  return rows.map((r) => ({ customerId: r.customerId, variantId: r.variantId, ...r.customer }));
}
export type Recipient = Awaited<ReturnType<typeof recipientPage>>[number];

const customerSelect = {
  id: true,
  externalId: true,
  name: true,
  email: true,
  phone: true,
  city: true,
  region: true,
  consentEmail: true,
  consentSms: true,
  consentPush: true,
  consentAds: true,
  erasedAt: true,
  attributes: true,
} as const;

export function recipientById(db: DbOrTx, customerId: number) {
  return db.customer.findUnique({ where: { id: customerId }, select: customerSelect });
}
export type MessageCustomer = NonNullable<Awaited<ReturnType<typeof recipientById>>>;

/** Customers by id, with what a message needs (a page of flow sends reads them at once). */
export function recipientsByIds(db: DbOrTx, ids: number[]) {
  return db.customer.findMany({ where: { id: { in: ids } }, select: customerSelect });
}

export function setConsent(
  db: DbOrTx,
  customerId: number,
  consent: { consentEmail: boolean; consentSms: boolean; consentPush: boolean; consentAds: boolean },
) {
  return db.customer.update({ where: { id: customerId }, data: { ...consent, consentUpdatedAt: new Date() } });
}

/** A tracked click or open as an event of the campaign (the dedup key makes a repeated request count once). */
export async function recordEmailEvent(
  db: DbOrTx,
  e: { dedupKey: string; customerId: number; type: 'click' | 'open'; campaignId: number; variantId: number; at: Date },
) {
  // A target-less ON CONFLICT DO NOTHING, the same on SQLite and PostgreSQL: there the key is kept unique by a trigger
  // of the partitioned events table, which an upsert naming "dedupKey" could not use.
  await db.$executeRaw`INSERT INTO "Event" ("dedupKey", "customerId", "type", "ts", "campaignId", "variantId", "source")
    VALUES (${e.dedupKey}, ${e.customerId}, ${e.type}, ${timeParam(e.at)}, ${e.campaignId}, ${e.variantId}, 'email')
    ON CONFLICT DO NOTHING`;
}
