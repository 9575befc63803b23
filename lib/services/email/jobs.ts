import 'server-only';
import { z } from 'zod';
import type { JobHandler } from '../jobs/worker';
import { JOB } from '../campaigns/lifecycle';
import { sendWaveEmails } from './send';

const payload = z.object({ campaignId: z.number().int().positive(), wave: z.number().int().min(0) });

/** Sending resumes where it stopped: each recipient's row says whether their e-mail went out. */
export const EMAIL_JOB_HANDLERS: Record<string, JobHandler> = {
  [JOB.email]: async ({ payload: p, signal, progress }) => {
    const { campaignId, wave } = payload.parse(p);
    return sendWaveEmails(campaignId, wave, { signal, progress });
  },
};
