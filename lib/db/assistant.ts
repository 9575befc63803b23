import 'server-only';
import type { DbOrTx } from './transaction';

/** The assistant's activity log (AssistantCall rows). */

export type AssistantCallRow = {
  kind: string;
  model: string;
  prompt: string;
  outcome: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  userId: string | null;
};

export function insertAssistantCall(db: DbOrTx, row: AssistantCallRow) {
  return db.assistantCall.create({ data: row, select: { id: true } });
}

/** The latest calls, each with the e-mail of the user who made it (null once the user is gone). */
export async function listAssistantCalls(db: DbOrTx, limit: number) {
  const rows = await db.assistantCall.findMany({
    orderBy: { id: 'desc' },
    take: limit,
    select: {
      id: true,
      createdAt: true,
      kind: true,
      model: true,
      prompt: true,
      outcome: true,
      promptTokens: true,
      completionTokens: true,
      latencyMs: true,
      userId: true,
    },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({ ...r, userEmail: r.userId ? (email.get(r.userId) ?? null) : null }));
}

/** Tokens used since `since` (the month's spend against the cap). */
export async function tokensSince(db: DbOrTx, since: Date): Promise<number> {
  const r = await db.assistantCall.aggregate({
    where: { createdAt: { gte: since } },
    _sum: { promptTokens: true, completionTokens: true },
  });
  return (r._sum.promptTokens ?? 0) + (r._sum.completionTokens ?? 0);
}
