import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { ResultsView } from '@/components/campaigns/results-view';
import { FlowControls } from '@/components/flows/flow-controls';
import { FlowCounts } from '@/components/flows/flow-counts';
import { FlowEditor } from '@/components/flows/flow-editor';
import { SurveyResults } from '@/components/surveys/surveys-panel';
import { can } from '@/lib/security/roles';
import { getCampaignResults, listSegmentOptions } from '@/lib/services/campaigns';
import { getFlow } from '@/lib/services/flows';
import { getCampaignSurveys } from '@/lib/services/surveys';
import { ResultsInWords } from '../../campaigns/results-in-words';
import { refreshFlowResultsAction, saveFlowAction, setEnabledAction } from '../actions';

export const metadata: Metadata = { title: 'Flow' };

/** One flow: its report (passes, steps, the holdout comparison from the campaign statistics) and its steps. */
export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('campaigns:view');
  const { t, f } = await getI18n();
  const { id } = await params;
  const flow = await pageData(() => getFlow(actor, id));
  const canEdit = can(actor.role, 'campaigns:edit');
  const results = await pageData(() => getCampaignResults(actor, flow.campaignId));
  const hasOutcomes = results.arms.some((a) => a.n > 0);
  const surveys = await pageData(() => getCampaignSurveys(actor, flow.campaignId));
  const segments = canEdit ? await pageData(() => listSegmentOptions(actor)) : [];
  return (
    <>
      <Link href="/flows" className="text-sm text-brand-700 hover:underline">
        ← {t('flows.back')}
      </Link>
      <div className="mt-2 mb-4 flex flex-wrap items-start justify-between gap-4">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
          {flow.name}
          <span
            className={flow.enabled ? 'badge bg-emerald-100 text-emerald-800' : 'badge bg-slate-100 text-slate-700'}
          >
            {flow.enabled ? t('flows.on') : t('flows.off')}
          </span>
        </h1>
        <FlowControls
          id={flow.id}
          campaignId={flow.campaignId}
          enabled={flow.enabled}
          canEdit={canEdit}
          setEnabled={setEnabledAction}
          refresh={refreshFlowResultsAction}
        />
      </div>
      <section className="mb-8 space-y-4">
        <h2 className="text-lg font-semibold">{t('flows.report')}</h2>
        <p className="text-sm text-slate-500">{t('flows.reportHelp')}</p>
        <FlowCounts counts={flow.counts} steps={flow.definition?.steps.length ?? 0} t={t} n={f.number} />
        {hasOutcomes ? (
          <ResultsView
            data={results}
            summary={<ResultsInWords actor={actor} campaignId={flow.campaignId} results={results} />}
          />
        ) : (
          <div className="card p-6 text-center text-slate-600">{t('flows.noResults')}</div>
        )}
        {surveys.length > 0 && (
          <div className="card space-y-4 p-4" data-testid="flow-surveys">
            <h3 className="font-semibold">{t('surveys.panel.title')}</h3>
            {surveys.map((s) => (
              <SurveyResults key={s.id} survey={s} />
            ))}
          </div>
        )}
      </section>
      {flow.definition && (
        <FlowEditor
          id={flow.id}
          name={flow.name}
          definition={flow.definition}
          locked={!canEdit || flow.enabled}
          segments={segments}
          webhookUrl={flow.webhookUrl}
          save={saveFlowAction}
        />
      )}
    </>
  );
}
