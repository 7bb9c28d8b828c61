// Which file of the renderer build an app:// URL names, or why none. The path is decoded,
// resolved against the build folder, and refused unless it stays inside it: "..", encoded
// "%2e%2e", backslashes and absolute paths cannot climb out.
import { resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../app-identity.ts';
import { contentTypeOf } from './content-types.ts';

export type AppFile =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly reason: string };

export function resolveAppFile(rootDir: string, requestUrl: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused', status: 404, reason: `not an ${APP_SCHEME}://${APP_HOST}/ URL` };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (path.includes('\0')) return { kind: 'refused', status: 400, reason: 'the path holds a NUL byte' };
  // A backslash is a separator on Windows: refuse it everywhere, so the rule is the same on every OS.
  if (path.includes('\\')) return { kind: 'refused', status: 403, reason: 'the path holds a backslash' };
  if (path === '' || path === '/') path = '/index.html';
  const root = resolve(rootDir);
  const target = resolve(root, `.${path}`);
  // Resolve, then check the prefix: whatever the path spelled, the file must be inside the root.
  if (!target.startsWith(root + sep)) return { kind: 'refused', status: 403, reason: 'the path leads outside the app' };
  return { kind: 'file', path: target, contentType: contentTypeOf(target) };
}
