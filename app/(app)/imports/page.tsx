import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { requirePage } from '@/app/_server/session';
import { ImportStatusBadge } from '@/components/imports/status-badge';
import { UploadForm } from '@/components/imports/upload-form';
import { PageHeader } from '@/components/ui/page-header';
import { env } from '@/lib/env';
import { labelFor } from '@/lib/i18n/message-ref';
import { listImports } from '@/lib/services/imports/imports';

export const metadata: Metadata = { title: 'Imports' };

export default async function ImportsPage() {
  const actor = await requirePage('imports:manage');
  const { t, f } = await getI18n();
  const imports = await listImports(actor);
  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <h2 className="mb-2 font-semibold">{t('imports.newImport')}</h2>
      <UploadForm maxBytes={env().PRECISA_MAX_UPLOAD_MB * 1024 * 1024} />
      <h2 className="mt-8 mb-2 font-semibold">{t('imports.history')}</h2>
      <div className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('imports.columns.file')}</th>
              <th>{t('imports.columns.kind')}</th>
              <th>{t('imports.columns.status')}</th>
              <th>{t('imports.columns.started')}</th>
              <th className="text-right">{t('imports.columns.read')}</th>
              <th className="text-right">{t('imports.columns.inserted')}</th>
              <th className="text-right">{t('imports.columns.updated')}</th>
              <th className="text-right">{t('imports.columns.unchanged')}</th>
              <th className="text-right">{t('imports.columns.rejected')}</th>
              <th>{t('imports.columns.by')}</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id} className="hover:bg-slate-50">
                <td>
                  <Link className="text-brand-700 hover:underline" href={`/imports/${i.id}`}>
                    {i.fileName}
                  </Link>
                  <div className="text-xs text-slate-500">{f.bytes(i.fileSize)}</div>
                </td>
                <td>{labelFor(t, 'imports.kinds', i.kind)}</td>
                <td>
                  <ImportStatusBadge t={t} row={i} />
                </td>
                <td className="whitespace-nowrap">{f.dateTime(i.startedAt ?? i.createdAt)}</td>
                <td className="text-right tabular-nums">{f.number(i.rowsRead)}</td>
                <td className="text-right tabular-nums">{f.number(i.inserted)}</td>
                <td className="text-right tabular-nums">{f.number(i.updated)}</td>
                <td className="text-right tabular-nums">{f.number(i.unchanged)}</td>
                <td className={`text-right tabular-nums ${i.rejected ? 'font-medium text-red-700' : ''}`}>
                  {f.number(i.rejected)}
                </td>
                <td className="text-slate-500">{i.createdBy.email}</td>
              </tr>
            ))}
            {imports.length === 0 && (
              <tr>
                <td colSpan={10} className="py-8 text-center text-slate-500">
                  {t('imports.noHistory')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
