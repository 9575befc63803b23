import { db } from '@/lib/db/client';
import { enqueuePortraitJob, PORTRAIT_JOB } from '@/lib/db/portraits/state';
import type { JobHandler } from '../jobs/worker';
import { recomputePortraits } from './recompute';

/** The `portraits` job: a full tag and portrait recompute, with its stage as the progress note. */
export const PORTRAIT_JOB_HANDLERS: Record<string, JobHandler> = {
  [PORTRAIT_JOB]: async ({ signal, progress }) =>
    recomputePortraits({ signal, progress: (fraction, stage) => progress(fraction, stage) }),
};

/**
 * Internal: queue a full recompute because the data changed (an import finished). A recompute already waiting is
 * reused, so several imports in a row share one.
 */
export function queuePortraitRecompute(reason: string) {
  return enqueuePortraitJob(db, { reason });
}
