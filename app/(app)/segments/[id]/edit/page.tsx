import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { SegmentBuilder } from '@/components/segments/builder/segment-builder';
import { PageHeader } from '@/components/ui/page-header';
import type { SegmentGroup } from '@/lib/schemas/segment';
import { assistantModelName } from '@/lib/services/assistant/describe-audience';
import { getBuilderVocabulary, getSegmentForEdit, productNamesFor } from '@/lib/services/segments';
import { describeAudienceAction, previewAudiencePromptAction, updateSegmentAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit segment' };

const isGroup = (d: unknown): d is SegmentGroup =>
  typeof d === 'object' &&
  d !== null &&
  (d as { type?: unknown }).type === 'group' &&
  Array.isArray((d as { children?: unknown }).children);

/** The segment builder on a saved segment (marketers and admins). */
export default async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('segments:edit');
  const { t } = await getI18n();
  const { id } = await params;
  const segment = await pageData(() => getSegmentForEdit(actor, id));
  const [vocab, products, model] = await pageData(() =>
    Promise.all([
      getBuilderVocabulary(actor, { segmentId: segment.id }),
      productNamesFor(segment.definition),
      assistantModelName(actor),
    ]),
  );
  const save = updateSegmentAction.bind(null, segment.id);
  return (
    <>
      <Link href={`/segments/${segment.id}`} className="text-sm text-brand-700 hover:underline">
        ← {segment.name}
      </Link>
      <PageHeader title={t('segments.builder.editTitle')} subtitle={t('segments.builder.subtitle')} />
      <SegmentBuilder
        initial={{
          name: segment.name,
          description: segment.description ?? '',
          definition: isGroup(segment.definition) ? segment.definition : { type: 'group', op: 'and', children: [] },
        }}
        vocab={vocab}
        assistant={{ describe: describeAudienceAction, previewPrompt: previewAudiencePromptAction, model }}
        products={products}
        segmentId={segment.id}
        save={save}
      />
    </>
  );
}
