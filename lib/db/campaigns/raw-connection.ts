/** One raw connection per process for the segment audience queries (lib/db/segments runs on raw connections). */
import { openRaw, type RawDb } from '../raw';
import { databaseUrl } from '../url';

const holder = globalThis as unknown as { precisaCampaignRaw?: { url: string; raw: RawDb } };

export function campaignRaw(): RawDb {
  const url = databaseUrl();
  if (!holder.precisaCampaignRaw || holder.precisaCampaignRaw.url !== url) holder.precisaCampaignRaw = { url, raw: openRaw(url) };
  return holder.precisaCampaignRaw.raw;
}
