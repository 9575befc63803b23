// Cleaning steps that make one spelling of a thing: category paths, brands, event types, order statuses.

const CATEGORY_SEPARATORS = /\s*(?:>>|›|»|>|\/|\||\\|→)\s*/;

/**
 * Canonical category path text: segments split on `>` `>>` `/` `›` `|` `\`, whitespace collapsed, joined by ` > `.
 * Strips the `["…"]` wrapper some exports (Flipkart) put around a path. Null when empty.
 * @example normaliseCategoryPath(' sports/running ›  shoes ') // 'sports > running > shoes'
 */
export function normaliseCategoryPath(text: string): string | null {
  let s = text.normalize('NFKC').trim();
  const wrapped = /^\[\s*"(.*)"\s*\]$/s.exec(s);
  if (wrapped) s = wrapped[1]!;
  const segments = s
    .split(CATEGORY_SEPARATORS)
    .map((seg) => seg.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return segments.length ? segments.join(' > ') : null;
}

export function categorySegments(path: string) {
  return path.split(' > ');
}

/**
 * Folds spellings that differ only in case, whitespace or full-width forms onto the first spelling seen — seeded
 * with the spellings already in the database, so a new file adopts the shop's existing spelling.
 */
export class SpellingFolder {
  private readonly canonical = new Map<string, string>();

  static key(text: string) {
    return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  }

  /** Registers an existing spelling (from the database) without counting anything. */
  seed(spelling: string) {
    const k = SpellingFolder.key(spelling);
    if (!this.canonical.has(k)) this.canonical.set(k, spelling);
  }

  /** The canonical spelling for `text` (the first seen), registering it when new. */
  fold(text: string): string {
    const k = SpellingFolder.key(text);
    const known = this.canonical.get(k);
    if (known !== undefined) return known;
    const spelling = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
    this.canonical.set(k, spelling);
    return spelling;
  }
}

export const EVENT_TYPES = ['view', 'search', 'cart', 'purchase', 'click', 'exposure', 'open', 'feedback'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const EVENT_SYNONYMS: Record<string, EventType> = {};
const add = (t: EventType, words: string[]) => {
  for (const w of [t, ...words]) EVENT_SYNONYMS[w] = t;
};
add('view', [
  'pageview',
  'page_view',
  'pv',
  'product_view',
  'view_item',
  'viewitem',
  'detail',
  'detail_view',
  'visit',
  'browse',
  'impression_product',
  '浏览',
  '查看',
  '访问',
  '点击商品详情',
]);
add('search', ['search_query', 'query', 'searched', '搜索', '查询']);
add('cart', [
  'add_to_cart',
  'addtocart',
  'add-to-cart',
  'add_cart',
  'cart_add',
  'basket',
  'add_to_basket',
  'addtobasket',
  'added_to_cart',
  '加购',
  '加入购物车',
  '加车',
  '购物车',
]);
add('purchase', [
  'buy',
  'order',
  'transaction',
  'checkout',
  'checkout_complete',
  'purchased',
  'conversion',
  'paid',
  'payment',
  '购买',
  '下单',
  '支付',
  '成交',
]);
add('click', ['clicked', 'tap', 'link_click', 'email_click', 'click_through', '点击']);
add('exposure', [
  'impression',
  'impressions',
  'exposed',
  'shown',
  'campaign_exposure',
  'sent',
  'delivered',
  '曝光',
  '展示',
  '触达',
]);
add('open', ['opened', 'email_open', 'mail_open', 'open_email', '打开', '打开邮件']);
add('feedback', ['rating', 'review', 'rate', 'survey', 'nps', 'like', 'dislike', '评价', '评分', '反馈', '点评']);

/** The canonical event type for a label (synonyms in English and Chinese), or null. */
export function normaliseEventType(text: string): EventType | null {
  const direct = EVENT_SYNONYMS[text];
  if (direct) return direct;
  const k = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return EVENT_SYNONYMS[k] ?? EVENT_SYNONYMS[k.replaceAll('_', '')] ?? null;
}

export const ORDER_STATUSES = ['completed', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const STATUS: Record<string, OrderStatus> = {
  completed: 'completed',
  complete: 'completed',
  paid: 'completed',
  shipped: 'completed',
  delivered: 'completed',
  fulfilled: 'completed',
  closed: 'completed',
  success: 'completed',
  invoiced: 'completed',
  已完成: 'completed',
  完成: 'completed',
  已支付: 'completed',
  已付款: 'completed',
  已发货: 'completed',
  已签收: 'completed',
  交易成功: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  cancel: 'cancelled',
  void: 'cancelled',
  voided: 'cancelled',
  failed: 'cancelled',
  已取消: 'cancelled',
  取消: 'cancelled',
  交易关闭: 'cancelled',
  returned: 'returned',
  return: 'returned',
  refunded: 'returned',
  refund: 'returned',
  已退货: 'returned',
  退货: 'returned',
  已退款: 'returned',
  退款: 'returned',
};

export function normaliseOrderStatus(text: string): OrderStatus | null {
  return STATUS[text.trim().toLowerCase()] ?? null;
}
