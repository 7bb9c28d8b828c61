// Response helpers: every response leaves through here so headers stay consistent.
import type { ServerResponse } from 'node:http';

export type Headers = Readonly<Record<string, string | number | readonly string[]>>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  send(res, status, text, { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, html, {
    'content-type': 'text/html; charset=utf-8',
    // The sign-in pages carry no script from elsewhere; a strict policy keeps it so.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action *; frame-ancestors 'none'; script-src 'unsafe-inline'",
    'cache-control': 'no-store',
    ...headers,
  });
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Headers = {}): void {
  if (res.headersSent) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...flatten(headers), 'content-length': payload.length });
  res.end(payload);
}

export function redirect(res: ServerResponse, location: string, headers: Headers = {}): void {
  send(res, 302, '', { location, 'cache-control': 'no-store', ...headers });
}

function flatten(headers: Headers): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? [...(v as readonly string[])] : (v as string | number);
  return out;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
