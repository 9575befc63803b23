import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { enqueueQualityJob, QUALITY_JOB } from '@/lib/db/quality/runs';
import type { JobHandler } from '../jobs/worker';
import { runQualityReport } from './run';

const payload = z.object({ reason: z.string().max(200) });

/** The `data-quality` job: one report, stored under the job's id (a retry resumes the same run). */
export const QUALITY_JOB_HANDLERS: Record<string, JobHandler> = {
  [QUALITY_JOB]: ({ jobId, payload: p, signal, progress }) =>
    runQualityReport({ jobKey: jobId, reason: payload.parse(p).reason }, { signal, progress }),
};

/** Internal: queue a report because the data changed (an import finished); a report already waiting is reused. */
export function queueQualityRun(reason: string) {
  return enqueueQualityJob(db, reason);
}
