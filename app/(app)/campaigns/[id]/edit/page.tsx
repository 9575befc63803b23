import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { CampaignForm } from '@/components/campaigns/campaign-form';
import { PageHeader } from '@/components/ui/page-header';
import { modelInUse } from '@/lib/services/assistant/provider-settings';
import { getCampaignForm, listSegmentOptions } from '@/lib/services/campaigns';
import { planAction, previewCopyAction, suggestCopyAction, updateCampaignAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit campaign' };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('campaigns:edit');
  const { t } = await getI18n();
  const { id } = await params;
  const [form, segments] = await pageData(() => Promise.all([getCampaignForm(actor, id), listSegmentOptions(actor)]));
  const save = updateCampaignAction.bind(null, form.id);
  return (
    <>
      <PageHeader title={t('campaigns.form.editTitle')} subtitle={form.values.name} />
      <CampaignForm
        segments={segments}
        campaignId={form.id}
        initial={form.values}
        save={save}
        plan={planAction}
        suggestCopy={{ suggest: suggestCopyAction, preview: previewCopyAction, model: await modelInUse(actor) }}
      />
    </>
  );
}
