import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { snapshotCoverage } from '@/lib/db/portraits/write';
import { countCustomers, customerExists } from '@/lib/db/customers';
import {
  addTagMembers,
  coverageSince,
  createCustomTagRow,
  deleteTag,
  findTag,
  findTagByKey,
  listTagMembers,
  listTagsWithCoverage,
  removeTagMember,
  updateTagText,
} from '@/lib/db/tags';
import { withTransaction } from '@/lib/db/transaction';
import { LIFECYCLE_STAGES } from '@/lib/engine/portrait/lifecycle';
import { RFM_GROUPS } from '@/lib/engine/portrait/rfm-segments';
import { MS_PER_DAY } from '@/lib/engine/portrait/types';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { systemTagDescription } from '../portraits/system-tags';
import { loadCustomTag, tagIdSchema, utcToday } from './common';
import { rawDb } from '@/lib/db/connections';

/** Families in the order the Tags page lists them. */
export const TAG_FAMILIES = ['rfm', 'lifecycle', 'clv', 'churn', 'interest', 'custom'] as const;
export type TagFamily = (typeof TAG_FAMILIES)[number];
const TREND_DAYS = 90;
const BAND_ORDER = ['high', 'medium', 'low'];

const idSchema = tagIdSchema;
const today = utcToday;

function orderWithin(family: string, key: string) {
  const suffix = key.slice(key.indexOf(':') + 1);
  if (family === 'rfm') return (RFM_GROUPS as readonly string[]).indexOf(suffix);
  if (family === 'lifecycle') return (LIFECYCLE_STAGES as readonly string[]).indexOf(suffix);
  if (family === 'clv' || family === 'churn') return BAND_ORDER.indexOf(suffix);
  return 0;
}

/**
 * The tag taxonomy grouped by family: each tag's live coverage (customers carrying it, and the share of all
 * customers), its daily coverage trend over the last 90 days (TagCoverage), and when it was last computed.
 */
export async function listTaxonomy(actor: Actor | null) {
  const user = authorize(actor, 'customers:view');
  const [tags, total] = await Promise.all([listTagsWithCoverage(db), countCustomers(db)]);
  const trends = await coverageSince(db, today() - TREND_DAYS * MS_PER_DAY);
  const rows = tags.map((t) => ({
    id: t.id,
    key: t.key,
    kind: t.kind,
    family: (TAG_FAMILIES as readonly string[]).includes(t.family) ? (t.family as TagFamily) : 'custom',
    label: t.label,
    labelZh: t.labelZh,
    description: t.description,
    hasRule: t.rule !== null,
    customers: t.customers,
    share: total > 0 ? t.customers / total : 0,
    trend: trends.get(t.id) ?? [],
    computedAt: t.computedAt,
    updatedAt: t.updatedAt,
  }));
  const families = TAG_FAMILIES.map((family) => ({
    family,
    tags: rows
      .filter((r) => r.family === family)
      .sort((a, b) =>
        family === 'interest' || family === 'custom'
          ? b.customers - a.customers || a.label.localeCompare(b.label)
          : orderWithin(family, a.key) - orderWithin(family, b.key),
      ),
  }));
  const computed = rows.filter((r) => r.kind === 'system' && r.computedAt).map((r) => r.computedAt!.getTime());
  return {
    totalCustomers: total,
    families,
    lastComputedAt: computed.length ? new Date(Math.max(...computed)) : null,
    canEdit: can(user.role, 'segments:edit'),
  };
}
export type Taxonomy = Awaited<ReturnType<typeof listTaxonomy>>;

/** One tag with its coverage trend and a page of members (highest score first). */
export async function getTagDetail(actor: Actor | null, id: unknown, pageInput: unknown = 1) {
  const user = authorize(actor, 'customers:view');
  const tagId = parseInput(idSchema, id);
  const page = parseInput(z.coerce.number().int().min(1).max(100_000).default(1), pageInput ?? 1);
  const tag = await findTag(db, tagId);
  if (!tag) throw new AppError('NOT_FOUND', 'errors.tags.notFound');
  const [members, trends, total] = await Promise.all([
    listTagMembers(db, tagId, page, 50),
    coverageSince(db, today() - TREND_DAYS * MS_PER_DAY, [tagId]),
    countCustomers(db),
  ]);
  return {
    tag,
    /** a system tag's description in the catalogue (worded in the reader's language); custom tags have their own */
    description: tag.kind === 'system' ? systemTagDescription(tag.key) : null,
    trend: trends.get(tagId) ?? [],
    members: members.rows,
    memberCount: members.total,
    page,
    pageSize: 50,
    totalCustomers: total,
    canEdit: can(user.role, 'segments:edit') && tag.kind === 'custom',
  };
}
export type TagDetail = Awaited<ReturnType<typeof getTagDetail>>;

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max).nullable().optional(),
  );

