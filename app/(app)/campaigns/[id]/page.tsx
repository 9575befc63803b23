import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { ResultsInWords } from '../results-in-words';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { ActivityList } from '@/components/campaigns/activity-list';
import { JobStatus } from '@/components/campaigns/job-status';
import { LifecycleButtons } from '@/components/campaigns/lifecycle-actions';
import { ResultsView } from '@/components/campaigns/results-view';
import { DownloadButton } from '@/components/ui/download-button';
import { SetupView } from '@/components/campaigns/setup-view';
import { SimulatedBadge, StatusBadge } from '@/components/campaigns/status-badge';
import { OptimiseView } from '@/components/campaigns/optimise-view';
import { EmailView } from '@/components/campaigns/email-view';
import { getCampaignEmail } from '@/lib/services/email/templates';
import { SurveysPanel } from '@/components/surveys/surveys-panel';
import { AdExportPanel } from '@/components/ads/ad-export-panel';
import { getCampaignSurveys } from '@/lib/services/surveys';
import { getCampaign, getCampaignResults, listSegmentOptions } from '@/lib/services/campaigns';
import { getPrivacySettings } from '@/lib/services/privacy';
import {
  completeAction,
  createSurveyAction,
  deleteCampaignAction,
  refreshAction,
  scheduleAction,
  simulateAction,
  stopAction,
  surveyLinkAction,
  unscheduleAction,
  upliftAction,
} from '../actions';
import {
  findEmailCustomersAction,
  previewEmailAction,
  previewMessageAction,
  saveEmailAction,
  testEmailAction,
} from '../email-actions';

export const metadata: Metadata = { title: 'Campaign' };
const TABS = ['results', 'setup', 'email', 'optimise', 'activity'] as const;

/** One campaign: verdict and results for managers; setup, lifecycle, optimisation and activity for marketers too. */
export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const actor = await requirePage('campaigns:view');
  const { t, f } = await getI18n();
  const { id } = await params;
  const page = await pageData(() => getCampaign(actor, id));
  const c = page.campaign;
  const hasResults = c.status !== 'draft' && c.status !== 'scheduled';
  const requested = (await searchParams).tab;
  // the e-mail tab edits the per-language templates; SMS and push messages are written there too
  const messageChannel = c.channel === 'email' || c.channel === 'sms' || c.channel === 'push';
  const tabs = TABS.filter((x) => x !== 'email' || messageChannel);
  const tab = tabs.find((x) => x === requested) ?? (hasResults ? 'results' : 'setup');
  const results = tab === 'results' && hasResults ? await pageData(() => getCampaignResults(actor, id)) : null;
  const privacy = await getPrivacySettings();
  const email = tab === 'email' ? await pageData(() => getCampaignEmail(actor, c.id)) : null;
  const surveys = tab === 'results' || tab === 'setup' ? await pageData(() => getCampaignSurveys(actor, id)) : [];
  const surveysPanel = (
    <div className="mt-6">
      <SurveysPanel
        campaignId={c.id}
        surveys={surveys}
        variants={c.variants.filter((v) => !v.isHoldout).map((v) => ({ key: v.key, name: v.name }))}
        canEdit={page.canEdit}
        create={createSurveyAction}
        getLink={surveyLinkAction.bind(null, c.id)}
      />
    </div>
  );
  const segments = tab === 'optimise' && page.canEdit ? await pageData(() => listSegmentOptions(actor)) : [];
  return (
    <>
      <Link href="/campaigns" className="text-sm text-brand-700 hover:underline">
        ← {t('campaigns.back')}
      </Link>
      <div className="mt-2 mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {c.name} <StatusBadge status={c.status} />
            {c.isSimulated && <SimulatedBadge />}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {t(`campaigns.channels.${c.channel}`)} · {t(`campaigns.goals.${c.goal}`)} · {c.segment?.name ?? '—'} ·{' '}
            {t('campaigns.detail.createdBy', { name: c.createdBy, date: f.date(c.createdAt) })}
          </p>
        </div>
        <LifecycleButtons
          id={c.id}
          name={c.name}
          status={c.status}
          canEdit={page.canEdit}
          isSimulated={c.isSimulated}
          actions={{
            schedule: scheduleAction,
            unschedule: unscheduleAction,
            stop: stopAction,
            complete: completeAction,
            simulate: simulateAction,
            remove: deleteCampaignAction,
            refresh: refreshAction,
          }}
        />
      </div>
      {c.isSimulated && (
        <div
          className="card mb-4 border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="simulated-banner"
        >
          {t('campaigns.simulatedBanner')}{' '}
          {results?.simulation &&
            t('campaigns.simulatedWindow', { days: results.simulation.days, start: f.date(results.simulation.start) })}
        </div>
      )}
      <div className="mb-4">
        <JobStatus job={page.job} status={c.status} scheduledAt={c.scheduledAt} />
      </div>
      <nav className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200" aria-label={t('campaigns.title')}>
        {tabs.map((x) => (
          <Link
            key={x}
            href={`/campaigns/${c.id}?tab=${x}`}
            aria-current={x === tab ? 'page' : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-4 py-2 text-sm font-medium ${x === tab ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {t(`campaigns.detail.tabs.${x === 'email' && c.channel !== 'email' ? 'message' : x}`)}
          </Link>
        ))}
      </nav>
      {tab === 'results' && hasResults && (
        <p className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="campaign-trust-links">
          <Link className="text-brand-700 hover:underline" href={`/trust/fairness?campaign=${c.id}`}>
            {t('fairness.title')} →
          </Link>
          {privacy.enabled && (
            <DownloadButton
              className="text-brand-700 hover:underline"
              action={`/api/campaigns/${c.id}/results/shared`}
              title={t('privacy.export.hint', { epsilon: privacy.epsilonPerReport })}
            >
              {t('privacy.export.link')}
            </DownloadButton>
          )}
        </p>
      )}
      {tab === 'results' &&
        (results ? (
          <ResultsView data={results} summary={<ResultsInWords actor={actor} campaignId={c.id} results={results} />} />
        ) : (
          <div className="card p-8 text-center text-slate-600">{t('campaigns.detail.noResultsYet')}</div>
        ))}
      {tab === 'results' && results && surveysPanel}
      {tab === 'setup' && <SetupView campaign={c} canEdit={page.canEdit} />}
      {email && (
        <EmailView
          campaignId={c.id}
          channel={c.channel === 'email' ? 'email' : c.channel === 'push' ? 'push' : 'sms'}
          email={email}
          editable={!hasResults}
          canEdit={page.canEdit}
          launched={hasResults}
          actions={{
            save: saveEmailAction,
            preview: c.channel === 'email' ? previewEmailAction : previewMessageAction,
            test: testEmailAction,
            find: findEmailCustomersAction,
          }}
        />
      )}
      {tab === 'setup' && hasResults && page.canEdit && (
        <div className="mt-6">
          <AdExportPanel action={`/api/campaigns/${c.id}/ad-audience`} />
        </div>
      )}
      {tab === 'setup' && surveysPanel}
      {tab === 'optimise' && (
        <OptimiseView campaign={c} canRun={hasResults} canTrain={page.canEdit} segments={segments} run={upliftAction} />
      )}
      {tab === 'activity' && <ActivityList trail={page.trail} />}
    </>
  );
}
