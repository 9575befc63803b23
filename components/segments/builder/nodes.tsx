'use client';
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent as ClickEvent,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '@/components/i18n-provider';
import type { SegmentCondition, SegmentGroup, SegmentNode } from '@/lib/schemas/segment';
import { BehaviourEditor } from './behaviour-editor';
import { issueText } from './issues';
import {
  AttributeEditor,
  ChoiceEditor,
  ConsentEditor,
  OrdersEditor,
  PredictedEditor,
  SegmentRefEditor,
} from './other-editors';
import { TagEditor } from './tag-editor';
import { defaultCondition, KINDS, kindOf, newGroup, pathKey, type Kind, type NodeIssue, type Path } from './tree';

/** Edits of the tree, by path (the builder owns the state). */
export type TreeActions = {
  update: (path: Path, node: SegmentNode) => void;
  remove: (path: Path) => void;
  move: (path: Path, delta: -1 | 1) => void;
  append: (groupPath: Path, node: SegmentNode) => void;
  /** True once for a node just appended: it then takes the keyboard focus. */
  claimFocus: (id: string | undefined) => boolean;
  issues: Map<string, NodeIssue[]>;
  maxDepth: number;
};
const Actions = createContext<TreeActions | null>(null);
export const TreeActionsProvider = Actions.Provider;
const useActions = () => useContext(Actions)!;

const KIND_STYLE: Record<Kind, string> = {
  tag: 'bg-violet-50 text-violet-700',
  attribute: 'bg-slate-100 text-slate-700',
  behaviour: 'bg-sky-50 text-sky-700',
  orders: 'bg-amber-50 text-amber-800',
  rfm: 'bg-brand-50 text-brand-700',
  lifecycle: 'bg-emerald-50 text-emerald-800',
  predicted: 'bg-rose-50 text-rose-700',
  consent: 'bg-teal-50 text-teal-800',
  segment: 'bg-indigo-50 text-indigo-700',
};

const FOCUSABLE = 'select, input, button:not([disabled]), [tabindex="0"]';
const focusFirst = (el: HTMLElement | null) => el?.querySelector<HTMLElement>(FOCUSABLE)?.focus();

/** Focuses a node's first control when it was just added (so adding by keyboard carries on from the new row). */
function useFocusWhenAdded(id: string | undefined) {
  const a = useActions();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (a.claimFocus(id)) focusFirst(ref.current);
  }, [a, id]);
  return ref;
}

function IconButton({
  label,
  onClick,
  disabled,
  move,
  children,
}: {
  label: string;
  onClick: (e: ClickEvent<HTMLButtonElement>) => void;
  disabled?: boolean;
  move?: 'up' | 'down';
  children: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      data-move={move}
      onClick={onClick}
      className="inline-flex size-7 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30 disabled:hover:bg-transparent"
    >
      <span aria-hidden>{children}</span>
    </button>
  );
}

function RowButtons({ path, count }: { path: Path; count: number }) {
  const { t } = useI18n();
  const a = useActions();
  const k = path.at(-1)!;
  // The edit is applied at once (flushSync) so the focus can follow: the moved row keeps it, a removal hands it to
  // the "add condition" button of the group the row was in.
  const move = (e: ClickEvent<HTMLButtonElement>, delta: -1 | 1) => {
    const row = e.currentTarget.parentElement!;
    flushSync(() => a.move(path, delta));
    const same = row.querySelector<HTMLButtonElement>(`[data-move="${delta < 0 ? 'up' : 'down'}"]`);
    (same?.disabled
      ? row.querySelector<HTMLButtonElement>(`[data-move="${delta < 0 ? 'down' : 'up'}"]`)
      : same
    )?.focus();
  };
  const remove = (e: ClickEvent<HTMLButtonElement>) => {
    const group = e.currentTarget.closest('[data-node]')?.parentElement?.closest<HTMLElement>('[role="group"]');
    flushSync(() => a.remove(path));
    group?.querySelector<HTMLElement>(':scope > [data-add] [aria-haspopup="menu"]')?.focus();
  };
  return (
    <div className="flex shrink-0 items-center">
      <IconButton label={t('segments.builder.moveUp')} move="up" disabled={k === 0} onClick={(e) => move(e, -1)}>
        ↑
      </IconButton>
      <IconButton
        label={t('segments.builder.moveDown')}
        move="down"
        disabled={k === count - 1}
        onClick={(e) => move(e, 1)}
      >
        ↓
      </IconButton>
      <IconButton label={t('segments.builder.remove')} onClick={remove}>
        ✕
      </IconButton>
    </div>
  );
}

