import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { categoryTree, countLiveCustomers, searchProductRows, segmentNames } from '@/lib/db/segments';
import { getSegmentVocabulary } from '@/lib/db/segments';
import { listTagsWithCoverage, tagScoreStats } from '@/lib/db/tags';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { loadDefinitionNames } from './names';
import { parseSegmentDefinition } from '@/lib/schemas/segment';
import { warmUpIndex } from './common';
import { rawDb } from '@/lib/db/connections';

const FAMILY_ORDER = ['custom', 'interest', 'rfm', 'lifecycle', 'clv', 'churn'];

/**
 * What the builder's pickers offer: tags with bilingual labels and coverage, the category tree with English and
 * Chinese names, brands, regions, cities, genders, imported attribute keys, campaigns and other saved segments.
 * Starts loading the in-memory index so the first live count is fast.
 */
export async function getBuilderVocabulary(actor: Actor | null, options: { segmentId?: number } = {}) {
  authorize(actor, 'segments:edit');
  warmUpIndex();
  const [vocabulary, tags, scores, categories, segments, customers] = await Promise.all([
    getSegmentVocabulary(rawDb()),
    listTagsWithCoverage(db),
    tagScoreStats(db),
    categoryTree(db),
    segmentNames(db),
    countLiveCustomers(db),
  ]);
  const scoreOf = new Map(scores.map((s) => [s.tagId, s]));
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    customers,
    tags: tags
      .map((t) => {
        const s = scoreOf.get(t.id);
        return {
          key: t.key,
          label: t.label,
          labelZh: t.labelZh,
          family: t.family,
          customers: t.customers,
          score: s ? { min: round(s.min), avg: round(s.avg), max: round(s.max) } : null,
        };
      })
      .sort(
        (a, b) =>
          FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) ||
          b.customers - a.customers ||
          a.label.localeCompare(b.label),
      ),
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      nameZh: c.nameZh,
      parentId: c.parentId,
      depth: c.depth,
    })),
    brands: vocabulary.brands,
    regions: vocabulary.regions,
    cities: vocabulary.cities,
    genders: vocabulary.genders,
    attributeKeys: vocabulary.attributeKeys,
    campaigns: vocabulary.campaigns,
    segments: segments
      .filter((s) => s.id !== options.segmentId)
      .map((s) => ({ id: s.id, name: s.name, archived: s.archivedAt !== null })),
  };
}
export type BuilderVocabulary = Awaited<ReturnType<typeof getBuilderVocabulary>>;

/** Products for the behaviour condition's product picker, by SKU or title. */
export async function searchProducts(actor: Actor | null, query: unknown) {
  authorize(actor, 'segments:edit');
  const q = parseInput(z.string().trim().max(100).default(''), query ?? '');
  return (await searchProductRows(db, q, 20)).map((p) => ({
    id: p.id,
    sku: p.sku,
    title: p.title,
    titleZh: p.titleZh,
    brand: p.brand,
  }));
}

/** Titles of the products a stored definition already uses (so the picker shows them without a search). */
export async function productNamesFor(definition: unknown) {
  const parsed = parseSegmentDefinition(definition);
  if (!parsed.ok) return [];
  const names = await loadDefinitionNames(parsed.definition);
  return [...names.products].map(([id, p]) => ({ id, title: p.title, titleZh: p.titleZh }));
}
