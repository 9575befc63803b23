import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { createCampaignWithIdIfMissing, syncCampaignIdSequence } from '@/lib/db/campaigns';
import type { CampaignSpec } from '@/lib/engine/simulate/types';

/**
 * The demo year's campaigns (the events file refers to them by id), recorded as completed campaigns with their
 * messages so imported exposures, opens and clicks link to them. Their hidden true effects stay in the model.
 */
export async function seedDemoCampaigns(campaigns: readonly CampaignSpec[], createdById: string) {
  for (const c of campaigns) {
    await createCampaignWithIdIfMissing(db, {
      id: c.id,
      name: c.name,
      status: 'completed',
      channel: c.channel,
      goal: c.goal,
      holdoutShare: 0,
      salt: randomBytes(8).toString('hex'),
      attributionWindowHours: 168,
      startedAt: new Date(c.sendAt),
      endedAt: new Date(c.sendAt + 7 * 86_400_000),
      settings: { version: 1, demo: { key: c.key, nameZh: c.nameZh } },
      createdById,
      variants: {
        create: c.variants.map((v) => ({
          key: v.key,
          name: v.key === 'control' ? 'Control message' : `Message ${v.key.toUpperCase()}`,
          isControl: v.key === 'control',
          weight: v.weight,
          subject: `${c.name} (${v.key})`,
        })),
      },
    });
  }
  if (campaigns.length) await syncCampaignIdSequence(db);
}
