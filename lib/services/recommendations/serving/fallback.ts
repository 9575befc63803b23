/**
 * The model served before any training: trending popularity and "bought together" item-kNN computed from the
 * database on first use, with content similarity for similar items and cold-start profiles. No file, no version.
 */
import type { CatalogueCategory, CatalogueProduct } from '@/lib/db/recommendations/catalogue';
import type { InteractionSource } from '@/lib/db/recommendations/source';
import type { BundleMeta } from '../artifact';
import { buildShopData } from '../data';
import { latestTime } from '@/lib/engine/recommendation/histories';
import { csrBuffers } from '@/lib/engine/recommendation/models/neighbours';
import type { Fitted } from '@/lib/engine/recommendation/models/types';
import type { RecommendSettings } from '../settings-schema';
import { coocNeighbours, partTools } from '@/lib/engine/recommendation/models/training-parts';
import { sharedBuffers } from '../training-data';
import { buildBundle, type Bundle } from './bundle';
import { fitContent } from '@/lib/engine/recommendation/content';
import { itemAttributes } from '../data';

/** Above this many interactions the fallback skips item-kNN (it is computed in the web process). */
const MAX_COOC_INTERACTIONS = 2_000_000;

export function fallbackBundle(
  source: InteractionSource,
  catalogue: { products: CatalogueProduct[]; categories: CatalogueCategory[] },
  settings: RecommendSettings,
): Bundle {
  const shop = buildShopData(source, catalogue.products, settings);
  const itemCategory = Int32Array.from(shop.products, (p) => p.categoryId);
  const content = fitContent(shop.products.map(itemAttributes), { weights: settings.contentWeights });
  const tools = partTools(settings, itemCategory, () => content);
  const all = { data: shop.interactions, kinds: shop.kinds };
  const n = shop.interactions.users.length;
  const cooc =
    n > 0 && n <= MAX_COOC_INTERACTIONS
      ? coocNeighbours(shop.interactions)
      : {
          nRows: shop.itemIds.length,
          nCols: shop.itemIds.length,
          rowPtr: new Int32Array(shop.itemIds.length + 1),
          colIdx: new Int32Array(0),
          values: new Float32Array(0),
        };
  const withCooc = cooc.colIdx.length > 0;
  const components: Fitted[] = [
    ...(withCooc ? [{ buffers: csrBuffers(cooc, 'nb'), params: { k: 50, shrink: 10 } }] : []),
    { buffers: {}, params: {} },
  ];
  const meta: BundleMeta = {
    run: { id: 0, model: 'popularity', version: 0 },
    createdAt: Date.now(),
    watermark: shop.watermark,
    tRef: n > 0 ? latestTime(shop.interactions) : Date.now(),
    settings: {
      eventWeights: settings.eventWeights,
      halfLifeDays: settings.halfLifeDays,
      trendingHalfLifeDays: settings.trendingHalfLifeDays,
    },
    contentWeights: settings.contentWeights,
    components: [
      ...(withCooc ? [{ kind: 'item-knn' as const, weight: 1, params: components[0]!.params }] : []),
      { kind: 'popularity' as const, weight: 0.25, params: {} },
    ],
    precomputedN: 0,
  };
  return buildBundle(
    { meta, shared: sharedBuffers(shop, all, tools.sharedOf(all), cooc), components },
    catalogue,
    settings,
  );
}
