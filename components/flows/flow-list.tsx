'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { MessageKey } from '@/lib/i18n/translate';

export type FlowListRow = {
  id: number;
  name: string;
  enabled: boolean;
  trigger: string | null;
  active: number;
  done: number;
  exited: number;
  sent: number;
};
export type FlowListActions = {
  add: (input: unknown) => Promise<ActionResult<number>>;
  setEnabled: (input: unknown) => Promise<ActionResult<boolean>>;
  runNow: () => Promise<ActionResult<{ entered: number; sent: number; skipped: number }>>;
};

/** Every flow with its status and counts; editors switch flows on and off and add ready-made ones; admins run now. */
export function FlowList({
  rows,
  templates,
  canEdit,
  canRun,
  actions,
}: {
  rows: FlowListRow[];
  templates: { key: string; name: string }[];
  canEdit: boolean;
  canRun: boolean;
  actions: FlowListActions;
}) {
  const { t, f, locale } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const act = <T,>(fn: () => Promise<ActionResult<T>>, ok?: (data: T) => string) =>
    start(async () => {
      const r = await fn();
      setNote(r.ok ? (ok ? { ok: true, text: ok(r.data) } : null) : { ok: false, text: r.message });
      router.refresh();
    });
  return (
    <div className="space-y-6">
      {note && (
        <p
          role={note.ok ? 'status' : 'alert'}
          className={note.ok ? 'text-sm text-emerald-700' : 'text-sm text-red-700'}
        >
          {note.text}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="card p-8 text-center text-slate-600">
          {canEdit ? t('flows.empty') : t('flows.emptyManager')}
        </div>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-4 py-2">{t('flows.columns.name')}</th>
                <th className="px-4 py-2">{t('flows.columns.trigger')}</th>
                <th className="px-4 py-2">{t('flows.columns.status')}</th>
                <th className="px-4 py-2 text-right">{t('flows.columns.active')}</th>
                <th className="px-4 py-2 text-right">{t('flows.columns.done')}</th>
                <th className="px-4 py-2 text-right">{t('flows.columns.exited')}</th>
                <th className="px-4 py-2 text-right">{t('flows.columns.sent')}</th>
                {canEdit && <th className="px-4 py-2" />}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link className="font-medium text-brand-700 hover:underline" href={`/flows/${r.id}`}>
                      {r.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-slate-600">
                    {r.trigger ? t(`flows.trigger.${r.trigger}` as MessageKey) : '—'}
                  </td>
                  <td className="px-4 py-2">
                    <span
                      className={
                        r.enabled ? 'badge bg-emerald-100 text-emerald-800' : 'badge bg-slate-100 text-slate-700'
                      }
                    >
                      {r.enabled ? t('flows.on') : t('flows.off')}
                    </span>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{f.number(r.active)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{f.number(r.done)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{f.number(r.exited)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{f.number(r.sent)}</td>
                  {canEdit && (
                    <td className="px-4 py-2 text-right">
                      <button
                        type="button"
                        className="btn-secondary"
                        disabled={pending}
                        aria-label={`${r.enabled ? t('flows.disable') : t('flows.enable')}: ${r.name}`}
                        onClick={() => act(() => actions.setEnabled({ id: r.id, enabled: !r.enabled }))}
                      >
                        {r.enabled ? t('flows.disable') : t('flows.enable')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRun && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            onClick={() =>
              act(actions.runNow, (s) => t('flows.runDone', { entered: s.entered, sent: s.sent, skipped: s.skipped }))
            }
          >
            {t('flows.runNow')}
          </button>
          <span className="text-sm text-slate-500">{t('flows.runHelp')}</span>
        </div>
      )}
      {canEdit && templates.length > 0 && (
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('flows.addTemplate')}</h2>
          <div className="flex flex-wrap gap-2">
            {templates.map((tpl) => (
              <button
                key={tpl.key}
                type="button"
                className="btn-secondary"
                disabled={pending}
                onClick={() => act(() => actions.add({ template: tpl.key, locale }))}
              >
                {t('flows.add', { name: tpl.name })}
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
