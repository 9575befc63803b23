/**
 * Storage of saved segments (Segment, SegmentSnapshot) and the reads around them for the segment pages. The segment
 * language itself — compiler, queries, explanations, columnar index — lives in ../segments.
 */
export { campaignNames, categoryTree, countLiveCustomers, customerCards, findCustomerRef, productTitles, searchProductRows, tagLabels, type CustomerCard } from './lookups';
export { createLookalikeTag, loadPortraitVectors, tagKeyExists, type LookalikeTag, type PortraitVectors } from './lookalike';
export {
  activeCampaignsUsing, countArchived, createSegmentRow, findSegmentRow, insertSnapshot, latestSnapshots, listSegmentChoices, segmentIdsWithSnapshotAt, listSegmentRows, segmentNames, segmentsReferencing, setArchived, snapshotsSince, updateSegmentRow,
  type NewSegment, type SegmentRow, type SnapshotRow, type Tx,
} from './segments';
