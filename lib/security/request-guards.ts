/**
 * Requests refused before Next handles them, with a 4xx instead of the 500 Next answers on its own:
 * a path whose percent-encoding is broken (Next fails decoding the route's params) and a server-action body over
 * Next's limit (it throws while reading it).
 */

/** Next's default server-action body limit (`serverActions.bodySizeLimit`, 1 MB); next.config.js keeps it. */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

export function hasMalformedEncoding(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** A server-action POST (Next marks them with a Next-Action header) that declares a body over the limit. */
export function isOversizedAction(method: string, headers: Headers) {
  if (method !== 'POST' || !headers.has('next-action')) return false;
  return Number(headers.get('content-length') ?? 0) > SERVER_ACTION_BODY_LIMIT;
}
