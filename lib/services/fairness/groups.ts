import 'server-only';
import { writeAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { type CustomerGroupFields, listCustomerGroupFields, sampleAttributeKeys } from '@/lib/db/fairness';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { type DbOrTx, withTransaction } from '@/lib/db/transaction';
import { ageBand } from '@/lib/engine/fairness/selection';
import { DEFAULT_FAIRNESS, type FairnessSettings, fairnessSettingsSchema } from '@/lib/schemas/fairness';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';

/** The built-in group dimensions; sensitive attributes add `attr:<key>`. */
export const BASE_DIMENSIONS = ['gender', 'age', 'region', 'lifecycle'] as const;
export const UNKNOWN = 'unknown';

export async function getFairnessSettings(client: DbOrTx = db): Promise<FairnessSettings> {
  const parsed = fairnessSettingsSchema.safeParse(await getSettingValue(client, 'fairness'));
  return parsed.success ? parsed.data : DEFAULT_FAIRNESS;
}

export async function saveFairnessSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const value = parseInput(fairnessSettingsSchema, input);
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, 'fairness', value);
    await writeAudit(tx, { actorType: 'user', actorId: admin.userId, action: 'fairness.settings', details: value });
  });
  return value;
}

/** Attribute keys an admin may mark as sensitive (those present in customer files). */
export async function listAttributeKeys(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  return sampleAttributeKeys(db);
}

function attributeValue(attributes: unknown, key: string): string {
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return UNKNOWN;
  const v = (attributes as Record<string, unknown>)[key];
  if (v === null || v === undefined || v === '') return UNKNOWN;
  return String(v).trim().slice(0, 40) || UNKNOWN;
}

/** A customer's group in every dimension. */
export function groupLabels(c: CustomerGroupFields, sensitive: readonly string[], at: Date): Record<string, string> {
  const labels: Record<string, string> = {
    gender: c.gender?.trim().toLowerCase() || UNKNOWN,
    age: ageBand(c.birthYear, at),
    region: c.region?.trim() || UNKNOWN,
    lifecycle: c.lifecycle ?? UNKNOWN,
  };
  for (const key of sensitive) labels[`attr:${key}`] = attributeValue(c.attributes, key);
  return labels;
}

/** Every (not erased) customer's groups, by customer id, and the dimensions reported. */
export async function customerGroups(at = new Date(), client: DbOrTx = db) {
  const { sensitiveAttributes } = await getFairnessSettings(client);
  const fields = await listCustomerGroupFields(client);
  const byId = new Map(fields.map((c) => [c.id, groupLabels(c, sensitiveAttributes, at)]));
  return { byId, dimensions: [...BASE_DIMENSIONS, ...sensitiveAttributes.map((k) => `attr:${k}`)] };
}
