import 'server-only';
import { db } from '@/lib/db/client';
import { listAudit } from '@/lib/db/audit';
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
