/**
 * Segment engine: the meaning of the definition language (lib/schemas/segment.ts) as pure code — the in-memory
 * evaluator (the property tests' oracle), membership explanations, saved-segment inlining, and the columnar index
 * behind live counts. See README.md in this folder.
 */
export type {
  SegmentCategory,
  SegmentCustomer,
  SegmentData,
  SegmentEvent,
  SegmentOrder,
  SegmentOrderLine,
  SegmentProduct,
  SegmentProfile,
  SegmentTag,
} from './types';
export { categoryDescendants, COMPLETED } from './types';
export { evaluateSegment, explainSegment, type EvaluateOptions, type Explanation, type Observed } from './evaluate';
export { describeExplanation, type DescribedExplanation, type ExplainNames } from './explain';
export {
  inlineSegments,
  MAX_INLINED_CONDITIONS,
  referencedSegmentIds,
  SegmentReferenceError,
  type ResolveSegment,
} from './inline';
export { DAY_MS, dayOf, dayStartMs, frequencyRange, windowRange } from './semantics';
export { Bitset } from './columnar/bitset';
export { indexFromData } from './columnar/build';
export { countOnIndex, evaluateOnIndex, membersOnIndex, type IndexEvaluateOptions } from './columnar/evaluate';
export { INDEXED_EVENT_TYPES, SegmentIndex } from './columnar/segment-index';
