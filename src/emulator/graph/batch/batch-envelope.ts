// Reads a JSON batch body and checks the rules that fail the whole batch with 400
// (FACTS §4; messages as Graph words them, from captured responses where one was found).
import type { Json, JsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';

export const MAX_BATCH_REQUESTS = 20;

export interface BatchItem {
  /** As the client wrote it; responses echo it. */
  readonly id: string;
  readonly method: string;
  readonly url: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Json | undefined;
  /** Indexes of the items this one waits for; always earlier in the array. */
  readonly dependsOn: readonly number[];
}

export type EnvelopeResult = { readonly ok: true; readonly items: readonly BatchItem[] } | { readonly ok: false; readonly message: string };

// Captured from Graph (bradleymarques/microslop_one_drive test fixtures, 2026).
const INVALID_FORMAT = 'Invalid batch payload format.';
const TOO_MANY = 'Number of requests inside batch exceed the limit.';
const duplicateId = (id: string): string => `Request Id ${id} has to be unique in a batch.`;
// Seen in msgraph-sdk-dotnet#2628 and confirmed as batch-level in Softeria/ms-365-mcp-server#683.
const writeWithoutBody = (id: string): string => `Write request id : ${id} does not contain Content-Type header or body.`;
// Named in msgraph-sdk-dotnet-core#891; the full wording is not on record [uncertain].
const invalidDependency = (id: string): string => `Invalid dependency for request Id ${id}.`;

const BODY_REQUIRED: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export function parseBatchEnvelope(body: Json | undefined): EnvelopeResult {
  if (!isJsonObject(body)) return failure(INVALID_FORMAT);
  const requests = body['requests'];
  // An empty batch is refused as malformed too (noted by Graph clients, e.g. a PHP SDK's comment).
  if (!Array.isArray(requests) || requests.length === 0) return failure(INVALID_FORMAT);
  if (requests.length > MAX_BATCH_REQUESTS) return failure(TOO_MANY);

  const raw: { readonly id: string; readonly method: string; readonly url: string; readonly headers: Record<string, string>; readonly body: Json | undefined; readonly dependsOn: readonly string[] }[] = [];
  for (const entry of requests as readonly Json[]) {
    const item = readItem(entry);
    if (item === undefined) return failure(INVALID_FORMAT);
    raw.push(item);
  }

  // Ids are not case-sensitive (json-batching.md), so "A" and "a" collide.
  const indexById = new Map<string, number>();
  for (const [index, item] of raw.entries()) {
    const key = item.id.toLowerCase();
    if (indexById.has(key)) return failure(duplicateId(item.id));
    indexById.set(key, index);
  }

  const items: BatchItem[] = [];
  for (const [index, item] of raw.entries()) {
    // Graph refuses a write without a body, and any body without a Content-Type, for the whole batch.
    const hasBody = item.body !== undefined;
    if ((BODY_REQUIRED.has(item.method) && !hasBody) || (hasBody && !item.headers['content-type'])) return failure(writeWithoutBody(item.id));
    const dependsOn: number[] = [];
    for (const dependency of item.dependsOn) {
      const target = indexById.get(dependency.toLowerCase());
      // Graph runs a batch in array order and wants a dependency to come first, which
      // also rules out cycles and self-dependencies.
      if (target === undefined || target >= index) return failure(invalidDependency(item.id));
      if (!dependsOn.includes(target)) dependsOn.push(target);
    }
    items.push({ id: item.id, method: item.method, url: item.url, headers: item.headers, body: item.body, dependsOn });
  }
  return { ok: true, items };
}

function readItem(entry: Json): { id: string; method: string; url: string; headers: Record<string, string>; body: Json | undefined; dependsOn: readonly string[] } | undefined {
  if (!isJsonObject(entry)) return undefined;
  const { id, method, url } = entry;
  if (typeof id !== 'string' || id === '' || typeof method !== 'string' || method === '' || typeof url !== 'string' || url === '') return undefined;
  const headers = readHeaders(entry['headers']);
  const dependsOn = readDependsOn(entry['dependsOn']);
  if (headers === undefined || dependsOn === undefined) return undefined;
  // OData JSON batch: "body": null means no body.
  const body = entry['body'] === null ? undefined : entry['body'];
  return { id, method: method.toUpperCase(), url, headers, body, dependsOn };
}

function readHeaders(value: Json | undefined): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as JsonObject)) {
    if (typeof v !== 'string') return undefined;
    headers[name.toLowerCase()] = v;
  }
  return headers;
}

function readDependsOn(value: Json | undefined): readonly string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const ids = value as readonly Json[];
  return ids.every((d): d is string => typeof d === 'string') ? (ids as readonly string[]) : undefined;
}

function failure(message: string): EnvelopeResult {
  return { ok: false, message };
}
