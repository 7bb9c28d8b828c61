// Reading Graph's error bodies (FACTS §5). Graph's own errors are plain:
//   {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
// Intune puts a JSON document inside `message` ({"_version":3,"Message":"<sentence> - Operation
// ID …: … - Activity ID: … - Url: …","RetryAfter":…}), and for users without an Intune role wraps
// that once more in {"ErrorCode":"Forbidden","Message":"<the document>",…} under code
// UnknownError. This finds the human sentence under any of those layers and the facts a
// technician needs from it: the scopes that would allow the request, the Intune permission a
// role lacks.

export interface GraphErrorDetails {
  /** The outermost error code ('Forbidden', 'UnknownError', 'TooManyRequests', …). */
  readonly code?: string;
  /** The code inside an UnknownError wrapper, when there is one ('Forbidden'). */
  readonly innerCode?: string;
  /** The human sentence, without Intune's trailing operation id, activity id and URL. */
  readonly message?: string;
  /** "must have one of the following scopes: A, B" → [A, B]. */
  readonly requiredScopes?: readonly string[];
  /** The Intune permission a role must grant, e.g. 'Microsoft.Intune_RemoteTasks_Wipe'. */
  readonly intunePermission?: string;
  /** Intune's activity id (support asks for it). */
  readonly activityId?: string;
  /** `RetryAfter` inside Intune's document, in seconds, when the header was missing. */
  readonly retryAfterSeconds?: number;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  /** The service's timestamp of the error (innerError.date). */
  readonly date?: string;
}

type JsonRecord = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads an error body; gives what it can find, never throws. */
export function parseGraphError(body: unknown): GraphErrorDetails {
  const parsed = typeof body === 'string' ? tryJson(body) : body;
  const error = isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : undefined;
  if (!error) return {};
  const inner = isRecord(error['innerError']) ? error['innerError'] : isRecord(error['innererror']) ? error['innererror'] : undefined;
  const layers = unwrap(text(error['message']));
  const sentence = layers.sentence === undefined ? undefined : humanSentence(layers.sentence);
  const scopes = sentence === undefined ? undefined : scopesIn(layers.sentence ?? '');
  const permission = layers.sentence === undefined ? undefined : intunePermissionIn(layers.sentence);
  const activityId = layers.sentence === undefined ? undefined : /Activity ID:\s*([0-9a-fA-F-]{8,})/.exec(layers.sentence)?.[1];
  const code = text(error['code']);
  return {
    ...(code ? { code } : {}),
    ...(layers.innerCode ? { innerCode: layers.innerCode } : {}),
    ...(sentence ? { message: sentence } : {}),
    ...(scopes && scopes.length > 0 ? { requiredScopes: scopes } : {}),
    ...(permission ? { intunePermission: permission } : {}),
    ...(activityId ? { activityId } : {}),
    ...(layers.retryAfterSeconds !== undefined ? { retryAfterSeconds: layers.retryAfterSeconds } : {}),
    ...(inner && text(inner['request-id']) ? { requestId: text(inner['request-id']) } : {}),
    ...(inner && text(inner['client-request-id']) ? { clientRequestId: text(inner['client-request-id']) } : {}),
    ...(inner && text(inner['date']) ? { date: text(inner['date']) } : {}),
  };
}

interface Layers {
  readonly sentence?: string;
  readonly innerCode?: string;
  readonly retryAfterSeconds?: number;
}

/** Peels JSON documents off `message` (at most a few layers) down to the sentence. */
function unwrap(message: string | undefined): Layers {
  let current = message;
  let innerCode: string | undefined;
  let retryAfterSeconds: number | undefined;
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    const doc = current.trimStart().startsWith('{') ? tryJson(current) : undefined;
    if (!isRecord(doc)) break;
    innerCode ??= text(doc['ErrorCode']);
    const retryAfter = doc['RetryAfter'];
    if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) retryAfterSeconds ??= retryAfter;
    const next = text(doc['Message']) ?? text(doc['message']);
    if (next === undefined) break;
    current = next;
  }
  return {
    ...(current !== undefined ? { sentence: current } : {}),
    ...(innerCode ? { innerCode } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

/** Intune appends " - Operation ID (for customer support): … - Activity ID: … - Url: …". */
function humanSentence(message: string): string {
  const cut = message.search(/\s+-\s+(Operation ID|Activity ID|Url:)/);
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}

function scopesIn(message: string): readonly string[] | undefined {
  const match = /one of the following scopes:\s*(.+?)(?:\s+-\s+Operation ID|\s+-\s+Activity ID|\s*$)/is.exec(message);
  if (!match?.[1]) return undefined;
  return match[1]
    .split(/[,\s]+/)
    .map((s) => s.trim().replace(/[.;]$/, ''))
    .filter((s) => /^[A-Za-z]+(\.[A-Za-z]+)+$/.test(s));
}

function intunePermissionIn(message: string): string | undefined {
  return /\b(Microsoft\.Intune[_/][A-Za-z]+[_/][A-Za-z]+)\b/.exec(message)?.[1];
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
