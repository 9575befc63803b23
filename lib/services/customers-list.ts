import 'server-only';
import { z } from 'zod';
import { listRegions } from '@/lib/db/customers';
import { db } from '@/lib/db/client';
import {
  CUSTOMER_SORTS,
  listCustomerPage,
  listFilterTags,
  type CustomerListFilters,
  type CustomerSort,
  type SortDirection,
} from '@/lib/db/customer-list';
import { findSegmentRow, segmentNames } from '@/lib/db/segments';
import { rawDb } from '@/lib/db/connections';
import { shopTimeZone } from '@/lib/db/segments/shop-zone';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import { RFM_GROUPS } from '@/lib/engine/portrait/rfm-segments';
import { authorize, type Actor } from './auth/actor';
import { CHURN_BANDS } from './portraits/settings';
import { resolveReferences, storedDefinition } from './segments/common';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_SORT: { sort: CustomerSort; dir: SortDirection } = { sort: 'revenue', dir: 'desc' };

/** The list's URL parameters. Each is checked on its own: a bad one is dropped and reported, the rest still apply. */
const paramSchemas = {
  q: z.string().trim().min(1).max(200),
  region: z.string().trim().min(1).max(100),
  tag: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}:._ -]{1,120}$/u),
  segment: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  rfm: z.enum(RFM_GROUPS),
  stage: z.enum(LIFECYCLE_STAGES),
  sort: z.enum(CUSTOMER_SORTS),
  dir: z.enum(['asc', 'desc']),
  page: z.coerce.number().int().min(1).max(100_000),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n)),
};
export type ListParam = keyof typeof paramSchemas;
export const LIST_PARAMS = Object.keys(paramSchemas) as ListParam[];

/** Why a parameter was ignored: `invalid` (malformed or not a choice) or `unknown` (no such tag or segment). */
export type IgnoredParam = { param: ListParam; value: string; reason: 'invalid' | 'unknown' };

export type CustomerListParams = {
  q?: string;
  region?: string;
  tag?: string;
  segment?: number;
  rfm?: (typeof RFM_GROUPS)[number];
  stage?: (typeof LIFECYCLE_STAGES)[number];
  sort: CustomerSort;
  dir: SortDirection;
  page: number;
  size: number;
};

/** Reads the list's parameters from a query-string record; never throws on user input. */
export function parseListParams(input: Record<string, string | undefined>): {
  params: CustomerListParams;
  ignored: IgnoredParam[];
} {
  const ignored: IgnoredParam[] = [];
  const out: Record<string, unknown> = {};
  for (const key of LIST_PARAMS) {
    const raw = input[key];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = paramSchemas[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else ignored.push({ param: key, value: raw.slice(0, 80), reason: 'invalid' });
  }
  const sort = (out.sort as CustomerSort | undefined) ?? DEFAULT_SORT.sort;
  const dir =
    (out.dir as SortDirection | undefined) ?? (out.sort ? (sort === 'name' ? 'asc' : 'desc') : DEFAULT_SORT.dir);
  return {
    params: {
      ...(out as Partial<CustomerListParams>),
      sort,
      dir,
      page: (out.page as number) ?? 1,
      size: (out.size as number) ?? PAGE_SIZES[0],
    },
    ignored,
  };
}

/** The canonical query string of a list state (defaults and page 1 left out), used in links and saved views. */
export function listQueryString(
  p: Partial<CustomerListParams>,
  overrides: Partial<Record<ListParam, string | number | undefined>> = {},
) {
  const values: Record<string, string | number | undefined> = {
    q: p.q,
    region: p.region,
    tag: p.tag,
    segment: p.segment,
    rfm: p.rfm,
    stage: p.stage,
    sort: p.sort,
    dir: p.dir,
    page: p.page,
    size: p.size,
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    const v = values[key];
    if (v === undefined || v === '') continue;
    if (key === 'page' && Number(v) === 1) continue;
    if (key === 'size' && Number(v) === PAGE_SIZES[0]) continue;
    search.set(key, String(v));
  }
  const sortIsDefault = search.get('sort') === DEFAULT_SORT.sort && search.get('dir') === DEFAULT_SORT.dir;
  if (sortIsDefault) {
    search.delete('sort');
    search.delete('dir');
  }
  return search.toString();
}

/** The churn band of a probability, as the churn tags cut it (high ≥ 0.7, medium ≥ 0.4, low below). */
export function churnLevel(p: number | null): 'low' | 'medium' | 'high' | null {
  if (p === null) return null;
  return p >= CHURN_BANDS.high ? 'high' : p >= CHURN_BANDS.medium ? 'medium' : 'low';
}

async function segmentFilter(id: number): Promise<CustomerListFilters['segment'] | null> {
  const row = await findSegmentRow(db, id);
  if (!row) return null;
  const { definition } = storedDefinition(row);
  if (!definition) return null;
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) return null;
  const raw = rawDb();
  return { definition, resolveSegment: refs.resolve, now: Date.now(), timeZone: await shopTimeZone(raw) };
}

/**
 * The customer list: filters (search, region, tag, segment membership, RFM group, lifecycle stage), a sort in SQL
 * (most revenue first by default, so buyers come before new sign-ups), pages, and the choices the filters offer.
 */
export async function browseCustomerList(actor: Actor | null, input: Record<string, string | undefined>) {
  authorize(actor, 'customers:view');
  const { params, ignored } = parseListParams(input);
  const raw = rawDb();
  const [tags, segments, regions] = await Promise.all([listFilterTags(raw), segmentNames(db), listRegions(db)]);
  if (params.tag && !tags.some((t) => t.key === params.tag)) {
    ignored.push({ param: 'tag', value: params.tag, reason: 'unknown' });
    params.tag = undefined;
  }
  const segment = params.segment ? await segmentFilter(params.segment) : undefined;
  if (params.segment && !segment) {
    ignored.push({ param: 'segment', value: String(params.segment), reason: 'unknown' });
    params.segment = undefined;
  }
  const list = await listCustomerPage(raw, {
    q: params.q,
    region: params.region,
    tag: params.tag,
    rfmGroup: params.rfm,
    lifecycle: params.stage,
    segment: segment ?? undefined,
    sort: params.sort,
    dir: params.dir,
    page: params.page,
    pageSize: params.size,
  });
  return {
    params,
    ignored,
    total: list.total,
    rows: list.rows.map((r) => ({ ...r, churnLevel: churnLevel(r.churnProbability) })),
    choices: {
      tags,
      segments: segments.filter((s) => !s.archivedAt || s.id === params.segment),
      regions,
      rfmGroups: RFM_GROUPS,
      stages: LIFECYCLE_STAGES,
    },
  };
}
export type CustomerList = Awaited<ReturnType<typeof browseCustomerList>>;
