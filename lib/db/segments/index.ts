/**
 * Segment data access: the compiled query (one SQL for counts, member pages, exports, audiences and membership) on
 * SQLite and PostgreSQL, explanations, and the columnar index store behind live counts. See README.md here.
 */
export { buildSegmentQuery, compileSegment, type CompileOptions, type SegmentQueryParts } from './compile';
export {
  countSegment,
  isMember,
  listSegmentMembers,
  reachableSql,
  streamSegmentMembers,
  type ChannelCounts,
  type MemberPageOptions,
  type SegmentCount,
  type SegmentMember,
  type SegmentQueryOptions,
} from './queries';
export { explainMembership, type MembershipExplanation } from './explain';
export { loadSegmentResolver } from './resolve';
export { getSegmentVocabulary, type SegmentVocabulary } from './vocabulary';
export {
  SegmentIndexStore,
  segmentIndexStore,
  type IndexStatus,
  type LiveCount,
  type SegmentIndexStoreOptions,
} from './index-store';
export {
  buildSegmentIndex,
  refreshSegmentIndex,
  type IndexCursor,
  type LoadStats,
  type RefreshStats,
} from './index-loader';
export { execute, queryAll, queryBatches, queryRows } from './runner';
export { escapeLike, SqlBuilder, type SqlDialect } from './sql';
// Saved segments (Segment, SegmentSnapshot) and the reads around them for the segment pages.
export {
  campaignNames,
  categoryTree,
  countLiveCustomers,
  customerCards,
  findCustomerRef,
  productTitles,
  searchProductRows,
  tagLabels,
  type CustomerCard,
} from './lookups';
export {
  createLookalikeTag,
  loadPortraitVectors,
  tagKeyExists,
  type LookalikeTag,
  type PortraitVectors,
} from './lookalike';
export {
  activeCampaignsUsing,
  countArchived,
  createSegmentRow,
  findSegmentRow,
  insertSnapshot,
  latestSnapshots,
  listSegmentChoices,
  segmentIdsWithSnapshotAt,
  listSegmentRows,
  segmentNames,
  segmentsReferencing,
  setArchived,
  snapshotsSince,
  updateSegmentRow,
  type NewSegment,
  type SegmentRow,
  type SnapshotRow,
  type Tx,
} from './records';