function Issues({ issues, type }: { issues: NodeIssue[] | undefined; type?: string }) {
  const { t } = useI18n();
  if (!issues?.length) return null;
  const texts = [...new Set(issues.map((i) => issueText(t, i, type)))];
  return (
    <ul className="mt-1.5 space-y-0.5">
      {texts.map((m) => (
        <li key={m} role="alert" className="text-xs font-medium text-red-700">
          ⚠ {m}
        </li>
      ))}
    </ul>
  );
}

function ConditionRow({ c, path, count }: { c: SegmentCondition; path: Path; count: number }) {
  const { t } = useI18n();
  const a = useActions();
  const issues = a.issues.get(pathKey(path));
  const bad = (field: string) =>
    Boolean(issues?.some((i) => i.field === field || (field !== '' && i.field.startsWith(`${field}.`))));
  const set = (n: SegmentCondition) => a.update(path, n);
  const kind = kindOf(c);
  const ref = useFocusWhenAdded(c.id);
  let editor: ReactNode;
  switch (c.type) {
    case 'tag':
      editor = <TagEditor c={c} onChange={set} bad={bad} />;
      break;
    case 'attribute':
      editor = <AttributeEditor c={c} onChange={set} bad={bad} />;
      break;
    case 'behaviour':
      editor = <BehaviourEditor c={c} onChange={set} bad={bad} />;
      break;
    case 'orders':
      editor = <OrdersEditor c={c} onChange={set} bad={bad} />;
      break;
    case 'profile':
      editor =
        kind === 'predicted' ? (
          <PredictedEditor c={c} onChange={set} bad={bad} />
        ) : (
          <ChoiceEditor c={c} onChange={set} bad={bad} />
        );
      break;
    case 'consent':
      editor = <ConsentEditor c={c} onChange={set} />;
      break;
    case 'segment':
      editor = <SegmentRefEditor c={c} onChange={set} bad={bad} />;
      break;
  }
  return (
    <div
      ref={ref}
      className={`rounded-lg border bg-white p-2.5 shadow-sm ${issues?.length ? 'border-red-300' : 'border-slate-200'}`}
      data-node
      data-testid={`condition-${pathKey(path)}`}
      data-kind={kind}
    >
      <div className="flex items-start gap-2">
        <span className={`badge mt-1 shrink-0 ${KIND_STYLE[kind]}`}>{t(`segments.kinds.${kind}`)}</span>
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">{editor}</div>
        <RowButtons path={path} count={count} />
      </div>
      <Issues issues={issues} type={c.type} />
    </div>
  );
}

/**
 * The "add condition" menu: every kind with a one-line hint. Keyboard: Enter or Space opens it on the first kind,
 * arrows, Home and End move, Enter picks (the new condition then takes the focus), Escape closes it back on the button,
 * Tab leaves it.
 */
