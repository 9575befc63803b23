import 'server-only';
import { db } from '@/lib/db/client';
import { countUnchained, getChainHead, listAudit, listChainPage } from '@/lib/db/audit';
import { auditEntryHash, GENESIS_HASH } from '@/lib/security/pseudonym';
import { listUserEmails } from '@/lib/db/users';
import { authorize, type Actor } from './auth/actor';

export async function recentAudit(actor: Actor | null, take = 100) {
  authorize(actor, 'settings:manage');
  const rows = await listAudit(db, { take });
  const userIds = [...new Set(rows.filter((r) => r.actorType === 'user' && r.actorId).map((r) => r.actorId!))];
  const users = await listUserEmails(db, userIds);
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    ...r,
    actorLabel:
      r.actorType === 'user'
        ? (email.get(r.actorId ?? '') ?? r.actorId)
        : r.actorType === 'api_key'
          ? `API key ${r.actorId}`
          : 'system',
  }));
}

export type ChainProblem = { kind: 'altered' | 'deleted'; seq: number; id: number | null };
export type ChainVerification = { ok: boolean; checked: number; unchained: number; problem: ChainProblem | null };

/**
 * Walks the audit chain in order and names the first entry that was altered (its hash no longer matches its content,
 * or the next entry's link) or deleted (a missing sequence number, or entries missing at the end of the chain).
 */
export async function verifyAuditChain(actor: Actor | null): Promise<ChainVerification> {
  authorize(actor, 'settings:manage');
  return verifyChain();
}

export async function verifyChain(): Promise<ChainVerification> {
  let expectedSeq = 1,
    prevHash = GENESIS_HASH,
    prevId: number | null = null,
    checked = 0;
  const unchained = await countUnchained(db);
  const fail = (problem: ChainProblem) => ({ ok: false, checked, unchained, problem });
  for (;;) {
    const page = await listChainPage(db, expectedSeq - 1, 2000);
    for (const row of page) {
      if (row.seq !== expectedSeq) return fail({ kind: 'deleted', seq: expectedSeq, id: null });
      if (row.prevHash !== prevHash) return fail({ kind: 'altered', seq: expectedSeq - 1, id: prevId });
      const hash = auditEntryHash({
        seq: row.seq,
        at: row.at.getTime(),
        actorType: row.actorType,
        actorId: row.actorId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details ?? null,
        ip: row.ip,
        prevHash: row.prevHash,
      });
      if (hash !== row.hash) return fail({ kind: 'altered', seq: row.seq, id: row.id });
      prevHash = row.hash;
      prevId = row.id;
      expectedSeq++;
      checked++;
    }
    if (page.length < 2000) break;
  }
  const head = await getChainHead(db);
  if (head && head.seq >= expectedSeq) return fail({ kind: 'deleted', seq: expectedSeq, id: null });
  if (head && head.seq === expectedSeq - 1 && head.hash !== prevHash)
    return fail({ kind: 'altered', seq: expectedSeq - 1, id: prevId });
  return { ok: true, checked, unchained, problem: null };
}
