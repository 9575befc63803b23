import type { BehaviourFilter, Frequency, SegmentCondition, SegmentNode, TimeWindow } from '@/lib/schemas/segment';
import { clauseConditions, frequencyOf, negate, type Clause } from './conditions';
import { dictionaryFor } from './dictionary';
import { normalizeText } from './normalize';
import { scanMentions, uncovered } from './scan';
import type { AssistantVocabulary, CountOp, Mention, ParseSegmentResult } from './types';
import { groupItems, type Item } from './group-items';

const NEGATED_COUNT: Record<CountOp, 'lt' | 'lte' | 'gt' | 'gte' | 'neq'> = {
  gte: 'lt',
  gt: 'lte',
  lte: 'gt',
  lt: 'gte',
  eq: 'neq',
};

type OpenClause = Clause & { connector: 'and' | 'or'; afterBut: boolean };

/** Walks the mentions left to right, keeping the open verb clause, a pending negation, window and connector. */
function buildItems(mentions: Mention[], tagKeys: Set<string>): Item[] {
  const items: Item[] = [];
  let connector: 'and' | 'or' = 'and';
  let neg = false;
  let rfm = false;
  let contrast = false;
  let clause: OpenClause | null = null;
  let previous: Clause | null = null;
  let pendingWindow: TimeWindow | undefined;
  let pendingFrequency: Frequency | undefined;
  let orphans: { filter: BehaviourFilter; connector: 'and' | 'or'; negated: boolean }[] = [];
  let lastOrders: Extract<SegmentCondition, { type: 'orders' }> | null = null;

  const push = (node: SegmentNode, c: 'and' | 'or') => items.push({ node, connector: items.length ? c : 'and' });
  const closeClause = () => {
    if (!clause) return;
    const carries = previous && previous.event !== 'interest' && previous.event !== 'signup';
    if (clause.objects.length === 0 && clause.negated && clause.afterBut && carries && previous?.objects.length) {
      clause.objects = previous.objects;
      clause.window ??= previous.window;
    }
    for (const [k, c] of clauseConditions(clause, tagKeys).entries())
      push(c.node, k === 0 ? clause.connector : (c.connector ?? 'and'));
    previous = clause;
    clause = null;
  };
  const flushOrphans = () => {
    for (const o of orphans)
      for (const c of clauseConditions({ event: 'interest', negated: o.negated, objects: [o] }, tagKeys))
        push(c.node, o.connector);
    orphans = [];
  };
  const takeConnector = () => {
    const c = connector;
    connector = 'and';
    return c;
  };

  for (const m of mentions) {
    switch (m.kind) {
      case 'neg':
        neg = true;
        break;
      case 'or':
        connector = 'or';
        break;
      case 'but':
        contrast = true;
        break;
      case 'rfm':
        rfm = true;
        break;
      case 'window':
        if (clause && !clause.window) clause.window = m.window;
        else if (!clause && lastOrders && !lastOrders.window && items.at(-1)?.node === lastOrders)
          lastOrders.window = m.window;
        else pendingWindow = m.window;
        break;
      case 'count':
      case 'money': {
        const isTimes = m.kind === 'count' && m.unit === 'times';
        if (isTimes && clause && !clause.frequency) {
          clause.frequency = frequencyOf(m.op, m.value);
          break;
        }
        if (isTimes) {
          pendingFrequency = frequencyOf(m.op, m.value);
          break;
        }
        let window = pendingWindow;
        const c0 = clause as OpenClause | null;
        if (c0 && c0.event === 'purchase' && c0.objects.length === 0) {
          neg ||= c0.negated;
          window ??= c0.window;
          connector = c0.connector;
          clause = null;
        }
        closeClause();
        flushOrphans();
        const op = neg ? NEGATED_COUNT[m.op] : m.op;
        lastOrders = {
          type: 'orders',
          metric: m.kind === 'money' ? m.metric : 'count',
          op,
          value: m.value,
          ...(window ? { window } : {}),
        };
        push(lastOrders, takeConnector());
        neg = false;
        pendingWindow = undefined;
        break;
      }
      case 'verb':
        closeClause();
        clause = {
          event: m.event,
          negated: neg,
          objects: orphans.map((o) => ({ filter: o.filter, connector: o.connector })),
          window: pendingWindow,
          frequency: pendingFrequency,
          connector: orphans[0]?.connector ?? takeConnector(),
          afterBut: contrast,
        };
        contrast = false;
        if (orphans.length) connector = 'and';
        orphans = [];
        neg = false;
        pendingWindow = undefined;
        pendingFrequency = undefined;
        break;
      case 'object':
        if (clause) {
          const c = takeConnector();
          if (clause.objects.length === 0 && c === 'or') clause.connector = 'or';
          clause.objects.push({ filter: m.filter, connector: c });
          if (neg && clause.objects.length === 1) clause.negated = true;
        } else orphans.push({ filter: m.filter, connector: takeConnector(), negated: neg });
        neg = false;
        break;
      case 'condition': {
        closeClause();
        flushOrphans();
        const chosen =
          (rfm && m.alternatives?.find((a) => a.type === 'profile' && a.field === 'rfmGroup')) || m.condition;
        push(neg ? negate(chosen) : chosen, takeConnector());
        neg = false;
        rfm = false;
        break;
      }
      default:
        break;
    }
  }
  closeClause();
  flushOrphans();
  return items;
}

/**
 * The offline text → segment parser (English and Chinese): finds the shop's words (tags by label, categories, brands,
 * places, genders), portrait groups, consent, verbs with their time windows and counts, negation and and/or, and
 * builds a segment definition of the builder's language. OR binds tighter than AND ("A and B or C" = A ∧ (B ∨ C)).
 * Deterministic and pure; the result still has to pass the builder's schema (the caller checks it).
 * @example
 * parseSegmentText('women in Shanghai who haven't bought in 60 days', vocab)
 * // { type: 'ok', definition: { type: 'group', op: 'and', children: [gender = female, city = Shanghai,
 * //   { type: 'behaviour', op: 'did_not', event: 'purchase', window: { type: 'last_days', days: 60 } }] }, … }
 */
export function parseSegmentText(text: string, vocab: AssistantVocabulary): ParseSegmentResult {
  if (typeof text !== 'string') throw new RangeError('parseSegmentText: text must be a string');
  const normal = normalizeText(text.slice(0, 1000));
  const mentions = scanMentions(normal, vocab);
  const items = buildItems(mentions, dictionaryFor(vocab).tagKeys);
  const unrecognised = uncovered(normal, mentions);
  if (items.length === 0) return { type: 'empty', unrecognised };
  return { type: 'ok', definition: groupItems(items), unrecognised };
}
