/**
 * Segments in the product: saved segments (CRUD, duplicate, archive), the builder's live count and vocabulary,
 * members and "why is this customer in?", CSV export, lookalike expansion and size snapshots. See README.md.
 */
export type { DefinitionIssue } from './common';
export { describeDefinition, describeCondition, type DescribedNode } from './describe';
export { EXPORT_HEADER, exportSegmentCsv } from './export';
export { LOOKALIKE_MAX, previewLookalikes, saveLookalikeSegment, type LookalikePreview } from './lookalike';
export {
  explainMember,
  findCustomerForWhy,
  listMembers,
  MEMBER_PAGE_SIZE,
  type MemberExplanation,
  type WhyNode,
} from './members';
export { previewSegment, type Preview } from './preview';
export {
  archiveSegment,
  createSegment,
  duplicateSegment,
  getSegment,
  getSegmentForEdit,
  listSegments,
  restoreSegment,
  updateSegment,
  type SegmentDetail,
  type SegmentList,
} from './segments';
export {
  queueSegmentSnapshots,
  recordSnapshot,
  SEGMENT_JOB_HANDLERS,
  snapshotAllSegments,
  withSegmentSnapshots,
} from './snapshots';
export { getBuilderVocabulary, productNamesFor, searchProducts, type BuilderVocabulary } from './vocabulary';
