// One entry of the batch's "responses" array. Clients that read sub-response headers
// as a plain JSON object look them up by Graph's spelling ("Retry-After", "Content-Type"),
// so the well-known names are written that way.
import type { GraphResponse } from '../exchange.ts';
import type { JsonObject, MutableJsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';

const CANONICAL: Readonly<Record<string, string>> = {
  'retry-after': 'Retry-After',
  'content-type': 'Content-Type',
  'cache-control': 'Cache-Control',
  'odata-version': 'OData-Version',
  location: 'Location',
  etag: 'ETag',
  'www-authenticate': 'WWW-Authenticate',
};

// What Graph reports for its JSON (json-batching.md); its errors say plain application/json.
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function subResponse(id: string, response: GraphResponse): JsonObject {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[CANONICAL[name.toLowerCase()] ?? name] = value;
  if (response.body !== undefined && headers['Content-Type'] === undefined) {
    headers['Content-Type'] = typeof response.body === 'string' ? 'text/plain' : isJsonObject(response.body) && 'error' in response.body ? 'application/json' : ODATA_JSON;
  }
  const entry: MutableJsonObject = { id, status: response.status, headers };
  if (response.body !== undefined) entry['body'] = response.body;
  return entry;
}
