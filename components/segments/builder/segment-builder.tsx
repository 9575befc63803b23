'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { useI18n } from '@/components/i18n-provider';
import { parseSegmentDefinition, SEGMENT_LIMITS, type SegmentGroup, type SegmentNode } from '@/lib/schemas/segment';
import { builderIssues, type BuilderIssue } from '@/lib/schemas/segment-builder';
import type { BuilderVocabulary } from '@/lib/services/segments';
import type { AudienceDraft } from '@/lib/services/assistant/describe-audience';
import { BuilderProvider, type ProductName } from './context';
import { DescribeAudience } from './describe-audience';
import { LiveCount, usePreview } from './live-count';
import { GroupEditor, TreeActionsProvider, type TreeActions } from './nodes';
import { appendAt, issuesByNode, moveAt, removeAt, updateAt, withIds, type Path } from './tree';
import { useDebounced } from './use-debounced';

/** The language's schema plus the builder's own rules (no empty nested group): what the server checks too. */
function validate(definition: unknown): { ok: true } | { ok: false; issues: BuilderIssue[] } {
  const parsed = parseSegmentDefinition(definition);
  if (!parsed.ok) return parsed;
  const extra = builderIssues(parsed.definition);
  return extra.length ? { ok: false, issues: extra } : { ok: true };
}

export type BuilderInitial = { name: string; description: string; definition: SegmentGroup };

/**
 * The segment builder: name and description, the tree of AND/OR groups and conditions, and the live count beside it.
 * Problems are found as you type (the same zod schema as the server) and shown next to the offending condition;
 * the count follows the last valid definition, 300 ms after the last edit.
 */
export function SegmentBuilder({
  initial,
  vocab,
  products,
  segmentId,
  save,
  assistant,
}: {
  initial: BuilderInitial;
  vocab: BuilderVocabulary;
  products: ProductName[];
  segmentId?: number;
  save: (input: unknown) => Promise<ActionResult<{ id: number }>>;
  /** "Describe the audience" (text → tree) and the model that answers it; absent where it is not offered */
  assistant?: {
    describe: (input: unknown) => Promise<ActionResult<AudienceDraft>>;
    previewPrompt: (input: unknown) => Promise<ActionResult<string | null>>;
    model: string | null;
  };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [root, setRoot] = useState<SegmentGroup>(() => withIds(initial.definition));
  const [knownProducts, setKnownProducts] = useState(() => new Map(products.map((p) => [p.id, p])));
  const [message, setMessage] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const local = useMemo(() => validate(root), [root]);
  const body = useMemo(() => JSON.stringify({ definition: root, segmentId }), [root, segmentId]);
  const settled = useDebounced(body, 300);
  const settledValid = useMemo(
    () => validate((JSON.parse(settled) as { definition: unknown }).definition).ok,
    [settled],
  );
  const preview = usePreview(settled, settledValid);
  const serverIssues = preview.data && !preview.data.ok && settled === body ? preview.data.issues : [];
  const issues = useMemo(() => issuesByNode(local.ok ? serverIssues : local.issues), [local, serverIssues]);

  const justAdded = useRef<string | null>(null);
  const actions: TreeActions = useMemo(
    () => ({
      update: (path: Path, node: SegmentNode) => setRoot((r) => updateAt(r, path, () => node)),
      remove: (path: Path) => setRoot((r) => removeAt(r, path)),
      move: (path: Path, delta: -1 | 1) => setRoot((r) => moveAt(r, path, delta)),
      append: (path: Path, node: SegmentNode) => {
        justAdded.current = node.id ?? null;
        setRoot((r) => appendAt(r, path, node));
      },
      claimFocus: (id: string | undefined) => {
        if (!id || id !== justAdded.current) return false;
        justAdded.current = null;
        return true;
      },
      issues,
      maxDepth: SEGMENT_LIMITS.maxDepth,
    }),
    [issues],
  );
  const rememberProduct = useCallback((p: ProductName) => setKnownProducts((m) => new Map(m).set(p.id, p)), []);
  const builder = useMemo(
    () => ({ vocab, segmentId, products: knownProducts, rememberProduct, depthLimit: SEGMENT_LIMITS.maxDepth }),
    [vocab, segmentId, knownProducts, rememberProduct],
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setNameError(t('segments.issues.text'));
    if (!local.ok || serverIssues.length) return setMessage(t('segments.builder.fixErrors'));
    start(async () => {
      const r = await save({ name, description, definition: root });
      if (r.ok) {
        router.push(`/segments/${r.data.id}`);
        router.refresh();
      } else {
        setNameError(r.fieldErrors?.name?.[0] ?? null);
        setMessage(r.message);
      }
    });
  }

  return (
    <BuilderProvider value={builder}>
      {assistant && (
        <div className="mb-4 xl:max-w-[calc(100%-23.5rem)]">
          <DescribeAudience {...assistant} onFill={(d) => setRoot(withIds(d))} />
        </div>
      )}
      <form onSubmit={onSubmit} className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]" noValidate>
        <div className="min-w-0 space-y-4">
          <div className="card grid gap-4 p-4 md:grid-cols-[1fr_1.4fr]">
            <div>
              <label className="label" htmlFor="segment-name">
                {t('segments.builder.name')}
              </label>
              <input
                id="segment-name"
                className="input"
                value={name}
                maxLength={100}
                placeholder={t('segments.builder.namePlaceholder')}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameError(null);
                }}
                aria-invalid={nameError ? true : undefined}
              />
              {nameError && (
                <p role="alert" className="mt-1 text-xs text-red-700">
                  {nameError}
                </p>
              )}
            </div>
            <div>
              <label className="label" htmlFor="segment-description">
                {t('segments.builder.description')}
              </label>
              <input
                id="segment-description"
                className="input"
                value={description}
                maxLength={500}
                placeholder={t('segments.builder.descriptionPlaceholder')}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
          </div>
          <section className="card p-4" aria-labelledby="conditions-title">
            <h2 id="conditions-title" className="mb-3 font-semibold">
              {t('segments.builder.conditions')}
            </h2>
            <TreeActionsProvider value={actions}>
              <GroupEditor g={root} path={[]} count={1} />
            </TreeActionsProvider>
          </section>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary" disabled={pending}>
              {pending ? t('segments.builder.saving') : t('segments.builder.save')}
            </button>
            <Link className="btn-secondary" href={segmentId ? `/segments/${segmentId}` : '/segments'}>
              {t('segments.builder.cancel')}
            </Link>
            {message && (
              <p role="alert" className="text-sm text-red-700">
                {message}
              </p>
            )}
          </div>
        </div>
        <div className="xl:sticky xl:top-4">
          <LiveCount
            q={preview}
            valid={local.ok && settledValid}
            emptyGroup={!local.ok && local.issues.some((i) => i.key === 'segments.issues.emptyGroup')}
          />
        </div>
      </form>
    </BuilderProvider>
  );
}
