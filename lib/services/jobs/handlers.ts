import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { runImport } from '@/lib/services/imports/run-import';
import { CAMPAIGN_JOB_HANDLERS } from '@/lib/services/campaigns/jobs';
import { EMAIL_JOB_HANDLERS } from '@/lib/services/email/jobs';
import { FLOW_JOB_HANDLERS } from '@/lib/services/flows/jobs';
import { PORTRAIT_JOB_HANDLERS, queuePortraitRecompute } from '@/lib/services/portraits/jobs';
import { QUALITY_JOB_HANDLERS, queueQualityRun } from '@/lib/services/quality/jobs';
import { SEGMENT_JOB_HANDLERS, withSegmentSnapshots } from '@/lib/services/segments/snapshots';
import { trainRecommenderJob } from '@/lib/services/recommendations/runs';
import { BULK_JOB, runBulkErasure } from '@/lib/services/erasure/bulk';
import { RETRAIN_JOB, retrainAfterErasure } from '@/lib/services/erasure/retrain';
import { PARTITIONS_JOB, queueEventPartitions, runEventPartitions } from '@/lib/services/events/partitions';
import type { JobHandler } from './worker';

const importPayload = z.object({ importId: z.string() });

/** Every job type the worker runs. Handlers are idempotent: a re-run after a crash resumes, never duplicates. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  ...CAMPAIGN_JOB_HANDLERS,
  ...EMAIL_JOB_HANDLERS,
  ...FLOW_JOB_HANDLERS,
  ...withSegmentSnapshots(PORTRAIT_JOB_HANDLERS), // a recompute changes segment sizes: snapshot them after it
  ...SEGMENT_JOB_HANDLERS,
  ...QUALITY_JOB_HANDLERS,
  [BULK_JOB]: ({ payload, signal, progress }) => runBulkErasure(payload, { signal, progress }),
  [RETRAIN_JOB]: () => retrainAfterErasure(),
  [PARTITIONS_JOB]: () => runEventPartitions(),
  'train-recommender': ({ payload, signal, progress }) => trainRecommenderJob(payload, { signal, progress }),
  import: async ({ payload, signal, progress }) => {
    const { importId } = importPayload.parse(payload);
    const summary = await runImport(importId, {
      signal,
      onProgress: (p) => progress(p.totalBytes ? p.bytesRead / p.totalBytes : 0, `${p.rowsRead} rows`),
    });
    // A file that cannot be imported (missing columns, unreadable encoding…) is already recorded on the import with
    // its reason; the job fails without retrying, since running it again would fail the same way.
    if (summary.status === 'failed')
      throw new AppError('INVALID_INPUT', 'errors.imports.failed', { detail: summary.error ?? '' });
    if (summary.status === 'completed') {
      await queuePortraitRecompute(`import:${importId}`);
      await queueQualityRun(`import:${importId}`);
      await queueEventPartitions(new Date(), `import:${importId}`);
    }
    return summary as object;
  },
};
