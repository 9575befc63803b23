import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { DiscardUpload } from '@/components/imports/discard-upload';
import { ImportProgress } from '@/components/imports/import-progress';
import { MappingForm } from '@/components/imports/mapping-form';
import { ImportStatusBadge } from '@/components/imports/status-badge';
import { PageHeader } from '@/components/ui/page-header';
import { FIELD_SPECS, type ImportKind } from '@/lib/import/fields';
import { getImportForMapping, getImportStatus } from '@/lib/services/imports/imports';
import { cancelImportAction, startImportAction } from '../actions';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ remap?: string }>;
}) {
  const actor = await requirePage('imports:manage');
  const { t, f, shop } = await getI18n();
  const { id } = await params;
  const remap = (await searchParams).remap === '1';
  const { row, preview, remembered, saved, ratedCurrencies } = await pageData(() =>
    getImportForMapping(actor, id, { remap }),
  );
  const kind = row.kind as ImportKind;
  const rerun =
    remap && row.status !== 'uploaded' && preview
      ? (saved ?? { mapping: preview.ok ? preview.mapping.mapping : {}, options: null })
      : null;
  const header = (
    <>
      <Link href="/imports" className="text-sm text-brand-700 hover:underline">
        ← {t('imports.title')}
      </Link>
      <PageHeader
        title={row.fileName}
        subtitle={
          <span className="flex items-center gap-2">
            {t(`imports.kinds.${kind}`)} · {f.bytes(row.fileSize)} · <ImportStatusBadge t={t} row={row} />
          </span>
        }
      />
    </>
  );
  if (row.status === 'uploaded' || rerun) {
    return (
      <>
        {header}
        {preview?.ok ? (
          <MappingForm
            importId={row.id}
            kind={kind}
            fields={FIELD_SPECS[kind]}
            preview={preview}
            shop={shop}
            ratedCurrencies={ratedCurrencies}
            remembered={remembered}
            rerun={rerun}
            startImport={startImportAction}
          />
        ) : (
          <div role="alert" className="card border-red-200 bg-red-50 p-4 text-red-800">
            {t('imports.mapping.problem', { error: preview?.error ?? '' })}
          </div>
        )}
        {row.status === 'uploaded' && (
          <DiscardUpload importId={row.id} fileName={row.fileName} cancelImport={cancelImportAction} />
        )}
      </>
    );
  }
  const status = await getImportStatus(actor, row.id);
  return (
    <>
      {header}
      <ImportProgress
        initial={status}
        mapping={row.mapping}
        options={row.options}
        actions={{ startImport: startImportAction, cancelImport: cancelImportAction }}
      />
    </>
  );
}
