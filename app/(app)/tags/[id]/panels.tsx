'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { TagUploadReport } from '@/lib/services/tags/upload';
import { deleteTagAction, setTagRuleAction, updateTagAction } from '../actions';
import { FileInput } from '@/components/ui/file-input';

type Result = { ok: boolean; message?: string } | null;
type Tag = { id: number; label: string; labelZh: string | null; description: string | null; rule: unknown };

/** Name, Chinese name and description of a custom tag. */
export function EditTagForm({ tag }: { tag: Tag }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = { ...Object.fromEntries(new FormData(e.currentTarget)), tagId: tag.id };
    start(async () => {
      const r = await updateTagAction(input);
      setResult(r.ok ? { ok: true, message: t('portraits.tags.saved') } : r);
      if (r.ok) router.refresh();
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <div>
        <label className="label" htmlFor="edit-label">
          {t('portraits.tags.name')}
        </label>
        <input className="input" id="edit-label" name="label" defaultValue={tag.label} required maxLength={60} />
      </div>
      <div>
        <label className="label" htmlFor="edit-label-zh">
          {t('portraits.tags.nameZh')}
        </label>
        <input className="input" id="edit-label-zh" name="labelZh" defaultValue={tag.labelZh ?? ''} maxLength={60} />
      </div>
      <div>
        <label className="label" htmlFor="edit-description">
          {t('portraits.tags.description')}
        </label>
        <textarea
          className="input"
          id="edit-description"
          name="description"
          defaultValue={tag.description ?? ''}
          maxLength={300}
          rows={2}
        />
      </div>
      <div className="flex items-center gap-3">
        <button className="btn-secondary" type="submit" disabled={pending}>
          {t('portraits.tags.saveTag')}
        </button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}

/** CSV of customer ids → members, with the report of rows not used (line numbers) and a download of them. */
export function UploadPanel({ tagId }: { tagId: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const [report, setReport] = useState<TagUploadReport | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    start(async () => {
      const res = await fetch(`/tags/${tagId}/upload?mode=${encodeURIComponent(String(data.get('mode') ?? 'add'))}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'text/csv' },
      });
      const body = (await res.json().catch(() => null)) as (TagUploadReport & { error?: { message: string } }) | null;
      if (!res.ok || !body || body.error) {
        setReport(null);
        setResult({ ok: false, message: body?.error?.message ?? t('common.error') });
        return;
      }
      setReport(body);
      setResult({
        ok: true,
        message: t('portraits.tags.uploadReport', {
          rows: body.rows,
          matched: body.matched,
          added: body.added,
          duplicates: body.duplicates,
          unknown: body.unknown,
          rejected: body.rejected,
        }),
      });
      router.refresh();
    });
  };
  const download = () => {
    if (!report?.problemsCsv) return;
    const url = URL.createObjectURL(new Blob([report.problemsCsv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `tag-${tagId}-rows-not-used.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">{t('portraits.tags.uploadHelp')}</p>
      <form onSubmit={onSubmit} className="space-y-3">
        <div>
          <label className="label" htmlFor="upload-file">
            {t('portraits.tags.file')}
          </label>
          <FileInput id="upload-file" name="file" accept=".csv,text/csv,text/plain" required />
        </div>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="add" defaultChecked /> {t('portraits.tags.modeAdd')}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="replace" /> {t('portraits.tags.modeReplace')}
          </label>
        </fieldset>
        <button className="btn-primary" type="submit" disabled={pending}>
          {t('portraits.tags.uploadButton')}
        </button>
      </form>
      <FormMessage result={result} />
      {report && report.problems.length > 0 && (
        <div>
          <div className="mb-1 flex items-center justify-between">
            <h3 className="text-sm font-semibold">{t('portraits.tags.problems')}</h3>
            <button type="button" className="text-sm text-brand-700 hover:underline" onClick={download}>
              {t('portraits.tags.downloadProblems')}
            </button>
          </div>
          <div className="max-h-64 overflow-y-auto rounded border border-slate-200">
            <table className="data-table" data-testid="upload-problems">
              <thead>
                <tr>
                  <th>{t('portraits.tags.problemColumns.line')}</th>
                  <th>{t('portraits.tags.problemColumns.value')}</th>
                  <th>{t('portraits.tags.problemColumns.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p) => (
                  <tr key={`${p.line}-${p.value}`}>
                    <td className="tabular-nums">{p.line}</td>
                    <td className="max-w-xs truncate font-mono text-xs">{p.value}</td>
                    <td>{t(`portraits.tags.reasons.${p.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

/** The tag's rule: members of a saved segment, or a definition in the segment language; or no rule. */
export function RulePanel({ tag, segments }: { tag: Tag; segments: { id: number; name: string }[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result>(null);
  const current = tag.rule as { children?: { type?: string; segmentId?: number }[] } | null;
  const currentSegment =
    current?.children?.length === 1 && current.children[0]?.type === 'segment'
      ? current.children[0].segmentId
      : undefined;
  const [segmentId, setSegmentId] = useState(currentSegment ? String(currentSegment) : '');
  const [json, setJson] = useState(tag.rule ? JSON.stringify(tag.rule, null, 2) : '');
  const save = (rule: unknown) =>
    start(async () => {
      const r = await setTagRuleAction({ tagId: tag.id, rule });
      setResult(
        r.ok
          ? {
              ok: true,
              message:
                rule === null
                  ? t('portraits.tags.ruleCleared')
                  : t('portraits.tags.ruleSaved', { count: r.data.members }),
            }
          : r,
      );
      if (r.ok) router.refresh();
    });
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">{t('portraits.tags.ruleHelp')}</p>
      <div>
        <label className="label" htmlFor="rule-segment">
          {t('portraits.tags.ruleSegment')}
        </label>
        {segments.length === 0 ? (
          <p className="text-sm text-slate-500">{t('portraits.tags.ruleNoSegments')}</p>
        ) : (
          <div className="flex gap-2">
            <select
              id="rule-segment"
              className="input"
              value={segmentId}
              onChange={(e) => setSegmentId(e.target.value)}
            >
              <option value="">—</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn-secondary whitespace-nowrap"
              disabled={pending || !segmentId}
              onClick={() =>
                save({
                  type: 'group',
                  op: 'and',
                  children: [{ type: 'segment', segmentId: Number(segmentId), op: 'member' }],
                })
              }
            >
              {t('portraits.tags.saveRule')}
            </button>
          </div>
        )}
      </div>
      <div>
        <label className="label" htmlFor="rule-json">
          {t('portraits.tags.ruleJson')}
        </label>
        <textarea
          id="rule-json"
          className="input font-mono text-xs"
          rows={6}
          value={json}
          onChange={(e) => setJson(e.target.value)}
          placeholder='{"type":"group","op":"and","children":[{"type":"profile","field":"rfmGroup","op":"eq","value":"champions"}]}'
        />
        <button
          type="button"
          className="btn-secondary mt-2"
          disabled={pending || !json.trim()}
          onClick={() => save(json)}
        >
          {t('portraits.tags.saveRule')}
        </button>
      </div>
      {tag.rule !== null && (
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => save(null)}>
          {t('portraits.tags.clearRule')}
        </button>
      )}
      <FormMessage result={result} />
    </div>
  );
}

export function DeleteTagButton({ tagId }: { tagId: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result>(null);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        className="btn-danger"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(t('portraits.tags.deleteConfirm'))) return;
          start(async () => {
            const r = await deleteTagAction(tagId);
            if (r.ok) router.push('/tags');
            else setResult(r);
          });
        }}
      >
        {t('portraits.tags.delete')}
      </button>
      <FormMessage result={result} />
    </div>
  );
}
