import 'server-only';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { withTransaction } from '@/lib/db/transaction';
import { enqueuePortraitJob, latestPortraitJob } from '@/lib/db/portraits/state';
import { getSettingRow, getSettingValue, putSettingValue } from '@/lib/db/settings';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { MODEL_KEY, parseModelState, SETTINGS_KEY } from './model-state';
import { CHURN_BANDS, CLV_BAND_QUANTILES, parsePortraitSettings, portraitSettingsSchema } from './settings';

function jobView(job: Awaited<ReturnType<typeof latestPortraitJob>>) {
  if (!job) return null;
  return {
    id: job.id,
    state: job.state,
    progress: job.progress,
    stage: job.progressNote,
    error: job.lastError,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * The portrait models page: the shop-wide RFM grid, the BG/NBD calibration check and fitted parameters, the churn
 * model's validation, the tag settings and the state of the recompute job. Everyone who may view customers may read
 * it; only admins (settings:manage) may change settings or start a recompute (`canManage`).
 */
export async function getPortraitModels(actor: Actor | null) {
  const user = authorize(actor, 'customers:view');
  const [model, settingsRow, job] = await Promise.all([
    getSettingValue(db, MODEL_KEY).then(parseModelState),
    getSettingRow(db, SETTINGS_KEY),
    latestPortraitJob(db),
  ]);
  return {
    model,
    settings: parsePortraitSettings(settingsRow?.value),
    settingsUpdatedAt: settingsRow?.updatedAt ?? null,
    bands: { churn: CHURN_BANDS, clvQuantiles: CLV_BAND_QUANTILES },
    job: jobView(job),
    canManage: can(user.role, 'settings:manage'),
  };
}
export type PortraitModels = Awaited<ReturnType<typeof getPortraitModels>>;

/** The recompute job's state, for the progress bar. */
export async function getPortraitJobStatus(actor: Actor | null) {
  authorize(actor, 'customers:view');
  return jobView(await latestPortraitJob(db));
}

/** Starts a full recompute now (admins). A recompute already waiting is reused. */
export async function requestPortraitRecompute(actor: Actor | null) {
  const admin = authorize(actor, 'settings:manage');
  const job = await enqueuePortraitJob(db, { reason: 'manual', requestedBy: admin.userId });
  await writeAudit(db, {
    actorType: 'user',
    actorId: admin.userId,
    action: 'portraits.recompute',
    targetType: 'job',
    targetId: job.id,
  });
  return { jobId: job.id };
}

/** Saves the tag settings (half-life, look-back, event weights, lifecycle windows, churn horizon) and recomputes. */
export async function savePortraitSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const settings = parseInput(portraitSettingsSchema, input);
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, SETTINGS_KEY, settings);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'portraits.settings',
      targetType: 'setting',
      targetId: SETTINGS_KEY,
      details: settings,
    });
  });
  const job = await enqueuePortraitJob(db, { reason: 'settings', requestedBy: admin.userId });
  return { settings, jobId: job.id };
}