function AddMenu({ onPick }: { onPick: (k: Kind) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (go !== undefined) {
      e.preventDefault();
      items[(go + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      trigger.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
  };
  return (
    <div ref={box} className="relative">
      <button
        ref={trigger}
        type="button"
        className="btn-secondary px-2.5 py-1.5"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        ＋ {t('segments.builder.addCondition')}
      </button>
      {open && (
        <div
          role="menu"
          aria-label={t('segments.builder.addCondition')}
          onKeyDown={onKey}
          className="absolute z-30 mt-1 w-[26rem] max-w-[80vw] rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg"
        >
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="menuitem"
              tabIndex={-1}
              // biome-ignore lint/a11y/noAutofocus: the menu the user just opened focuses its first item
              autoFocus={k === 'tag'}
              className="flex w-full flex-col items-start rounded-md px-2.5 py-1.5 text-left hover:bg-brand-50 focus:bg-brand-50 focus:outline-2 focus:outline-brand-600 focus:-outline-offset-2"
              onClick={() => {
                onPick(k);
                setOpen(false);
              }}
            >
              <span className="text-sm font-medium">{t(`segments.kinds.${k}`)}</span>
              <span className="text-xs text-slate-500">{t(`segments.kindHints.${k}`)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A group: all/any of its children, optionally excluded (NOT), with its children and the add buttons. */
export function GroupEditor({ g, path, count }: { g: SegmentGroup; path: Path; count: number }) {
  const { t } = useI18n();
  const a = useActions();
  const isRoot = path.length === 0;
  const canNest = path.length + 2 <= a.maxDepth;
  const connector = g.op === 'and' ? t('segments.builder.and') : t('segments.builder.or');
  const frame = isRoot
    ? ''
    : `rounded-xl border-2 border-dashed p-3 ${g.negate ? 'border-rose-300 bg-rose-50/40' : 'border-sky-300 bg-sky-50/40'}`;
  const ref = useFocusWhenAdded(isRoot ? undefined : g.id);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> brings its own border, padding and min-width; role=group keeps the look
    <div
      ref={ref}
      className={frame}
      data-node={isRoot ? undefined : true}
      role="group"
      aria-label={
        isRoot ? t('segments.builder.conditions') : `${t('segments.builder.group')} ${path.map((k) => k + 1).join('.')}`
      }
      data-testid={`group-${isRoot ? 'root' : pathKey(path)}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        {g.negate && <span className="badge bg-rose-600 text-white">{t('segments.builder.excluded')}</span>}
        <span className="text-slate-700">
          {isRoot ? t('segments.builder.match') : t('segments.builder.matchGroup')}
        </span>
        <select
          aria-label={t('segments.builder.matchGroup')}
          value={g.op}
          onChange={(e) => a.update(path, { ...g, op: e.target.value as 'and' | 'or' })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-semibold"
        >
          <option value="and">{t('segments.builder.all')}</option>
          <option value="or">{t('segments.builder.any')}</option>
        </select>
        <span className="text-slate-700">{t('segments.builder.ofThese')}</span>
        <span className="text-xs text-slate-400">
          ({g.op === 'and' ? t('segments.builder.allHint') : t('segments.builder.anyHint')})
        </span>
        {!isRoot && (
          <>
            <label
              className="ml-auto inline-flex items-center gap-1.5 text-sm text-slate-700"
              title={t('segments.builder.negateHelp')}
            >
              <input
                type="checkbox"
                checked={g.negate === true}
                onChange={(e) =>
                  a.update(
                    path,
                    e.target.checked
                      ? { ...g, negate: true }
                      : { id: g.id, type: 'group', op: g.op, children: g.children },
                  )
                }
              />
              {t('segments.builder.negate')}
            </label>
            <RowButtons path={path} count={count} />
          </>
        )}
      </div>
      <Issues issues={a.issues.get(pathKey(path))?.filter((i) => !i.field.startsWith('children'))} />
      {g.children.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-3 py-4 text-sm text-slate-500">
          {isRoot ? t('segments.builder.rootEmpty') : t('segments.builder.groupEmpty')}
        </p>
      ) : (
        <ol className="space-y-0">
          {g.children.map((child, k) => (
            <li key={child.id ?? k}>
              {k > 0 && (
                <div className="flex items-center gap-2 py-1 pl-4">
                  <span
                    className={`badge ${g.op === 'and' ? 'bg-slate-200 text-slate-700' : 'bg-amber-100 text-amber-800'}`}
                  >
                    {connector}
                  </span>
                </div>
              )}
              {child.type === 'group' ? (
                <GroupEditor g={child} path={[...path, k]} count={g.children.length} />
              ) : (
                <ConditionRow c={child} path={[...path, k]} count={g.children.length} />
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="mt-2 flex flex-wrap gap-2" data-add>
        <AddMenu onPick={(k) => a.append(path, defaultCondition(k))} />
        <button
          type="button"
          className="btn-secondary px-2.5 py-1.5"
          disabled={!canNest}
          title={canNest ? undefined : t('segments.builder.maxDepth', { depth: a.maxDepth })}
          onClick={() => a.append(path, newGroup(g.op === 'and' ? 'or' : 'and'))}
        >
          ＋ {t('segments.builder.addGroup')}
        </button>
      </div>
    </div>
  );
}
