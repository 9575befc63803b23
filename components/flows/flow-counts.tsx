import type { MessageKey } from '@/lib/i18n/translate';

type Counts = {
  passes: { state: string; arm: string; count: number }[];
  runs: { stepIndex: number; outcome: string; count: number }[];
};

/** Passes by state and arm, and what each message step did, as plain tables. */
export function FlowCounts({
  counts,
  steps,
  t,
  n,
}: {
  counts: Counts;
  steps: number;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  n: (x: number) => string;
}) {
  const arms = [...new Set(counts.passes.map((p) => p.arm))].sort();
  const outcomes = [...new Set(counts.runs.map((r) => r.outcome))].sort();
  const pass = (state: string, arm: string) =>
    counts.passes.find((p) => p.state === state && p.arm === arm)?.count ?? 0;
  const run = (i: number, o: string) => counts.runs.find((r) => r.stepIndex === i && r.outcome === o)?.count ?? 0;
  const stepRows = Array.from({ length: steps }, (_, i) => i).filter((i) => outcomes.some((o) => run(i, o) > 0));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <table className="card w-full text-sm">
        <caption className="px-4 pt-3 text-left font-semibold">{t('flows.counts')}</caption>
        <thead className="text-left text-slate-600">
          <tr>
            <th className="px-4 py-2" />
            {arms.map((a) => (
              <th key={a} className="px-4 py-2 text-right">
                {a}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['active', 'done', 'exited'] as const).map((s) => (
            <tr key={s} className="border-t border-slate-100">
              <th className="px-4 py-2 text-left font-normal">{t(`flows.state.${s}`)}</th>
              {arms.map((a) => (
                <td key={a} className="px-4 py-2 text-right tabular-nums">
                  {n(pass(s, a))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {stepRows.length > 0 && (
        <table className="card w-full text-sm">
          <caption className="px-4 pt-3 text-left font-semibold">{t('flows.stepsTitle')}</caption>
          <thead className="text-left text-slate-600">
            <tr>
              <th className="px-4 py-2" />
              {outcomes.map((o) => (
                <th key={o} className="px-4 py-2 text-right">
                  {t(`flows.outcome.${o}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stepRows.map((i) => (
              <tr key={i} className="border-t border-slate-100">
                <th className="px-4 py-2 text-left font-normal">{t('flows.stepNo', { n: i + 1 })}</th>
                {outcomes.map((o) => (
                  <td key={o} className="px-4 py-2 text-right tabular-nums">
                    {n(run(i, o))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
