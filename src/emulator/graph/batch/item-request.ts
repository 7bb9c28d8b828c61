// Turns a batch item into the same GraphRequest an HTTP request becomes, so the one
// dispatcher (with its authorization and throttling) handles both.
import type { GraphRequest } from '../exchange.ts';
import type { BatchItem } from './batch-envelope.ts';
import { parseItemUrl } from './item-url.ts';

/** Outer headers an item inherits unless it sets its own. */
const INHERITED_HEADERS = ['authorization', 'client-request-id'] as const;

export type ItemRequest = { readonly ok: true; readonly request: GraphRequest } | { readonly ok: false; readonly message: string; readonly headers: Readonly<Record<string, string>> };

export function itemRequest(item: BatchItem, outer: GraphRequest): ItemRequest {
  const headers: Record<string, string> = {};
  for (const name of INHERITED_HEADERS) {
    const value = outer.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  Object.assign(headers, item.headers);
  const url = parseItemUrl(item.url);
  if (!url.ok) return { ok: false, message: url.message, headers };
  return {
    ok: true,
    request: {
      method: item.method,
      version: outer.version,
      path: url.path,
      query: url.query,
      headers,
      body: item.body,
      baseUrl: outer.baseUrl,
      batchItemId: item.id,
    },
  };
}
