// Graph calls for tests: a bearer token, JSON in and out, nothing hidden.
import { httpsRequest } from './https-request.ts';

export interface GraphReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body when it was JSON; undefined otherwise. */
  readonly json: unknown;
}

export async function graphCall(
  baseUrl: string,
  ca: string,
  accessToken: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  pathOrUrl: string,
  body?: unknown,
): Promise<GraphReply> {
  const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
  const res = await httpsRequest(url, {
    method,
    ca,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  let json: unknown;
  try {
    json = res.text === '' ? undefined : JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text: res.text, json };
}

/** The human message inside an Intune error, whose `message` is itself a JSON document. */
export function intuneMessage(json: unknown): string {
  const message = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
  if (typeof message !== 'string') return '';
  try {
    const inner = JSON.parse(message) as { Message?: unknown };
    if (typeof inner.Message === 'string') {
      try {
        const nested = JSON.parse(inner.Message) as { Message?: unknown };
        return typeof nested.Message === 'string' ? nested.Message : inner.Message;
      } catch {
        return inner.Message;
      }
    }
  } catch {
    // A plain Graph error: the message is the text itself.
  }
  return message;
}
