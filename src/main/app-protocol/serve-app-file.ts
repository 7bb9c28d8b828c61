// The app:// protocol handler's body, as a plain function from a request URL to a fetch
// Response (Node has Response too, so it is tested without Electron). Every response, errors
// included, carries the security headers.
import { readFile, stat } from 'node:fs/promises';
import { resolveAppFile } from './resolve-app-file.ts';
import { securityHeaders } from './security-headers.ts';

export interface ServeOptions {
  /** The renderer build: dist/renderer inside the app. */
  readonly rootDir: string;
  /** Told about refused requests, which a working window never makes. */
  readonly onRefused?: (url: string, status: number, reason: string) => void;
}

export async function serveAppFile(method: string, requestUrl: string, options: ServeOptions): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, `${method} is not served`, requestUrl, options);
  const file = resolveAppFile(options.rootDir, requestUrl);
  if (file.kind === 'refused') return refuse(file.status, file.reason, requestUrl, options);
  try {
    const info = await stat(file.path);
    if (!info.isFile()) return refuse(404, 'not a file', requestUrl, options);
    const body = method === 'HEAD' ? null : await readFile(file.path);
    return new Response(body, {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': file.contentType, 'Content-Length': String(info.size), 'Cache-Control': 'no-cache' },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(404, 'no such file', requestUrl, options);
    throw error;
  }
}

function refuse(status: number, reason: string, url: string, options: ServeOptions): Response {
  options.onRefused?.(url, status, reason);
  return new Response(`${status}: ${reason}\n`, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}
