import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { SegmentBuilder } from '@/components/segments/builder/segment-builder';
import { PageHeader } from '@/components/ui/page-header';
import { assistantModelName } from '@/lib/services/assistant/describe-audience';
import { getBuilderVocabulary } from '@/lib/services/segments';
import { describeAudienceAction, previewAudiencePromptAction, createSegmentAction } from '../actions';

export const metadata: Metadata = { title: 'New segment' };

/** The segment builder for a new segment (marketers and admins). */
export default async function NewSegmentPage() {
  const actor = await requirePage('segments:edit');
  const { t } = await getI18n();
  const [vocab, model] = await pageData(() => Promise.all([getBuilderVocabulary(actor), assistantModelName(actor)]));
  return (
    <>
      <PageHeader title={t('segments.builder.createTitle')} subtitle={t('segments.builder.subtitle')} />
      <SegmentBuilder
        initial={{ name: '', description: '', definition: { type: 'group', op: 'and', children: [] } }}
        vocab={vocab}
        assistant={{ describe: describeAudienceAction, previewPrompt: previewAudiencePromptAction, model }}
        products={[]}
        save={createSegmentAction}
      />
    </>
  );
}
