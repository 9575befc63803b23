import 'server-only';
import { z } from 'zod';
import type { JobHandler } from '../jobs/worker';
import { deliverWave } from './delivery';
import { JOB, runAttribution, runWave } from './lifecycle';
import { runSimulation } from './simulation';

const campaignPayload = z.object({ campaignId: z.number().int().positive() });
const wavePayload = campaignPayload.extend({ wave: z.number().int().min(0) });

/** The campaign job types; each is idempotent (assignment skips those assigned, outcomes are replaced, simulations restart). */
export const CAMPAIGN_JOB_HANDLERS: Record<string, JobHandler> = {
  [JOB.launch]: async ({ payload, signal, progress }) =>
    runWave(campaignPayload.parse(payload).campaignId, 0, { signal, progress }),
  [JOB.wave]: async ({ payload, signal, progress }) => {
    const p = wavePayload.parse(payload);
    return runWave(p.campaignId, p.wave, { signal, progress });
  },
  [JOB.attribute]: async ({ payload, signal, progress }) =>
    runAttribution(campaignPayload.parse(payload).campaignId, { signal, progress }),
  [JOB.webhook]: async ({ payload, signal, progress }) => {
    const p = wavePayload.parse(payload);
    return deliverWave(p.campaignId, p.wave, { signal, progress });
  },
  [JOB.simulate]: async ({ payload, signal, progress }) =>
    runSimulation(campaignPayload.parse(payload).campaignId, { signal, progress }),
};
