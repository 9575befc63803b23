import { getI18n } from '@/app/_server/i18n';
import { WrittenText } from '@/components/assistant/written-text';
import { modelInUse } from '@/lib/services/assistant/provider-settings';
import { summariseResults } from '@/lib/services/assistant/results-summary';
import type { UserActor } from '@/lib/services/auth/actor';
import type { CampaignResults } from '@/lib/services/campaigns';

/** A campaign's (or a flow's) results in words: the template, or the model's streamed text when one is configured. */
export async function ResultsInWords({
  actor,
  campaignId,
  results,
}: {
  actor: UserActor;
  campaignId: number;
  results: CampaignResults;
}) {
  const { t } = await getI18n();
  const template = summariseResults({
    verdict: results.analysis.verdict,
    arms: results.arms,
    primaryMetric: results.analysis.primaryMetric,
  }).text;
  return (
    <WrittenText
      kind="summary"
      id={String(campaignId)}
      title={t('assistant.results.title')}
      template={template}
      templateLabel={t('assistant.results.template')}
      consentBody={t('assistant.consentBodies.summary')}
      model={await modelInUse(actor)}
      testId="results-in-words"
    />
  );
}
