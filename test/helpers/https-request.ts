// One HTTPS request that trusts exactly the demo tenant's CA, follows no redirects and hides
// nothing: status, headers and body as the server sent them.
import { request } from 'node:https';

export interface HttpsResponse {
  readonly status: number;
  /** Lower-case names; repeated headers (set-cookie) joined with '\n'. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface HttpsRequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** PEM of the CA to trust (the demo tenant's). */
  readonly ca: string;
  readonly timeoutMs?: number;
}

export function httpsRequest(url: string, options: HttpsRequestOptions): Promise<HttpsResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = request(url, { method: options.method ?? 'GET', headers, ca: options.ca, timeout: options.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) flat[k] = Array.isArray(v) ? v.join('\n') : v;
        }
        // Trailers (Server-Timing on streamed pages) arrive after the body; they read like headers.
        for (const [k, v] of Object.entries(res.trailers)) if (v !== undefined) flat[k.toLowerCase()] = v;
        resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Request to ${url} timed out`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** POSTs a form and parses the JSON answer. */
export async function postForm(url: string, fields: Readonly<Record<string, string>>, ca: string, headers: Readonly<Record<string, string>> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Readonly<Record<string, string>> }> {
  const res = await httpsRequest(url, {
    method: 'POST',
    ca,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, json: parseJsonObject(res.text, url), headers: res.headers };
}

export async function getJson(url: string, ca: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await httpsRequest(url, { ca });
  return { status: res.status, json: parseJsonObject(res.text, url) };
}

function parseJsonObject(text: string, url: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${url} did not answer with a JSON object: ${text.slice(0, 200)}`);
  return value as Record<string, unknown>;
}
