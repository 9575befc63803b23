/**
 * What a server action returns to the page that called it: the data, or a message in the user's language with
 * per-field messages for forms. Built by `runAction` (app/_server/action.ts); components receive actions typed
 * with it as props.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
