'use client';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';

const ACTION_KEY: Record<string, string> = {
  'campaign.create': 'create',
  'campaign.update': 'update',
  'campaign.delete': 'delete',
  'campaign.schedule': 'schedule',
  'campaign.launch.request': 'launchRequest',
  'campaign.unschedule': 'unschedule',
  'campaign.launch': 'launch',
  'campaign.wave': 'wave',
  'campaign.stop': 'stop',
  'campaign.complete': 'complete',
  'campaign.simulate': 'simulate',
  'campaign.simulation.complete': 'simulationComplete',
  'campaign.export.audience': 'exportAudience',
  'campaign.outcomes.upload': 'outcomesUpload',
};

/** The campaign's lifecycle from the audit log: who did what, when. */
export function ActivityList({
  trail,
}: {
  trail: { id: number; at: Date; action: string; who: string | null; details: Record<string, unknown> | null }[];
}) {
  const { t, f } = useI18n();
  return (
    <section className="card p-4">
      <h3 className="font-semibold">{t('campaigns.activity.title')}</h3>
      {trail.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('campaigns.activity.empty')}</p>
      ) : (
        <ol className="mt-3 space-y-2 text-sm" data-testid="activity">
          {trail.map((e) => {
            const key = ACTION_KEY[e.action];
            return (
              <li key={e.id} className="flex gap-3">
                <span className="w-48 shrink-0 text-slate-500 tabular-nums">{f.dateTime(e.at)}</span>
                <span>
                  <span className="font-medium">{e.who === 'system' ? t('campaigns.activity.system') : e.who}</span>{' '}
                  {key ? labelFor(t, 'campaigns.activity.actions', key) : e.action}
                  {e.details && typeof e.details.assigned === 'number' && (
                    <span className="text-slate-500"> ({f.number(e.details.assigned)})</span>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
