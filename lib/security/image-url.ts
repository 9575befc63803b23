/**
 * Product image addresses. Every viewer's browser requests them with that viewer's cookies, so an address must not
 * be able to reach anything but a picture:
 * - absolute https URLs (http only where an admin allows it under Settings → Shop);
 * - paths of this installation's own pictures under /images/ (the demo catalogue's /images/products/…): static
 *   files and rewrites to static files, which change nothing; no `..`, `%`, `\` or query can step out of there.
 * Everything else — other relative paths, protocol-relative //host, data:, javascript: — is refused.
 */
const OWN_IMAGE_PATH = /^\/images\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export type ImageUrlProblem = 'notAbsolute' | 'notHttps' | 'credentials';

export function imageUrlProblem(url: string, opts: { allowHttp: boolean }): ImageUrlProblem | null {
  if (OWN_IMAGE_PATH.test(url) && !url.split('/').includes('..')) return null;
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return 'notAbsolute';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'credentials';
  if (parsed.protocol === 'http:' && !opts.allowHttp) return 'notHttps';
  return null;
}

/** For rendering rows stored before these rules: anything the rules would refuse is not shown at all. */
export function isSafeImageSrc(url: string | null | undefined): url is string {
  return typeof url === 'string' && imageUrlProblem(url, { allowHttp: true }) === null;
}
