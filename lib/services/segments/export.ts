import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { streamSegmentMembers, type SegmentMember } from '@/lib/db/segments';
import type { CsvValue } from '@/lib/csv/write';
import { CHANNELS } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { liveStore, loadSegment, requireDefinition, resolveReferences } from './common';
import { AppError } from '@/lib/errors';
import { rawDb } from '@/lib/db/connections';

const exportSchema = z.object({
  channel: z.preprocess((v) => (v === '' || v === 'all' || v === null ? undefined : v), z.enum(CHANNELS).optional()),
});

export const EXPORT_HEADER = [
  'customer_id',
  'name',
  'email',
  'phone',
  'region',
  'city',
  'signup_date',
  'consent_email',
  'consent_sms',
  'consent_push',
  'rfm_group',
  'lifecycle',
  'clv_365',
] as const;

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

/** One CSV line: an address appears only when the customer agreed to that channel (consent respected in every export). */
export function exportRow(m: SegmentMember): CsvValue[] {
  return [
    m.externalId,
    m.name,
    m.consentEmail ? m.email : null,
    m.consentSms ? m.phone : null,
    m.region,
    m.city,
    day(m.signupAt),
    m.consentEmail,
    m.consentSms,
    m.consentPush,
    m.rfmGroup,
    m.lifecycle,
    m.clv365 === null ? null : Math.round(m.clv365 * 100) / 100,
  ];
}

/**
 * Members as CSV (customers:export — marketers and admins; managers may not). With a channel, only members reachable
 * on it (consent and an address). Audit-logged before the first byte; streamed from a database cursor with bounded
 * memory; cells that a spreadsheet would run as formulas are neutralised by lib/csv/write.
 */
export async function exportSegmentCsv(actor: Actor | null, id: unknown, input: unknown = {}) {
  const user = authorize(actor, 'customers:export');
  authorize(actor, 'segments:view');
  const { channel } = parseInput(exportSchema, input);
  const row = await loadSegment(id);
  const definition = requireDefinition(row);
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  const count = await liveStore().count(definition, { resolveSegment: refs.resolve });
  const members = channel ? count.reachable[channel] : count.total;
  await writeAudit(db, {
    actorType: 'user',
    actorId: user.userId,
    action: 'segment.export',
    targetType: 'segment',
    targetId: row.id,
    details: { name: row.name, channel: channel ?? 'all', members },
  });
  async function* rows(): AsyncGenerator<CsvValue[]> {
    for await (const m of streamSegmentMembers(rawDb(), definition, {
      channel,
      resolveSegment: refs.ok ? refs.resolve : undefined,
      batchSize: 1000,
    }))
      yield exportRow(m);
  }
  const slug =
    row.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'segment';
  return {
    header: [...EXPORT_HEADER],
    rows: rows(),
    fileName: `segment-${row.id}-${slug}${channel ? `-${channel}` : ''}.csv`,
    members,
  };
}
