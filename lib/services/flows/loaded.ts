import 'server-only';
import { db } from '@/lib/db/client';
import { rawDb } from '@/lib/db/connections';
import { segmentDefinitions } from '@/lib/db/campaigns';
import type { FlowRow } from '@/lib/db/flows';
import { isMember, streamSegmentMembers } from '@/lib/db/segments/queries';
import { flowDefinitionSchema, type FlowDefinition } from '@/lib/schemas/flows';
import { parseSegmentDefinition } from '@/lib/schemas/segment';
import { loadCampaign, settingsOf } from '../campaigns/shared';

/** An enabled flow with its parsed definition and its campaign's arms (variant ids by key). */
export type LoadedFlow = {
  row: FlowRow;
  def: FlowDefinition;
  salt: string;
  campaignId: number;
  variantIds: Map<string, number>;
  webhook: { url: string; secret: string } | null;
};

export async function loadFlow(row: FlowRow): Promise<LoadedFlow | null> {
  const parsed = flowDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) return null;
  const campaign = await loadCampaign(row.campaignId);
  const secret = settingsOf(campaign).webhookSecret;
  return {
    row,
    def: parsed.data,
    salt: campaign.salt,
    campaignId: campaign.id,
    variantIds: new Map(campaign.variants.map((v) => [v.key, v.id])),
    webhook: campaign.webhookUrl && secret ? { url: campaign.webhookUrl, secret } : null,
  };
}

/** Saved segments by id for conditions and segment triggers (definitions read once per run). */
export async function segmentLookup() {
  const defs = await segmentDefinitions(db);
  const resolve = (id: number) => defs.get(id);
  const definitionOf = (id: number) => {
    const p = parseSegmentDefinition(defs.get(id));
    return p.ok ? p.definition : null;
  };
  return {
    async isMember(segmentId: number, customerId: number) {
      const definition = definitionOf(segmentId);
      return definition ? isMember(rawDb(), definition, customerId, { resolveSegment: resolve }) : false;
    },
    async *members(segmentId: number) {
      const definition = definitionOf(segmentId);
      if (!definition) return;
      for await (const m of streamSegmentMembers(rawDb(), definition, { resolveSegment: resolve, batchSize: 2000 }))
        yield m;
    },
  };
}
export type SegmentLookup = Awaited<ReturnType<typeof segmentLookup>>;
