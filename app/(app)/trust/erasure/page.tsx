import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { requirePage } from '@/app/_server/session';
import { ErasureForm } from '@/components/trust/erasure-form';
import { ErasureReceipts } from '@/components/trust/erasure-receipts';
import { PageHeader } from '@/components/ui/page-header';
import { listBulkErasures } from '@/lib/services/erasure/bulk';
import { recentReceipts } from '@/lib/services/erasure/erase';
import { eraseCustomerAction, startBulkErasureAction } from './actions';

export const metadata: Metadata = { title: 'Erasure' };

export default async function ErasurePage() {
  const actor = await requirePage('customers:erase');
  const { t } = await getI18n();
  const [receipts, batches] = await Promise.all([recentReceipts(actor), listBulkErasures(actor)]);
  return (
    <>
      <PageHeader title={t('erasure.title')} subtitle={t('erasure.subtitle')} />
      <ErasureForm erase={eraseCustomerAction} startBulk={startBulkErasureAction} batches={batches} />
      <ErasureReceipts receipts={receipts} />
    </>
  );
}