export const customTagSchema = z.object({
  label: z.string().trim().min(1, 'errors.input.name').max(60),
  labelZh: optionalText(60),
  description: optionalText(300),
});

/** `custom:` + a slug of the English name (letters and digits joined by dashes), made unique with a suffix. */
async function newCustomKey(label: string) {
  const slug =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tag';
  for (let n = 1; n < 1000; n++) {
    const key = `custom:${slug}${n === 1 ? '' : `-${n}`}`;
    if (!(await findTagByKey(db, key))) return key;
  }
  throw new AppError('CONFLICT', 'errors.tags.tooMany');
}

/** Creates a custom tag (marketers and admins). Members come by hand, by CSV upload or from a rule. */
export async function createCustomTag(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const data = parseInput(customTagSchema, input);
  const key = await newCustomKey(data.label);
  return withTransaction(db, async (tx) => {
    const text = { label: data.label, labelZh: data.labelZh ?? null, description: data.description ?? null };
    const tag = await createCustomTagRow(tx, { key, ...text, computedAt: new Date() });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: user.userId,
      action: 'tag.create',
      targetType: 'tag',
      targetId: tag.id,
      details: { key, label: data.label },
    });
    return { id: tag.id, key };
  });
}

const customTag = loadCustomTag;

/** Renames or re-describes a custom tag (its key stays, so segment rules that use it keep working). */
export async function updateCustomTag(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const data = parseInput(customTagSchema.extend({ tagId: idSchema }), input);
  await customTag(data.tagId);
  await withTransaction(db, async (tx) => {
    await updateTagText(tx, data.tagId, {
      label: data.label,
      labelZh: data.labelZh ?? null,
      description: data.description ?? null,
    });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: user.userId,
      action: 'tag.update',
      targetType: 'tag',
      targetId: data.tagId,
      details: { label: data.label },
    });
  });
}

/** Deletes a custom tag and its assignments. */
export async function deleteCustomTag(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:edit');
  const tagId = parseInput(idSchema, id);
  const tag = await customTag(tagId);
  await withTransaction(db, async (tx) => {
    await deleteTag(tx, tagId);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: user.userId,
      action: 'tag.delete',
      targetType: 'tag',
      targetId: tagId,
      details: { key: tag.key },
    });
  });
}

const assignSchema = z.object({ tagId: idSchema, customerId: idSchema });

/** Gives a customer a custom tag by hand (from the portrait page). Tags defined by a rule are not assignable. */
export async function assignCustomTag(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const { tagId, customerId } = parseInput(assignSchema, input);
  const tag = await customTag(tagId);
  if (tag.rule !== null) throw new AppError('CONFLICT', 'errors.tags.ruleEdit');
  if (!(await customerExists(db, customerId))) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const now = Date.now();
  const { added } = await addTagMembers(rawDb(), tagId, [customerId], 'manual', now);
  await snapshotCoverage(rawDb(), today(now), [tagId]);
  await writeAudit(db, {
    actorType: 'user',
    actorId: user.userId,
    action: 'tag.assign',
    targetType: 'customer',
    targetId: customerId,
    details: { tagId, key: tag.key },
  });
  return { added: added > 0 };
}

/** Removes a custom tag from a customer by hand. */
export async function unassignCustomTag(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const { tagId, customerId } = parseInput(assignSchema, input);
  const tag = await customTag(tagId);
  if (tag.rule !== null) throw new AppError('CONFLICT', 'errors.tags.ruleEdit');
  const removed = await removeTagMember(db, tagId, customerId);
  await snapshotCoverage(rawDb(), today(), [tagId]);
  await writeAudit(db, {
    actorType: 'user',
    actorId: user.userId,
    action: 'tag.unassign',
    targetType: 'customer',
    targetId: customerId,
    details: { tagId, key: tag.key },
  });
  return { removed };
}
