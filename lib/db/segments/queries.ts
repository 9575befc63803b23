import type { Customer } from '@/lib/engine/domain';
import { referencedSegmentIds, type ResolveSegment } from '@/lib/engine/segment/inline';
import type { Channel, SegmentDefinition } from '@/lib/schemas/segment';
import type { RawDb } from '../raw';
import { buildSegmentQuery, type CompileOptions, type SegmentQueryParts } from './compile';
import { loadSegmentResolver } from './resolve';
import { dialectOf, queryAll, queryBatches } from './runner';
import { shopTimeZone } from './shop-zone';
import type { SqlBuilder } from './sql';

/** Options shared by the segment queries. `now` defaults to the current time, `timeZone` to the shop's. */
export type SegmentQueryOptions = { now?: number; timeZone?: string; resolveSegment?: ResolveSegment; selfId?: number };

export type ChannelCounts = Record<Channel, number>;
export type SegmentCount = { total: number; reachable: ChannelCounts };

/** One member with the columns a member list, an export or a campaign audience shows. Times are epoch ms. */
export type SegmentMember = Pick<
  Customer,
  | 'id'
  | 'externalId'
  | 'name'
  | 'email'
  | 'phone'
  | 'region'
  | 'city'
  | 'signupAt'
  | 'consentEmail'
  | 'consentSms'
  | 'consentPush'
> & {
  rfmGroup: string | null;
  lifecycle: string | null;
  clv365: number | null;
};

/**
 * Reachable on a channel = consent granted and, for e-mail and SMS, an address to send to. Push has no address
 * column: consent alone.
 */
export function reachableSql(b: SqlBuilder, channel: Channel) {
  if (channel === 'email') return `(${b.isTrue('c."consentEmail"')} AND c."email" IS NOT NULL AND c."email" <> '')`;
  if (channel === 'sms') return `(${b.isTrue('c."consentSms"')} AND c."phone" IS NOT NULL AND c."phone" <> '')`;
  return `(${b.isTrue('c."consentPush"')})`;
}

/** Compile options; saved segments the definition refers to are loaded when no resolver is given. */
async function compileOptions(
  db: RawDb,
  definition: SegmentDefinition,
  o: SegmentQueryOptions,
  strategy: CompileOptions['strategy'] = 'set',
): Promise<CompileOptions> {
  const resolveSegment =
    o.resolveSegment ??
    (referencedSegmentIds(definition).length ? await loadSegmentResolver(db, definition) : undefined);
  return {
    dialect: dialectOf(db),
    now: o.now ?? Date.now(),
    timeZone: o.timeZone ?? (await shopTimeZone(db)),
    resolveSegment,
    selfId: o.selfId,
    strategy,
  };
}

/** The live count's one query (total, email, sms, push), compiled for the database's dialect. */
export async function countSegmentQuery(db: RawDb, definition: SegmentDefinition, options: SegmentQueryOptions = {}) {
  return buildSegmentQuery(definition, await compileOptions(db, definition, options), ({ from, where, b }) => {
    const sum = (ch: Channel) => `SUM(CASE WHEN ${reachableSql(b, ch)} THEN 1 ELSE 0 END) AS ${ch}`;
    return `SELECT COUNT(*) AS total, ${sum('email')}, ${sum('sms')}, ${sum('push')} FROM ${from} WHERE ${where}`;
  });
}

/** Members and members reachable per channel, in one query (the SQL path of the live count). */
export async function countSegment(
  db: RawDb,
  definition: SegmentDefinition,
  options: SegmentQueryOptions = {},
): Promise<SegmentCount> {
  const { sql, params } = await countSegmentQuery(db, definition, options);
  const [row] = await queryAll<Record<string, unknown>>(db, sql, params);
  const n = (v: unknown) => Number(v ?? 0);
  return { total: n(row?.total), reachable: { email: n(row?.email), sms: n(row?.sms), push: n(row?.push) } };
}

