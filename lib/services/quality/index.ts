/** The data-quality report: completeness, validity, duplicates and freshness of the shop's data, per run. */
export { QUALITY_JOB_HANDLERS, queueQualityRun } from './jobs';
export { getQualityReport, type QualityReport, requestQualityRun } from './report';
export { runQualityReport } from './run';
