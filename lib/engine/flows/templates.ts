/** The five ready-made flows (English and Simplified Chinese text); the demo shop gets them disabled. */
import type { FlowDefinition } from '@/lib/schemas/flows';

export type FlowTemplateKey = 'welcome' | 'abandoned_cart' | 'browse_abandonment' | 'win_back' | 'post_purchase';

const common = { maxTriggerAgeHours: 48, frequencyCap: { max: 3, days: 7 }, quietHours: { start: 21, end: 8 } };
const mail = (en: [string, string], zh: [string, string], productCount = 0) => ({
  kind: 'email' as const,
  content: {
    en: { subject: en[0], preheader: '', body: en[1], productCount },
    'zh-CN': { subject: zh[0], preheader: '', body: zh[1], productCount },
  },
});

export const FLOW_TEMPLATES: Record<
  FlowTemplateKey,
  { name: { en: string; 'zh-CN': string }; definition: FlowDefinition }
> = {
  welcome: {
    name: { en: 'Welcome series', 'zh-CN': '欢迎系列' },
    definition: {
      ...common,
      trigger: { type: 'new_customer' },
      reentryDays: 365,
      exitOnPurchase: false,
      holdoutShare: 0.1,
      steps: [
        mail(
          ['Welcome to {{shop_name}}, {{first_name}}', 'Hi {{first_name}},\n\nThank you for joining {{shop_name}}.'],
          ['欢迎来到{{shop_name}}，{{first_name}}', '{{first_name}} 您好：\n\n感谢您加入{{shop_name}}。'],
        ),
        { kind: 'wait', hours: 72 },
        mail(
          ['Picked for you, {{first_name}}', 'Hi {{first_name}},\n\nA few things we think you will like.'],
          ['为您精选，{{first_name}}', '{{first_name}} 您好：\n\n这些商品也许您会喜欢。'],
          3,
        ),
      ],
    },
  },
  abandoned_cart: {
    name: { en: 'Abandoned cart', 'zh-CN': '购物车挽回' },
    definition: {
      ...common,
      trigger: { type: 'cart' },
      reentryDays: 7,
      exitOnPurchase: true,
      holdoutShare: 0.1,
      steps: [
        { kind: 'wait', hours: 4 },
        mail(
          ['{{first_name}}, your cart is waiting', 'Hi {{first_name}},\n\nYou left something in your cart.'],
          ['{{first_name}}，您的购物车还在等您', '{{first_name}} 您好：\n\n您的购物车里还有商品。'],
          3,
        ),
      ],
    },
  },
  browse_abandonment: {
    name: { en: 'Browse abandonment', 'zh-CN': '浏览未购提醒' },
    definition: {
      ...common,
      trigger: { type: 'category_view' },
      reentryDays: 14,
      exitOnPurchase: true,
      holdoutShare: 0.1,
      steps: [
        { kind: 'wait', hours: 24 },
        mail(
          ['Still looking, {{first_name}}?', 'Hi {{first_name}},\n\nHere is more of what you were browsing.'],
          ['还在挑选吗，{{first_name}}？', '{{first_name}} 您好：\n\n这里有更多您浏览过的同类商品。'],
          4,
        ),
      ],
    },
  },
  win_back: {
    name: { en: 'Win-back', 'zh-CN': '流失挽回' },
    definition: {
      ...common,
      trigger: { type: 'lifecycle', stages: ['at-risk'] },
      reentryDays: 90,
      exitOnPurchase: true,
      holdoutShare: 0.2,
      steps: [
        mail(
          ['We miss you, {{first_name}}', 'Hi {{first_name}},\n\nIt has been a while. Here is what is new.'],
          ['好久不见，{{first_name}}', '{{first_name}} 您好：\n\n好久不见，看看我们的新品吧。'],
          3,
        ),
        { kind: 'wait', hours: 168 },
        { kind: 'condition', test: { type: 'lifecycle', stages: ['at-risk', 'churned'] } },
        mail(
          ['A last note from {{shop_name}}', 'Hi {{first_name}},\n\nWe would love to see you again.'],
          ['来自{{shop_name}}的问候', '{{first_name}} 您好：\n\n期待再次为您服务。'],
        ),
      ],
    },
  },
  post_purchase: {
    name: { en: 'Post-purchase', 'zh-CN': '购后关怀' },
    definition: {
      ...common,
      trigger: { type: 'purchase' },
      reentryDays: 30,
      exitOnPurchase: false,
      holdoutShare: 0.1,
      steps: [
        { kind: 'wait', hours: 72 },
        mail(
          [
            'How is your order, {{first_name}}?',
            'Hi {{first_name}},\n\nThank you for your order. Tell us how it went.',
          ],
          ['{{first_name}}，订单还满意吗？', '{{first_name}} 您好：\n\n感谢您的订购，欢迎告诉我们您的体验。'],
        ),
      ],
    },
  },
};

export function flowTemplate(key: FlowTemplateKey) {
  return FLOW_TEMPLATES[key];
}