function memberColumns(b: SqlBuilder) {
  const signup = b.isPg ? `(extract(epoch from c."signupAt") * 1000)::int8` : `c."signupAt"`;
  return `c."id", c."externalId", c."name", c."email", c."phone", c."region", c."city", ${signup} AS "signupAt", c."consentEmail", c."consentSms", c."consentPush", p."rfmGroup", p."lifecycle", p."clv365"`;
}

function toMember(r: Record<string, unknown>): SegmentMember {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    externalId: String(r.externalId),
    name: str(r.name),
    email: str(r.email),
    phone: str(r.phone),
    region: str(r.region),
    city: str(r.city),
    signupAt: num(r.signupAt),
    consentEmail: Boolean(r.consentEmail),
    consentSms: Boolean(r.consentSms),
    consentPush: Boolean(r.consentPush),
    rfmGroup: str(r.rfmGroup),
    lifecycle: str(r.lifecycle),
    clv365: num(r.clv365),
  };
}

async function membersQuery(
  db: RawDb,
  definition: SegmentDefinition,
  options: SegmentQueryOptions,
  tail: (parts: SegmentQueryParts) => string,
  channel?: Channel,
) {
  return buildSegmentQuery(
    definition,
    await compileOptions(db, definition, options),
    (parts) => {
      const where = channel ? `${parts.where} AND ${reachableSql(parts.b, channel)}` : parts.where;
      return `SELECT ${memberColumns(parts.b)} FROM ${parts.from} WHERE ${where}${tail(parts)}`;
    },
    true,
  );
}

export type MemberPageOptions = SegmentQueryOptions & { pageSize?: number } & (
    | { page?: number; afterId?: never }
    | { afterId: number; page?: never }
  );

/**
 * A page of members in id order: by page number (1-based, OFFSET) or, for deep pages, after the last id seen.
 * Totals come from countSegment.
 */
export async function listSegmentMembers(
  db: RawDb,
  definition: SegmentDefinition,
  options: MemberPageOptions = {},
): Promise<{ rows: SegmentMember[]; hasMore: boolean }> {
  const pageSize = options.pageSize ?? 50;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new RangeError(`listSegmentMembers: pageSize must be 1–1000, got ${pageSize}`);
  const page = options.page ?? 1;
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`listSegmentMembers: page must be ≥ 1, got ${page}`);
  const { sql, params } = await membersQuery(db, definition, options, ({ b }) =>
    options.afterId !== undefined
      ? ` AND c."id" > ${b.int(options.afterId)} ORDER BY c."id" LIMIT ${b.int(pageSize + 1)}`
      : ` ORDER BY c."id" LIMIT ${b.int(pageSize + 1)} OFFSET ${b.int((page - 1) * pageSize)}`,
  );
  const rows = (await queryAll(db, sql, params)).map(toMember);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/**
 * Every member in id order, streamed with bounded memory (CSV export, campaign audiences). With `channel`, only
 * members reachable on it (consent and an address).
 */
export async function* streamSegmentMembers(
  db: RawDb,
  definition: SegmentDefinition,
  options: SegmentQueryOptions & { channel?: Channel; batchSize?: number } = {},
): AsyncGenerator<SegmentMember> {
  const { sql, params } = await membersQuery(db, definition, options, () => ' ORDER BY c."id"', options.channel);
  for await (const batch of queryBatches(db, sql, params, options.batchSize ?? 1000))
    for (const r of batch) yield toMember(r);
}

/** Whether one customer is a member (correlated form: probes only that customer's rows). */
export async function isMember(
  db: RawDb,
  definition: SegmentDefinition,
  customerId: number,
  options: SegmentQueryOptions = {},
): Promise<boolean> {
  const { sql, params } = buildSegmentQuery(
    definition,
    await compileOptions(db, definition, options, 'correlated'),
    ({ from, where, b }) => `SELECT c."id" FROM ${from} WHERE c."id" = ${b.int(customerId)} AND ${where}`,
  );
  return (await queryAll(db, sql, params)).length > 0;
}
