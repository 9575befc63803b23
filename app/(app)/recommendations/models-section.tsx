'use client';
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { RunsTable } from './runs-table';
import { TrainPanel } from './train-panel';
import type { ProgressDto, RunDto } from './types';
import { useTrainingProgress } from './use-training-progress';

/** Training (admins), the comparison chart and the table of model versions, sharing one live progress poll. */
export function ModelsSection({
  runs,
  progress,
  canManage,
  canReadFairness,
  chart,
}: {
  runs: RunDto[];
  progress: ProgressDto[];
  canManage: boolean;
  canReadFairness: boolean;
  chart: ReactNode;
}) {
  const { t } = useI18n();
  const { active, restart } = useTrainingProgress(progress);
  return (
    <>
      <div className="grid gap-6 xl:grid-cols-3">
        {canManage && (
          <section className="card p-4">
            <h2 className="mb-3 font-semibold">{t('recommendations.train.title')}</h2>
            <TrainPanel onStarted={restart} active={active} />
          </section>
        )}
        <section className={`card p-4 ${canManage ? 'xl:col-span-2' : 'xl:col-span-3'}`}>{chart}</section>
      </div>
      <section className="card mt-6">
        <h2 className="px-4 pt-4 font-semibold">{t('recommendations.runs.title')}</h2>
        <RunsTable runs={runs} progress={active} canManage={canManage} canReadFairness={canReadFairness} />
      </section>
    </>
  );
}
