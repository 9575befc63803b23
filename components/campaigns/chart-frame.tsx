'use client';
import { useRef, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { CsvValue } from '@/lib/csv/write';
import { downloadCsv, downloadPng } from './chart-export';

export type ChartCsv = { header: string[]; rows: CsvValue[][] };

/** A card with a chart, its explanation, and PNG / CSV downloads of exactly what it shows. */
export function ChartFrame({
  title,
  help,
  fileName,
  csv,
  legend = [],
  children,
  simulated = false,
}: {
  title: string;
  help?: ReactNode;
  fileName: string;
  csv: ChartCsv;
  legend?: { label: string; colour: string }[];
  children: ReactNode;
  simulated?: boolean;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const label = simulated ? `${title} (${t('campaigns.simulated')})` : title;
  return (
    <section className="card p-4">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">{title}</h3>
          {help && <p className="mt-0.5 max-w-3xl text-xs text-slate-500">{help}</p>}
        </div>
        <div className="flex gap-1">
          <button
            type="button"
            className="btn-secondary px-2 py-1 text-xs"
            onClick={() => box.current && void downloadPng(box.current, `${fileName}.png`, { title: label, legend })}
          >
            {t('campaigns.results.exportPng')}
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-1 text-xs"
            onClick={() => downloadCsv(`${fileName}.csv`, csv.header, csv.rows)}
          >
            {t('campaigns.results.exportCsv')}
          </button>
        </div>
      </div>
      {legend.length > 0 && (
        <ul className="mb-2 flex flex-wrap gap-3 text-xs text-slate-600">
          {legend.map((l) => (
            <li key={l.label} className="flex items-center gap-1.5">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.colour }} />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={box}>{children}</div>
    </section>
  );
}
