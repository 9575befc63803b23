import type { AffinityEntry, CustomerAffinity, EventCounts } from './affinity';
import type { CategoryTree } from './category-tree';
import { PRICE_BANDS, type PriceBand } from './price-bands';
import type { Bilingual } from './types';

export type InterestTagOptions = {
  /** at most this many category / brand tags (defaults 3 and 2) */
  maxCategoryTags?: number;
  maxBrandTags?: number;
  /** minimum share of the customer's category (brand) interest for a tag (defaults 0.15 and 0.25) */
  minCategoryShare?: number;
  minBrandShare?: number;
  /** minimum decayed score for any tag, e.g. 3 ≈ three recent views or one purchase (default 3) */
  minScore?: number;
  /** descend from a category to its strongest child while the child holds this share of the parent's score (default 0.6) */
  specificity?: number;
  /** a price-band tag needs this share of the customer's priced events (default 0.6) */
  minPriceBandShare?: number;
  /** also tag "mid-range" shoppers (default false) */
  tagMidRange?: boolean;
  /** a tag is purchase-driven ("likes") when purchases and carts give at least this share of its event weight (default 0.5) */
  purchaseDrivenShare?: number;
};

export type InterestTag = {
  /** stable tag key, e.g. "interest:likes:category:12", "interest:follows:brand:nike", "interest:price:budget" */
  key: string;
  kind: 'category' | 'brand' | 'price-band';
  /** category id, brand name or price band */
  target: number | string;
  driver: 'purchase' | 'browse';
  label: Bilingual;
  score: number;
  share: number;
  explanation: { counts: EventCounts; lastEventAt: number; windowDays: number; text: Bilingual };
};

export type TagContext = { tree: CategoryTree; brands: readonly string[]; weights: EventCounts; lookbackDays: number };

const PRICE_LABELS: Record<PriceBand, Bilingual> = {
  budget: { en: 'bargain hunter', zh: '价格敏感' },
  mid: { en: 'mid-range shopper', zh: '中端消费' },
  premium: { en: 'premium shopper', zh: '偏好高端' },
};
const PRICE_WHAT: Record<PriceBand, Bilingual> = {
  budget: { en: 'budget-priced items (bottom third of their category)', zh: '低价商品（同类价格后三分之一）' },
  mid: { en: 'mid-priced items', zh: '中等价位商品' },
  premium: { en: 'premium-priced items (top third of their category)', zh: '高价商品（同类价格前三分之一）' },
};
const NOUNS: Record<keyof EventCounts, [string, string, string]> = {
  purchase: ['purchase', 'purchases', '购买'],
  cart: ['add to cart', 'adds to cart', '加购'],
  click: ['click', 'clicks', '点击'],
  view: ['view', 'views', '浏览'],
  search: ['search', 'searches', '搜索'],
};

function countsText(counts: EventCounts): Bilingual {
  const parts = (Object.keys(NOUNS) as (keyof EventCounts)[]).filter((t) => counts[t] > 0);
  const en = parts.map((t) => `${counts[t]} ${NOUNS[t][counts[t] === 1 ? 0 : 1]}`);
  const enText = en.length > 1 ? `${en.slice(0, -1).join(', ')} and ${en[en.length - 1]}` : (en[0] ?? 'no events');
  return { en: enText, zh: parts.map((t) => `${NOUNS[t][2]}${counts[t]}次`).join('、') };
}

function driverOf(counts: EventCounts, weights: EventCounts, threshold: number): 'purchase' | 'browse' {
  let strong = 0;
  let all = 0;
  for (const t of Object.keys(NOUNS) as (keyof EventCounts)[]) {
    all += counts[t] * weights[t];
    if (t === 'purchase' || t === 'cart') strong += counts[t] * weights[t];
  }
  return counts.purchase > 0 && strong >= threshold * all ? 'purchase' : 'browse';
}

