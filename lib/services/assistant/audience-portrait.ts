import 'server-only';
import { listTagsWithCoverage } from '@/lib/db/tags';
import { db } from '@/lib/db/client';
import type { AudiencePortrait } from '@/lib/engine/assistant/campaign-copy';
import { RFM_GROUPS } from '@/lib/engine/portrait/rfm-segments';
import type { SegmentCondition, SegmentDefinition } from '@/lib/schemas/segment';
import type { Actor } from '../auth/actor';
import { recommendationsForCustomerId } from '../recommendations/recommend';
import { liveStore, resolveReferences } from '../segments/common';
import { sampleIds } from '../segments/preview';

const CANDIDATE_INTERESTS = 40;
const SAMPLE = 12;

/**
 * A segment's aggregated portrait for copy: shares of its members per interest tag, RFM group and price band (live
 * counts of "segment AND condition"), and the products the recommender shows a spread sample of members most often.
 * Only counts and product names leave this function.
 */
export async function audiencePortrait(actor: Actor, definition: SegmentDefinition): Promise<AudiencePortrait> {
  const store = liveStore();
  const counted = await store.count(definition);
  const size = counted.total;
  const share = async (c: SegmentCondition) =>
    size === 0 ? 0 : (await store.count({ type: 'group', op: 'and', children: [definition, c] })).total / size;
  const tags = (await listTagsWithCoverage(db)).filter((t) => t.family === 'interest');
  const interestTags = tags
    .filter((t) => !t.key.startsWith('interest:price:'))
    .sort((a, b) => b.customers - a.customers)
    .slice(0, CANDIDATE_INTERESTS);
  const interests = (
    await Promise.all(
      interestTags.map(async (t) => ({
        name: {
          en: t.label.replace(/^(likes|follows|loves) /, ''),
          zh: (t.labelZh ?? t.label).replace(/^(喜欢|关注|钟爱)/, ''),
        },
        share: await share({ type: 'tag', key: t.key, op: 'has' }),
      })),
    )
  )
    .filter((i) => i.share > 0)
    .sort((a, b) => b.share - a.share)
    .filter((i, k, all) => all.findIndex((j) => j.name.en === i.name.en) === k)
    .slice(0, 3);
  const rfmMix = (
    await Promise.all(
      RFM_GROUPS.map(async (group) => ({
        group,
        share: await share({ type: 'profile', field: 'rfmGroup', op: 'eq', value: group }),
      })),
    )
  )
    .filter((r) => r.share > 0)
    .sort((a, b) => b.share - a.share);
  const bands = await Promise.all(
    (['budget', 'mid', 'premium'] as const)
      .filter((b) => tags.some((t) => t.key === `interest:price:${b}`))
      .map(async (band) => ({ band, share: await share({ type: 'tag', key: `interest:price:${band}`, op: 'has' }) })),
  );
  const topBand = bands.sort((a, b) => b.share - a.share)[0];
  return {
    size,
    interests,
    rfmMix,
    priceBand: topBand && topBand.share >= 0.2 ? topBand.band : null,
    products: await recommendedProducts(actor, definition, counted),
  };
}

/** Spread members from the index, or the first ones by SQL while the index loads (so copy always has its products). */
async function recommendedProducts(
  actor: Actor,
  definition: SegmentDefinition,
  counted: { total: number; source: 'index' | 'sql' },
) {
  const refs = await resolveReferences(definition);
  if (!refs.ok) return [];
  const tally = new Map<number, { n: number; en: string; zh: string }>();
  for (const customerId of await sampleIds(definition, refs.resolve, counted, SAMPLE)) {
    const list = await recommendationsForCustomerId(actor, { customerId, k: 5 }).catch(() => null);
    for (const item of list?.items ?? []) {
      const row = tally.get(item.productId) ?? { n: 0, en: item.title, zh: item.titleZh ?? item.title };
      row.n++;
      tally.set(item.productId, row);
    }
  }
  return [...tally.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((r) => ({ en: r.en, zh: r.zh }));
}
