/**
 * Segment data access: the compiled query (one SQL for counts, member pages, exports, audiences and membership) on
 * SQLite and PostgreSQL, explanations, and the columnar index store behind live counts. See README.md here.
 */
export { buildSegmentQuery, compileSegment, type CompileOptions, type SegmentQueryParts } from './compile';
export { countSegment, isMember, listSegmentMembers, reachableSql, streamSegmentMembers, type ChannelCounts, type MemberPageOptions, type SegmentCount, type SegmentMember, type SegmentQueryOptions } from './queries';
export { explainMembership, type MembershipExplanation } from './explain';
export { loadSegmentResolver } from './resolve';
export { getSegmentVocabulary, type SegmentVocabulary } from './vocabulary';
export { SegmentIndexStore, segmentIndexStore, type IndexStatus, type LiveCount, type SegmentIndexStoreOptions } from './index-store';
export { buildSegmentIndex, refreshSegmentIndex, type IndexCursor, type LoadStats, type RefreshStats } from './index-loader';
export { execute, queryAll, queryBatches, queryRows } from './runner';
export { escapeLike, SqlBuilder, type SqlDialect } from './sql';
