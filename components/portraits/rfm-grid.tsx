import type { Formatters } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/translate';

export type RfmGridCell = { r: number; f: number; customers: number; revenue: number };

/**
 * The shop-wide R × F heat map: rows are recency scores 5 (top, most recent) to 1, columns frequency scores 1 to 5;
 * each cell shows its customers and their revenue, shaded by the number of customers. A table, so screen readers
 * read it cell by cell.
 */
export function RfmGrid({
  cells,
  t,
  f,
  highlight,
}: {
  cells: RfmGridCell[];
  t: Translate;
  f: Formatters;
  highlight?: { r: number; f: number } | null;
}) {
  const max = Math.max(1, ...cells.map((c) => c.customers));
  const at = (r: number, fq: number) =>
    cells.find((c) => c.r === r && c.f === fq) ?? { r, f: fq, customers: 0, revenue: 0 };
  return (
    <div className="flex gap-2">
      <div className="flex w-5 items-center justify-center">
        <span className="-rotate-90 text-xs whitespace-nowrap text-slate-500">
          {t('portraits.models.recencyAxis')} →
        </span>
      </div>
      <div className="min-w-0 flex-1">
        <table
          className="w-full table-fixed border-separate border-spacing-1 text-center text-xs"
          aria-label={t('portraits.models.rfmGrid')}
        >
          <tbody>
            {[5, 4, 3, 2, 1].map((r) => (
              <tr key={r}>
                <th scope="row" className="w-6 font-medium text-slate-500">
                  R{r}
                </th>
                {[1, 2, 3, 4, 5].map((fq) => {
                  const c = at(r, fq);
                  // the shade stops at 0.75 so the dark figures keep 4.5:1 contrast on the fullest cell
                  const alpha = c.customers === 0 ? 0 : 0.08 + 0.67 * (c.customers / max);
                  const isMe = highlight?.r === r && highlight?.f === fq;
                  return (
                    <td
                      key={fq}
                      title={t('portraits.models.cell', { customers: c.customers, revenue: f.money(c.revenue) })}
                      className={`h-16 rounded-md align-middle ${isMe ? 'ring-2 ring-amber-400' : ''}`}
                      style={{
                        backgroundColor: c.customers === 0 ? '#f8fafc' : `rgba(47, 111, 237, ${alpha.toFixed(3)})`,
                        color: '#0f172a',
                      }}
                    >
                      <div className="text-sm font-semibold tabular-nums">{f.number(c.customers)}</div>
                      <div className="tabular-nums">{f.compact(c.revenue)}</div>
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <td />
              {[1, 2, 3, 4, 5].map((fq) => (
                <th key={fq} scope="col" className="font-medium text-slate-500">
                  F{fq}
                </th>
              ))}
            </tr>
          </tbody>
        </table>
        <div className="mt-1 text-center text-xs text-slate-500">{t('portraits.models.frequencyAxis')} →</div>
      </div>
    </div>
  );
}
