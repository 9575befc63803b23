import 'server-only';
import { db } from '@/lib/db/client';
import { enabledFlows } from '@/lib/db/flows';
import type { JobHandler } from '../jobs/worker';
import { FLOW_JOB, FLOW_TICK_MS, queueFlowRun } from './flows';
import { runFlows } from './run';

/** The flow job runs every enabled flow once, then queues itself for the next minute while any flow is enabled. */
export const FLOW_JOB_HANDLERS: Record<string, JobHandler> = {
  [FLOW_JOB]: async ({ signal }) => {
    const stats = await runFlows({ signal });
    if ((await enabledFlows(db)).length) await queueFlowRun(new Date(Date.now() + FLOW_TICK_MS));
    return stats;
  },
};
