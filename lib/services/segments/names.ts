import 'server-only';
import { db } from '@/lib/db/client';
import { listCategoryNames } from '@/lib/db/products';
import { campaignNames, productTitles, segmentNames, tagLabels } from '@/lib/db/segments';
import type { SegmentNode } from '@/lib/schemas/segment';
import { definitionReferences, type DefinitionNames } from './describe';

/** Names of the tags, categories, products, campaigns and segments a definition mentions. */
export async function loadDefinitionNames(definition: SegmentNode): Promise<DefinitionNames> {
  const refs = definitionReferences(definition);
  const [tags, categories, products, campaigns, segments] = await Promise.all([
    tagLabels(db, refs.tagKeys),
    refs.categoryIds.length ? listCategoryNames(db, refs.categoryIds) : [],
    productTitles(db, refs.productIds),
    refs.campaignIds.length ? campaignNames(db, refs.campaignIds) : [],
    refs.segmentIds.length ? segmentNames(db, refs.segmentIds) : [],
  ]);
  return {
    tags: new Map(tags.map((t) => [t.key, { label: t.label, labelZh: t.labelZh }])),
    categories: new Map(categories.map((c) => [c.id, { name: c.name, nameZh: c.nameZh }])),
    products: new Map(products.map((p) => [p.id, { title: p.title, titleZh: p.titleZh }])),
    campaigns: new Map(campaigns.map((c) => [c.id, c.name])),
    segments: new Map(segments.map((s) => [s.id, s.name])),
  };
}
