import { z } from 'zod';

/** The read-only functions "Ask the data" may call, their arguments (validated) and what they are for. */
export const ASK_PERIODS = [7, 30, 90, 365] as const;
export const ASK_METRICS = ['revenue', 'orders', 'buyers', 'aov', 'newCustomers', 'conversion'] as const;

const days = z.union(
  ASK_PERIODS.map((d) => z.literal(d)) as [z.ZodLiteral<7>, z.ZodLiteral<30>, z.ZodLiteral<90>, z.ZodLiteral<365>],
);
export const ASK_ARGUMENTS = {
  kpi: z.object({ metric: z.enum(ASK_METRICS), days }).strict(),
  top_categories: z.object({ days, limit: z.number().int().min(1).max(10).default(5) }).strict(),
  segment_count: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  list_segments: z.object({}).strict(),
} as const;
export type AskFunction = keyof typeof ASK_ARGUMENTS;
export type AskCall = {
  [K in AskFunction]: { name: K; args: z.infer<(typeof ASK_ARGUMENTS)[K]> };
}[AskFunction];

/** The functions as chat-completions `tools` (JSON schema parameters), for a model to call. */
export const ASK_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'kpi',
      description:
        'One shop KPI over the last N days up to the newest data (revenue, orders, buyers, average order value, new customers, session conversion).',
      parameters: {
        type: 'object',
        properties: { metric: { type: 'string', enum: ASK_METRICS }, days: { type: 'integer', enum: ASK_PERIODS } },
        required: ['metric', 'days'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'top_categories',
      description: 'The top-level product categories by revenue over the last N days.',
      parameters: {
        type: 'object',
        properties: {
          days: { type: 'integer', enum: ASK_PERIODS },
          limit: { type: 'integer', minimum: 1, maximum: 10 },
        },
        required: ['days'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'segment_count',
      description: 'How many customers are in the saved segment with this name (or the closest name).',
      parameters: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'list_segments',
      description: 'The names of the saved segments.',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
    },
  },
] as const;

/** A function call's arguments checked against its schema; null for an unknown function or bad arguments. */
export function checkAskCall(name: string, args: unknown): AskCall | null {
  if (!(name in ASK_ARGUMENTS)) return null;
  const parsed = ASK_ARGUMENTS[name as AskFunction].safeParse(args);
  return parsed.success ? ({ name, args: parsed.data } as AskCall) : null;
}

const METRIC_WORDS: [(typeof ASK_METRICS)[number], RegExp][] = [
  ['aov', /average order value|\baov\b|basket size|客单价|平均订单/],
  ['newCustomers', /new customers?|new sign-?ups?|新客户?|新增客户|新用户/],
  ['conversion', /conversion|转化率/],
  ['buyers', /\bbuyers\b|\bshoppers\b|how many (?:customers|people) (?:bought|ordered)|购买人数|买家|下单人数/],
  ['orders', /\borders?\b|订单/],
  ['revenue', /revenue|\bsales\b|turnover|\bgmv\b|销售额|营收|收入|成交额/],
];
const TOP_CATEGORIES =
  /(?:top|best[- ]selling|biggest|leading) (?:product )?categor|categor(?:y|ies) (?:sell|sold) best|热门类目|类目排[行名]|卖得最好的类目|销量最高的类目|top ?类目/;
const LIST_SEGMENTS =
  /(?:which|what|list(?: the| all)?|show(?: me)?(?: the| all)?) segments|有哪些分群|分群列表|所有分群/;
const SEGMENT_COUNT = [
  /how many (?:customers|people|members)? ?(?:are )?(?:there )?in (?:the )?(?:segment )?["“]?(.+?)["”]?(?: segment)?\??$/,
  /(?:size of|count of) (?:the )?(?:segment )?["“]?(.+?)["”]?(?: segment)?\??$/,
  /^(?:分群)?[「“"]?(.+?)[」”"]?(?:分群|这个分群)?(?:里|中)?(?:有)?多少(?:人|客户|个客户)/,
];

/** The period a question names (last 7/30/90/365 days, this week/month/year, 最近N天…); 30 when it names none. */
function periodOf(q: string): (typeof ASK_PERIODS)[number] | null {
  const n = /(?:last|past|previous) (\d+) days|最近 ?(\d+) ?天|近 ?(\d+) ?天|过去 ?(\d+) ?天/.exec(q);
  if (n) {
    const d = Number(n[1] ?? n[2] ?? n[3] ?? n[4]);
    return (ASK_PERIODS as readonly number[]).includes(d) ? (d as (typeof ASK_PERIODS)[number]) : null;
  }
  if (/(?:this|last|past) week|本周|这周|最近一周|近一周/.test(q)) return 7;
  if (/(?:this|last|past) year|今年|最近一年|近一年|过去一年/.test(q)) return 365;
  if (/(?:this|last|past) quarter|本季度|最近三个月|近三个月/.test(q)) return 90;
  return 30;
}

/**
 * The offline reading of a question (English or Chinese): the same functions a model would call, found by fixed
 * rules — a KPI over a period, the top categories, a segment's size, the list of segments. Null when the rules do not
 * recognise the question (the page then says so and shows questions they do answer).
 * @example
 * offlineAskCall('revenue in the last 90 days') // { name: 'kpi', args: { metric: 'revenue', days: 90 } }
 * offlineAskCall('最近7天的订单数') // { name: 'kpi', args: { metric: 'orders', days: 7 } }
 */
export function offlineAskCall(question: string): AskCall | null {
  const q = question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (LIST_SEGMENTS.test(q)) return { name: 'list_segments', args: {} };
  for (const re of SEGMENT_COUNT) {
    const m = re.exec(q);
    if (m?.[1]) return { name: 'segment_count', args: { name: m[1].trim() } };
  }
  const days = periodOf(q);
  if (days === null) return null;
  if (TOP_CATEGORIES.test(q)) return { name: 'top_categories', args: { days, limit: 5 } };
  const metric = METRIC_WORDS.find(([, re]) => re.test(q))?.[0];
  return metric ? { name: 'kpi', args: { metric, days } } : null;
}
