import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { readCustomerViews, updateCustomerViews } from '@/lib/db/customer-views';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from './auth/actor';
import { listQueryString, parseListParams } from './customers-list';
import { parseInput } from './validate';

export const MAX_VIEWS = 30;

const savedViewSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(60),
  query: z.string().max(2000),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

const saveSchema = z.object({
  name: z.string().trim().min(1, 'customerList.views.nameRequired').max(60, 'customerList.views.nameTooLong'),
  query: z.string().max(2000).default(''),
});

/** Stored views that still parse (a damaged entry is skipped rather than breaking the page). */
function viewsOf(value: unknown): SavedView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const parsed = savedViewSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Only the list's own, valid parameters are kept, in canonical form and without the page number. */
function canonicalQuery(query: string) {
  const record = Object.fromEntries(new URLSearchParams(query.replace(/^\?/, '')).entries());
  const { params } = parseListParams(record);
  return listQueryString({ ...params, page: 1 });
}

/** The signed-in user's saved views of the customer list, by name. */
export async function listCustomerViews(actor: Actor | null): Promise<SavedView[]> {
  const user = authorize(actor, 'customers:view');
  return viewsOf(await readCustomerViews(db, user.userId)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Saves the current filters and sort under a name; the same name replaces that view. */
export async function saveCustomerView(actor: Actor | null, input: unknown): Promise<SavedView> {
  const user = authorize(actor, 'customers:view');
  const { name, query } = parseInput(saveSchema, input);
  const view: SavedView = { id: randomUUID(), name, query: canonicalQuery(query), createdAt: new Date().toISOString() };
  await updateCustomerViews(db, user.userId, (current) => {
    const views = viewsOf(current);
    const same = views.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (same) return views.map((v) => (v === same ? { ...view, id: same.id } : v));
    if (views.length >= MAX_VIEWS) throw new AppError('CONFLICT', 'customerList.views.tooMany');
    return [...views, view];
  });
  return view;
}

/** Deletes one of the user's views; another user's view id is simply not found. */
export async function deleteCustomerView(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'customers:view');
  const viewId = parseInput(z.string().min(1).max(64), id);
  let found = false;
  await updateCustomerViews(db, user.userId, (current) => {
    const views = viewsOf(current);
    found = views.some((v) => v.id === viewId);
    return views.filter((v) => v.id !== viewId);
  });
  if (!found) throw new AppError('NOT_FOUND', 'customerList.views.notFound');
}
