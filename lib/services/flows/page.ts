import 'server-only';
import { db } from '@/lib/db/client';
import { recipientsByIds, suppressedAmong, type MessageCustomer } from '@/lib/db/email';
import { lastPurchasesAfter, type DueEnrollment } from '@/lib/db/flows';

export type PageRecipients = { byId: Map<number, MessageCustomer>; suppressed: Set<string> };

/**
 * What a page of due passes reads once instead of once per pass, each on first use: whether the customer bought
 * since entering, and (for e-mails) the customers and which of their addresses are suppressed. Like a campaign wave's
 * page, it is read when the page starts, so a purchase or an unsubscribe during the page counts from the next run.
 */
export function pageFacts(due: DueEnrollment[]) {
  const ids = [...new Set(due.map((e) => e.customerId))];
  let purchases: Promise<Map<number, Date>> | undefined;
  let recipients: Promise<PageRecipients> | undefined;
  return {
    async purchasedAfter(customerId: number, after: Date) {
      // purchases since the earliest entry of the page: whichever pass asks, its own entry is later
      purchases ??= lastPurchasesAfter(db, ids, new Date(Math.min(...due.map((e) => e.enteredAt.getTime()))));
      return ((await purchases).get(customerId)?.getTime() ?? Number.NEGATIVE_INFINITY) > after.getTime();
    },
    recipients() {
      recipients ??= recipientsByIds(db, ids).then(async (rows) => ({
        byId: new Map(rows.map((r) => [r.id, r])),
        suppressed: await suppressedAmong(
          db,
          rows.flatMap((r) => (r.email ? [r.email] : [])),
        ),
      }));
      return recipients;
    },
  };
}
export type PageFacts = ReturnType<typeof pageFacts>;
