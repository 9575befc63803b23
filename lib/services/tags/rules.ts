import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { snapshotCoverage } from '@/lib/db/portraits/write';
import { listSegmentChoices } from '@/lib/db/segments';
import { clearTagRule, countTagMembers, setTagRuleRow } from '@/lib/db/tags';
import { withTransaction } from '@/lib/db/transaction';
import { SegmentReferenceError } from '@/lib/engine/segment/inline';
import { AppError } from '@/lib/errors';
import type { MessageRef } from '@/lib/i18n/message-ref';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { referenceProblem } from '../segments/common';
import { parseInput } from '../validate';
import { loadCustomTag, tagIdSchema, utcToday } from './common';
import { materialiseRuleTag, tagKeysOf } from './rule-tags';
import { rawDb } from '@/lib/db/connections';

const ruleInputSchema = z.object({ tagId: tagIdSchema, rule: z.unknown() });

/** A rule that makes a tag of a saved segment's members (the segment keeps its own definition and history). */
export function segmentRule(segmentId: number): SegmentDefinition {
  return { type: 'group', op: 'and', children: [{ type: 'segment', segmentId, op: 'member' }] };
}

/**
 * Defines a custom tag by a rule in the segment language (validated like a segment definition; a rule may not use
 * its own tag), evaluates it at once, and keeps it fresh after every portrait recompute and incremental refresh.
 * `rule: null` turns the tag back into a hand-curated one: its current members stay, as manual assignments.
 */
export async function setTagRule(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const { tagId, rule } = parseInput(ruleInputSchema, input);
  const tag = await loadCustomTag(tagId);
  if (rule === null || rule === undefined) {
    await withTransaction(db, async (tx) => {
      await clearTagRule(tx, tagId);
      await writeAudit(tx, {
        actorType: 'user',
        actorId: user.userId,
        action: 'tag.rule_clear',
        targetType: 'tag',
        targetId: tagId,
      });
    });
    return { members: await countTagMembers(db, tagId) };
  }
  const parsed = parseSegmentDefinition(typeof rule === 'string' ? safeJson(rule) : rule);
  if (!parsed.ok) {
    const fieldErrors: Record<string, MessageRef[]> = {};
    for (const i of parsed.issues)
      fieldErrors[i.pathText] = [...(fieldErrors[i.pathText] ?? []), { key: i.key, params: i.params }];
    const first = parsed.issues[0]!;
    throw new AppError(
      'INVALID_INPUT',
      'errors.tags.ruleInvalid',
      { path: first.pathText, detail: { key: first.key, params: first.params } },
      { fieldErrors },
    );
  }
  if (tagKeysOf(parsed.definition).includes(tag.key)) throw new AppError('INVALID_INPUT', 'errors.tags.ruleSelf');
  let members: number;
  try {
    members = await materialiseRuleTag({ id: tagId, definition: parsed.definition });
  } catch (e) {
    if (e instanceof SegmentReferenceError)
      throw new AppError('INVALID_INPUT', 'errors.tags.ruleReference', { detail: referenceProblem(e) });
    throw e;
  }
  await withTransaction(db, async (tx) => {
    await setTagRuleRow(tx, tagId, parsed.definition as object);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: user.userId,
      action: 'tag.rule',
      targetType: 'tag',
      targetId: tagId,
      details: { rule: parsed.definition as object, members },
    });
  });
  await snapshotCoverage(rawDb(), utcToday(), [tagId]);
  return { members };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'errors.tags.ruleJson');
  }
}

/** Saved segments a rule tag can follow (id and name, newest first). */
export async function listSegmentsForRules(actor: Actor | null) {
  authorize(actor, 'segments:edit');
  return listSegmentChoices(db, 200);
}
