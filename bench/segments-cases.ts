// The 10 representative definitions of bench/segments.ts, each with hand-written SQL for the same count.
import type { SegmentCondition, SegmentDefinition } from '../lib/schemas/segment';

export const NOW = Date.UTC(2025, 5, 15, 12);
const DAY = 86_400_000;
export const and = (...children: (SegmentCondition | SegmentDefinition)[]): SegmentDefinition => ({
  type: 'group',
  op: 'and',
  children,
});
const or = (...children: (SegmentCondition | SegmentDefinition)[]): SegmentDefinition => ({
  type: 'group',
  op: 'or',
  children,
});
const last = (days: number) => ({ type: 'last_days' as const, days });
const t = (days: number) => NOW - days * DAY;

/** The 10 definitions, each with the SQL an engineer would write by hand for the same count. */
export const CASES: { name: string; definition: SegmentDefinition; where: string }[] = [
  {
    name: 'e-mail consent in CN/US',
    definition: and(
      { type: 'consent', channel: 'email', op: 'granted' },
      { type: 'attribute', field: 'region', op: 'in', value: ['CN', 'US'] },
    ),
    where: `c."consentEmail" = 1 AND c."region" IN ('CN', 'US')`,
  },
  {
    name: 'viewed Sports (with subcategories) ≥ 3× in 30 days',
    definition: and({
      type: 'behaviour',
      op: 'did',
      event: 'view',
      filter: { categoryId: 1 },
      frequency: { op: 'at_least', value: 3 },
      window: last(30),
    }),
    where: `c."id" IN (SELECT e."customerId" FROM "Event" e WHERE e."type" = 'view' AND e."ts" BETWEEN ${t(30)} AND ${NOW} AND e."categoryId" IN (SELECT "id" FROM "Category" WHERE "path" = 'Sports' OR "path" LIKE 'Sports > %') GROUP BY e."customerId" HAVING COUNT(*) >= 3)`,
  },
  {
    name: 'repeat buyers (≥ 2 in 90 days) quiet for 14 days',
    definition: and(
      { type: 'behaviour', op: 'did', event: 'purchase', frequency: { op: 'at_least', value: 2 }, window: last(90) },
      { type: 'behaviour', op: 'did_not', event: 'purchase', window: last(14) },
    ),
    where: `c."id" IN (SELECT "customerId" FROM "Order" WHERE "status" = 'completed' AND "placedAt" BETWEEN ${t(90)} AND ${NOW} GROUP BY "customerId" HAVING COUNT(*) >= 2) AND c."id" NOT IN (SELECT "customerId" FROM "Order" WHERE "status" = 'completed' AND "placedAt" BETWEEN ${t(14)} AND ${NOW})`,
  },
  {
    name: 'champions or loyal who opened nothing in 30 days',
    definition: and(
      or({ type: 'tag', key: 'rfm:champions', op: 'has' }, { type: 'tag', key: 'rfm:loyal', op: 'has' }),
      { type: 'behaviour', op: 'did_not', event: 'open', window: last(30) },
    ),
    where: `c."id" IN (SELECT ct."customerId" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE t."key" IN ('rfm:champions', 'rfm:loyal')) AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'open' AND e."ts" BETWEEN ${t(30)} AND ${NOW})`,
  },
  {
    name: 'revenue ≥ 500 and AOV ≥ 100',
    definition: and(
      { type: 'orders', metric: 'revenue', op: 'gte', value: 500 },
      { type: 'orders', metric: 'aov', op: 'gte', value: 100 },
    ),
    where: `c."id" IN (SELECT "customerId" FROM "Order" WHERE "status" = 'completed' GROUP BY "customerId" HAVING SUM("total") >= 500 AND SUM("total") / COUNT(*) >= 100)`,
  },
  {
    name: 'nested: e-mailable AND (cart abandoners OR Acme fans)',
    definition: and(
      { type: 'consent', channel: 'email', op: 'granted' },
      or(
        and(
          { type: 'behaviour', op: 'did', event: 'cart', window: last(7) },
          { type: 'behaviour', op: 'did_not', event: 'purchase', window: last(7) },
        ),
        {
          type: 'behaviour',
          op: 'did',
          event: 'view',
          filter: { brand: 'Acme' },
          frequency: { op: 'at_least', value: 5 },
          window: last(14),
        },
      ),
    ),
    where: `c."consentEmail" = 1 AND ((EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'cart' AND e."ts" BETWEEN ${t(7)} AND ${NOW}) AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."id" AND o."status" = 'completed' AND o."placedAt" BETWEEN ${t(7)} AND ${NOW}))
      OR c."id" IN (SELECT e."customerId" FROM "Event" e JOIN "Product" p ON p."id" = e."productId" WHERE e."type" = 'view' AND p."brand" = 'Acme' AND e."ts" BETWEEN ${t(14)} AND ${NOW} GROUP BY e."customerId" HAVING COUNT(*) >= 5))`,
  },
  {
    name: 'valuable but likely to churn',
    definition: and(
      { type: 'profile', field: 'churnProbability', op: 'gte', value: 0.6 },
      { type: 'profile', field: 'clv365', op: 'gte', value: 200 },
      { type: 'profile', field: 'lifecycle', op: 'in', value: ['at-risk', 'churned'] },
    ),
    where: `c."id" IN (SELECT "customerId" FROM "CustomerProfile" WHERE "churnProbability" >= 0.6 AND "clv365" >= 200 AND "lifecycle" IN ('at-risk', 'churned'))`,
  },
  {
    name: 'gold tier, joined this year, gmail/qq',
    definition: and(
      { type: 'attribute', field: 'custom', key: 'tier', valueType: 'string', op: 'eq', value: 'gold' },
      { type: 'attribute', field: 'signupAt', op: 'in_last_days', value: 365 },
      { type: 'attribute', field: 'emailDomain', op: 'in', value: ['gmail.com', 'qq.com'] },
    ),
    where: `json_extract(c."attributes", '$.tier') = 'gold' AND c."signupAt" BETWEEN ${t(365)} AND ${NOW} AND lower(substr(c."email", instr(c."email", '@') + 1)) IN ('gmail.com', 'qq.com')`,
  },
  {
    name: 'likes Sports (score ≥ 0.5), searched in 30 days, outside CN',
    definition: and(
      { type: 'tag', key: 'interest:likes:category:1', op: 'score_gte', value: 0.5 },
      { type: 'behaviour', op: 'did', event: 'search', window: last(30) },
      { type: 'attribute', field: 'region', op: 'neq', value: 'CN' },
    ),
    where: `c."id" IN (SELECT ct."customerId" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE t."key" = 'interest:likes:category:1' AND ct."score" >= 0.5) AND EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'search' AND e."ts" BETWEEN ${t(30)} AND ${NOW}) AND (c."region" IS NULL OR c."region" <> 'CN')`,
  },
  {
    name: 'deep: engaged with campaigns, buyers not churned, born 1980–1995',
    definition: and(
      or(
        { type: 'behaviour', op: 'did', event: 'click', filter: { campaignId: 3 }, window: last(30) },
        { type: 'behaviour', op: 'did', event: 'exposure', frequency: { op: 'at_least', value: 3 }, window: last(30) },
      ),
      {
        type: 'group',
        op: 'or',
        negate: true,
        children: [
          { type: 'orders', metric: 'count', op: 'eq', value: 0 },
          { type: 'profile', field: 'lifecycle', op: 'in', value: ['churned'] },
        ],
      },
      { type: 'attribute', field: 'birthYear', op: 'between', value: [1980, 1995] },
    ),
    where: `(EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'click' AND e."campaignId" = 3 AND e."ts" BETWEEN ${t(30)} AND ${NOW})
      OR (SELECT COUNT(*) FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'exposure' AND e."ts" BETWEEN ${t(30)} AND ${NOW}) >= 3)
      AND c."id" IN (SELECT "customerId" FROM "Order" WHERE "status" = 'completed') AND c."id" NOT IN (SELECT "customerId" FROM "CustomerProfile" WHERE "lifecycle" = 'churned')
      AND c."birthYear" BETWEEN 1980 AND 1995`,
  },
];
