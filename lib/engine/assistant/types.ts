import type { SegmentCondition, SegmentDefinition, TimeWindow } from '@/lib/schemas/segment';

/** The shop's words the parser may use, passed in as plain data (the segment builder's vocabulary). */
export type AssistantVocabulary = {
  tags: { key: string; label: string; labelZh: string | null; family: string }[];
  categories: { id: number; name: string; nameZh: string | null }[];
  brands: string[];
  regions: string[];
  cities: string[];
  genders: string[];
};

/** What the offline parser made of a sentence: a definition, or nothing it understood; plus the words it skipped. */
export type ParseSegmentResult =
  | { type: 'ok'; definition: SegmentDefinition; unrecognised: string[] }
  | { type: 'empty'; unrecognised: string[] };

export type EventKind = 'purchase' | 'view' | 'cart' | 'search' | 'click' | 'open' | 'interest' | 'signup';
export type CountOp = 'gte' | 'gt' | 'lte' | 'lt' | 'eq';

/** One recognised piece of the sentence, with its span in the normalised text. */
export type Mention = { start: number; end: number; priority: number } & MentionData;
export type MentionData =
  | { kind: 'neg' }
  | { kind: 'or' }
  | { kind: 'and' }
  | { kind: 'but' }
  | { kind: 'rfm' }
  | { kind: 'verb'; event: EventKind }
  | { kind: 'window'; window: TimeWindow }
  | { kind: 'count'; op: CountOp; value: number; unit: 'times' | 'orders' }
  | { kind: 'money'; metric: 'revenue' | 'aov'; op: CountOp; value: number }
  | { kind: 'object'; filter: { categoryId: number } | { brand: string } }
  | { kind: 'condition'; condition: SegmentCondition; alternatives?: SegmentCondition[] }
  | { kind: 'noise' };