/**
 * Turns a customer's affinities into labelled interest tags with their explanation.
 *
 * Label templates (English / 中文), from the category's name and nameZh (falling back to the name):
 * | kind       | purchase-driven           | browse-driven           |
 * |------------|---------------------------|-------------------------|
 * | category   | likes {name} / 喜欢{名}   | follows {name} / 关注{名} |
 * | brand      | loves {brand} / 钟爱{品牌} | follows {brand} / 关注{品牌} |
 * | price band | budget: bargain hunter / 价格敏感; premium: premium shopper / 偏好高端; mid: mid-range shopper / 中端消费 |
 *
 * Category tags: for each root category (strongest first) with share ≥ minCategoryShare and score ≥ minScore, the
 * tag goes to the most specific category reached by repeatedly stepping to the strongest child that holds at least
 * `specificity` of its parent's score ("likes running" rather than "likes sports" when running dominates).
 * "Purchase-driven" means purchases and carts carry at least `purchaseDrivenShare` of the tag's (undecayed) event
 * weight and there was at least one purchase.
 *
 * @example
 * computeInterestTags(aff.customers[k], { tree, brands, weights, lookbackDays: 180 })[0];
 * // { key: 'interest:likes:category:3', label: { en: 'likes sports', zh: '喜欢运动' }, driver: 'purchase',
 * //   explanation: { text: { en: '3 purchases and 5 views in Sports in the last 180 days', zh: '近180天在运动：购买3次、浏览5次' }, … } }
 */
export function computeInterestTags(
  aff: CustomerAffinity,
  ctx: TagContext,
  options: InterestTagOptions = {},
): InterestTag[] {
  const {
    maxCategoryTags = 3,
    maxBrandTags = 2,
    minCategoryShare = 0.15,
    minBrandShare = 0.25,
    minScore = 3,
    specificity = 0.6,
    minPriceBandShare = 0.6,
    tagMidRange = false,
    purchaseDrivenShare = 0.5,
  } = options;
  const { tree, brands, weights, lookbackDays } = ctx;
  const tags: InterestTag[] = [];
  const explain = (e: AffinityEntry, where: Bilingual, prep: string) => {
    const c = countsText(e.counts);
    return {
      counts: e.counts,
      lastEventAt: e.lastEventAt,
      windowDays: lookbackDays,
      text: {
        en: `${c.en} ${prep} ${where.en} in the last ${lookbackDays} days`,
        zh: `近${lookbackDays}天${where.zh}：${c.zh}`,
      },
    };
  };
  const byIndex = new Map(aff.categories.map((e) => [e.index, e]));
  for (const root of aff.categories) {
    if (tags.length >= maxCategoryTags) break;
    if (tree.depth[root.index] !== 0 || root.share < minCategoryShare || root.score < minScore) continue;
    let node = root;
    for (;;) {
      let best: AffinityEntry | undefined;
      for (const e of aff.categories)
        if (tree.parent[e.index] === node.index && (!best || e.score > best.score)) best = e;
      if (!best || best.score < specificity * node.score || best.score < minScore) break;
      node = byIndex.get(best.index)!;
    }
    const cat = tree.nodes[node.index]!;
    const zhName = cat.nameZh || cat.name;
    const driver = driverOf(node.counts, weights, purchaseDrivenShare);
    const verb =
      driver === 'purchase' ? { en: 'likes', zh: '喜欢', key: 'likes' } : { en: 'follows', zh: '关注', key: 'follows' };
    tags.push({
      key: `interest:${verb.key}:category:${cat.id}`,
      kind: 'category',
      target: cat.id,
      driver,
      label: { en: `${verb.en} ${cat.name.toLowerCase()}`, zh: `${verb.zh}${zhName}` },
      score: node.score,
      share: node.share,
      explanation: explain(node, { en: cat.name, zh: `在${zhName}` }, 'in'),
    });
  }
  let brandTags = 0;
  for (const e of aff.brands) {
    if (brandTags >= maxBrandTags) break;
    if (e.share < minBrandShare || e.score < minScore) continue;
    const name = brands[e.index]!;
    const driver = driverOf(e.counts, weights, purchaseDrivenShare);
    const verb =
      driver === 'purchase' ? { en: 'loves', zh: '钟爱', key: 'likes' } : { en: 'follows', zh: '关注', key: 'follows' };
    tags.push({
      key: `interest:${verb.key}:brand:${name.toLowerCase()}`,
      kind: 'brand',
      target: name,
      driver,
      label: { en: `${verb.en} ${name}`, zh: `${verb.zh}${name}` },
      score: e.score,
      share: e.share,
      explanation: explain(e, { en: `${name} products`, zh: `${name}品牌` }, 'of'),
    });
    brandTags++;
  }
  const top = aff.priceBands[0];
  if (top && top.share >= minPriceBandShare && top.score >= minScore) {
    const band = PRICE_BANDS[top.index]!;
    if (band !== 'mid' || tagMidRange) {
      tags.push({
        key: `interest:price:${band}`,
        kind: 'price-band',
        target: band,
        driver: driverOf(top.counts, weights, purchaseDrivenShare),
        label: PRICE_LABELS[band],
        score: top.score,
        share: top.share,
        explanation: explain(top, PRICE_WHAT[band], 'of'),
      });
    }
  }
  return tags;
}
