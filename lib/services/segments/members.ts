import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { findCustomerRef } from '@/lib/db/segments';
import { explainMembership, listSegmentMembers } from '@/lib/db/segments';
import type { DescribedExplanation } from '@/lib/engine/segment/explain';
import type { SegmentCondition } from '@/lib/schemas/segment';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from '../auth/actor';
import { isPrivateViewer } from '../privacy/settings';
import { parseInput } from '../validate';
import { liveStore, loadSegment, requireDefinition, resolveReferences } from './common';
import type { Bilingual } from '@/lib/i18n/bilingual';
import { describeCondition, describeGroup, enumValueText, type DefinitionNames } from './describe';
import { loadDefinitionNames } from './names';
import { analyticsRawDb, rawDb } from '@/lib/db/connections';

export const MEMBER_PAGE_SIZE = 25;
const pageSchema = z.coerce.number().int().min(1).max(100_000).default(1);

async function definitionOf(id: unknown) {
  const row = await loadSegment(id);
  const definition = requireDefinition(row);
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  return { row, definition, resolve: refs.resolve };
}

/** A page of members in customer-id order, with their region, RFM group, lifecycle, predicted value and consent. */
export async function listMembers(actor: Actor | null, id: unknown, pageInput: unknown = 1) {
  const user = authorize(actor, 'segments:view');
  if (await isPrivateViewer(user.role)) throw new AppError('FORBIDDEN', 'privacy.errors.rowsHidden');
  const page = parseInput(pageSchema, pageInput ?? 1);
  const { definition, resolve } = await definitionOf(id);
  const [members, count] = await Promise.all([
    listSegmentMembers(analyticsRawDb(), definition, { page, pageSize: MEMBER_PAGE_SIZE, resolveSegment: resolve }),
    liveStore().count(definition, { resolveSegment: resolve }),
  ]);
  return {
    page,
    pageSize: MEMBER_PAGE_SIZE,
    total: count.total,
    rows: members.rows.map((m) => ({
      id: m.id,
      externalId: m.externalId,
      name: m.name,
      region: m.region,
      city: m.city,
      rfmGroup: m.rfmGroup,
      lifecycle: m.lifecycle,
      clv365: m.clv365,
      consentEmail: m.consentEmail,
      consentSms: m.consentSms,
      consentPush: m.consentPush,
    })),
  };
}

/** What the page shows per node: the condition in words, met or not, and what was found for the customer. */
export type WhyNode = {
  satisfied: boolean;
  kind: 'group' | 'condition' | 'segment';
  text: Bilingual;
  found: Bilingual | null;
  children: WhyNode[];
};

/** The part of the engine's sentence after its subject: "3 times in the last 60 days (needs ≥ 2)". */
function foundPart(text: Bilingual): Bilingual {
  const after = (s: string, sep: string) => (s.includes(sep) ? s.slice(s.indexOf(sep) + sep.length) : s);
  return { en: after(text.en, ': '), zh: after(text.zh, '：') };
}

function conditionsOf(e: DescribedExplanation): SegmentCondition[] {
  if (e.type === 'condition') return [e.condition];
  if (e.type === 'segment') return [{ type: 'segment', segmentId: e.segmentId, op: e.op }, ...conditionsOf(e.child)];
  return e.children.flatMap(conditionsOf);
}

function toWhy(e: DescribedExplanation, names: DefinitionNames, isRoot: boolean): WhyNode {
  if (e.type === 'group')
    return {
      satisfied: e.satisfied,
      kind: 'group',
      text: describeGroup(e, isRoot),
      found: null,
      children: e.children.map((k) => toWhy(k, names, false)),
    };
  if (e.type === 'segment')
    return {
      satisfied: e.satisfied,
      kind: 'segment',
      text: describeCondition({ type: 'segment', segmentId: e.segmentId, op: e.op }, names),
      found: null,
      children: [toWhy(e.child, names, false)],
    };
  const c = e.condition;
  const value = c.type === 'profile' && e.observed.kind === 'value' ? enumValueText(c.field, e.observed.value) : null;
  return {
    satisfied: e.satisfied,
    kind: 'condition',
    text: describeCondition(c, names),
    found: value ?? foundPart(e.text),
    children: [],
  };
}

/**
 * "Why is this customer in the segment?": membership by the compiled query, and every condition with what was found
 * for the customer (e.g. "purchase in Sports: 3 times in the last 60 days (needs ≥ 2)"), in English and Chinese.
 */
export async function explainMember(actor: Actor | null, id: unknown, customerId: unknown) {
  authorize(actor, 'segments:view');
  const cid = parseInput(
    z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
    customerId,
  );
  const { row, definition, resolve } = await definitionOf(id);
  const customer = await findCustomerRef(db, { id: cid });
  if (!customer) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const explained = await explainMembership(rawDb(), definition, cid, { resolveSegment: resolve, selfId: row.id });
  if (!explained) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const names = await loadDefinitionNames({ type: 'group', op: 'and', children: conditionsOf(explained.tree) });
  return {
    segment: { id: row.id, name: row.name, archivedAt: row.archivedAt },
    customer: { id: customer.id, externalId: customer.externalId, name: customer.name },
    member: explained.member,
    consistent: explained.consistent,
    erased: explained.erased,
    tree: toWhy(explained.tree, names, true),
  };
}
export type MemberExplanation = Awaited<ReturnType<typeof explainMember>>;

/** Finds a customer by the shop's customer id (or the internal id) for the "why?" form; null when unknown. */
export async function findCustomerForWhy(actor: Actor | null, ref: unknown) {
  authorize(actor, 'segments:view');
  const text = parseInput(z.string().trim().min(1).max(200), ref);
  const byExternal = await findCustomerRef(db, { externalId: text });
  if (byExternal) return { id: byExternal.id };
  const asId = /^\d{1,9}$/.test(text) ? await findCustomerRef(db, { id: Number(text) }) : null;
  return asId ? { id: asId.id } : null;
}
