import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction, type Tx } from '@/lib/db/transaction';
import { ensureAssignments } from '@/lib/db/campaigns';
import {
  customersAfter,
  customersInStages,
  eventsAfter,
  externalIdsOf,
  insertEnrollments,
  lastEntries,
  updateFlowRow,
  viewedCategoryBefore,
} from '@/lib/db/flows';
import { assignArm } from '@/lib/engine/campaign';
import { entryDecision, flowArms } from '@/lib/engine/flows';
import type { LoadedFlow, SegmentLookup } from './loaded';

/** Events or customers read per page by a trigger scan. */
const PAGE = 2_000;
/** Candidates entered per transaction: short, so the events API's writes never wait long for the database. */
const ENTRY_CHUNK = 100;

type Candidate = { customerId: number; externalId?: string; at: Date };

/**
 * Reads what happened since the flow's last scan and starts the passes its trigger calls for. Event triggers read
 * events by id after the flow's cursor, so an event that arrives late is still read, and its own time decides
 * (too old → ignored; within a customer's re-entry window → ignored). The same event read twice, or a twin stored
 * under another key, cannot start a second pass: one pass per flow × customer × window, and the window check.
 */
export async function scanTrigger(flow: LoadedFlow, now: Date, segments: SegmentLookup): Promise<number> {
  const { trigger } = flow.def;
  let entered = 0;
  switch (trigger.type) {
    case 'cart':
    case 'purchase':
    case 'category_view': {
      const type = trigger.type === 'category_view' ? 'view' : trigger.type;
      for (let cursor = flow.row.eventCursor; ; ) {
        const page = await eventsAfter(db, cursor, PAGE);
        if (!page.length) break;
        const candidates: Candidate[] = [];
        for (const e of page) {
          if (e.type !== type) continue;
          if (trigger.type === 'category_view') {
            if (e.categoryId === null) continue;
            if (await viewedCategoryBefore(db, { ...e, categoryId: e.categoryId })) continue;
          }
          candidates.push({ customerId: e.customerId, at: e.ts });
        }
        entered += await enter(flow, candidates, now);
        cursor = page.at(-1)!.id;
        await updateFlowRow(db, flow.row.id, { eventCursor: cursor });
        flow.row.eventCursor = cursor;
      }
      return entered;
    }
    case 'new_customer': {
      for (let cursor = flow.row.signupCursor; ; ) {
        const page = await customersAfter(db, cursor, PAGE);
        if (!page.length) break;
        const candidates = page.map((c) => ({
          customerId: c.id,
          externalId: c.externalId,
          at: c.signupAt ?? c.createdAt,
        }));
        entered += await enter(flow, candidates, now);
        cursor = page.at(-1)!.id;
        await updateFlowRow(db, flow.row.id, { signupCursor: cursor });
        flow.row.signupCursor = cursor;
      }
      return entered;
    }
    case 'lifecycle': {
      // the stage is read as it is now: whoever is in it and has not entered within the window enters now
      const rows = await customersInStages(db, trigger.stages);
      for (let i = 0; i < rows.length; i += PAGE)
        entered += await enter(
          flow,
          rows
            .slice(i, i + PAGE)
            .map((r) => ({ customerId: r.customerId, externalId: r.customer.externalId, at: now })),
          now,
        );
      return entered;
    }
    case 'segment': {
      let batch: Candidate[] = [];
      for await (const m of segments.members(trigger.segmentId)) {
        batch.push({ customerId: m.id, externalId: m.externalId, at: now });
        if (batch.length >= PAGE) {
          entered += await enter(flow, batch, now);
          batch = [];
        }
      }
      return entered + (await enter(flow, batch, now));
    }
  }
}

/**
 * Starts a pass for each candidate the entry rule admits (in order, so two triggers in one page count as two), every
 * ENTRY_CHUNK candidates in one transaction of two statements and a read (assignments, then passes), instead of
 * four to six statements per pass.
 */
async function enter(flow: LoadedFlow, candidates: Candidate[], now: Date): Promise<number> {
  if (!candidates.length) return 0;
  const last = await lastEntries(db, flow.row.id, [...new Set(candidates.map((c) => c.customerId))]);
  const unknown = candidates.filter((c) => c.externalId === undefined).map((c) => c.customerId);
  const externalIds = unknown.length ? await externalIdsOf(db, [...new Set(unknown)]) : new Map<number, string>();
  const known = candidates.map((c) => ({ ...c, externalId: c.externalId ?? externalIds.get(c.customerId) }));
  let entered = 0;
  for (let i = 0; i < known.length; i += ENTRY_CHUNK) {
    const chunk = known.slice(i, i + ENTRY_CHUNK);
    entered += await withTransaction(db, (tx) => enterChunk(tx, flow, chunk, now, last));
  }
  return entered;
}

async function enterChunk(tx: Tx, flow: LoadedFlow, candidates: Candidate[], now: Date, last: Map<number, number>) {
  const arms = flowArms(flow.def);
  // who enters, decided in order: a candidate admitted counts as the customer's last entry for the ones after it
  const latest = new Map(last);
  const entrants: (Candidate & { windowKey: number; arm: string; variantId: number })[] = [];
  for (const c of candidates) {
    const decision = entryDecision(flow.def, {
      triggerAt: c.at.getTime(),
      now: now.getTime(),
      lastEnteredAt: latest.get(c.customerId) ?? null,
    });
    if (!decision.enter || c.externalId === undefined) continue;
    const arm = assignArm({
      customerKey: c.externalId,
      salt: flow.salt,
      variants: arms,
      holdoutShare: flow.def.holdoutShare,
    });
    const variantId = flow.variantIds.get(arm.key);
    if (variantId === undefined) continue;
    entrants.push({ ...c, windowKey: decision.windowKey, arm: arm.key, variantId });
    latest.set(c.customerId, c.at.getTime());
  }
  if (!entrants.length) return 0;
  // the campaign's assignments: every entrant, holdout included, is exposed at entry (intent to treat)
  const stored = await ensureAssignments(
    tx,
    flow.campaignId,
    entrants.map((c) => ({
      customerId: c.customerId,
      variantId: c.variantId,
      assignedAt: c.at,
      exposedAt: c.at,
      exposures: 1,
      wave: 0,
    })),
  );
  const keyOf = new Map([...flow.variantIds].map(([key, id]) => [id, key]));
  const inserted = await insertEnrollments(
    tx,
    entrants.map((c) => ({
      flowId: flow.row.id,
      customerId: c.customerId,
      windowKey: c.windowKey,
      // a customer who enters again keeps the arm of their first entry
      arm: keyOf.get(stored.get(c.customerId) ?? -1) ?? c.arm,
      enteredAt: c.at,
      stepAt: c.at,
      nextAt: c.at,
    })),
  );
  for (const c of entrants) if (inserted.has(`${c.customerId}:${c.windowKey}`)) last.set(c.customerId, c.at.getTime());
  return inserted.size;
}
