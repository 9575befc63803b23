import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { modelInUse } from '@/lib/services/assistant/provider-settings';
import { listSegmentOptions } from '@/lib/services/campaigns';
import { createCampaignAction, planAction, previewCopyAction, suggestCopyAction } from '../actions';

export const metadata: Metadata = { title: 'New campaign' };

export default async function NewCampaignPage() {
  const actor = await requirePage('campaigns:edit');
  const { t } = await getI18n();
  const segments = await pageData(() => listSegmentOptions(actor));
  return (
    <>
      <PageHeader title={t('campaigns.form.createTitle')} subtitle={t('campaigns.subtitle')} />
      <CampaignForm
        segments={segments}
        save={createCampaignAction}
        plan={planAction}
        suggestCopy={{ suggest: suggestCopyAction, preview: previewCopyAction, model: await modelInUse(actor) }}
      />
    </>
  );
}
