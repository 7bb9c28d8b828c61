// A Graph request and response independent of sockets, so `$batch` items and HTTP
// requests go through exactly the same dispatcher, throttling and authorization.
import type { Json } from './model/json.ts';
import type { GraphVersion } from './model/schema.ts';

export interface GraphRequest {
  readonly method: string;
  readonly version: GraphVersion;
  /** Path after the version, decoded, starting with '/': '/deviceManagement/managedDevices'. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: Json | undefined;
  /** Absolute base for links: 'https://127.0.0.1:PORT'. */
  readonly baseUrl: string;
  /** Set for the items of a $batch. */
  readonly batchItemId?: string;
}

export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON body; a string is sent as text/plain (used by /$count); undefined = no body. */
  readonly body: Json | undefined;
}

export type GraphDispatch = (request: GraphRequest) => Promise<GraphResponse>;

export function jsonResponse(status: number, body: Json | undefined, headers: Readonly<Record<string, string>> = {}): GraphResponse {
  return { status, headers, body };
}
