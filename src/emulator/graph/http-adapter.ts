// Turns HTTP requests on /v1.0 and /beta into GraphRequests and writes GraphResponses back,
// applying the fault switches on the way: those belong to the wire (a dropped connection,
// a trickling body), not to the dispatcher that $batch items also go through.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { BodyTooLargeError, readBody } from '../http/body.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import { malformBody } from '../faults/malformed-body.ts';
import { serverErrorResponse } from '../faults/server-error.ts';
import { writeSlowly } from '../faults/slow-body.ts';
import type { Clock } from '../clock.ts';
import type { GraphDispatch, GraphRequest, GraphResponse } from './exchange.ts';
import { graphError, newRequestId } from './errors.ts';
import type { ErrorContext } from './errors.ts';
import type { Json, JsonObject } from './model/json.ts';
import type { GraphVersion } from './model/schema.ts';

/** What Graph answers JSON with; OData clients read odata.metadata from it. */
const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface GraphHttpDeps {
  readonly dispatch: GraphDispatch;
  readonly faults: FaultInjector;
  readonly clock: Clock;
  readonly baseUrl: () => string;
  readonly log: (message: string) => void;
}

export function createGraphHttpHandler(deps: GraphHttpDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async (req, res, url) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    // Decide before any await so decisions follow arrival order and stay reproducible under the seed.
    const decision = deps.faults.decide({ isCollectionGet: method === 'GET' });
    const [, versionSegment = ''] = url.pathname.split('/');
    const version = versionSegment as GraphVersion;
    const rawPath = url.pathname.slice(versionSegment.length + 1);
    const path = decodePath(rawPath);
    const headers = lowerHeaders(req);
    const ctx: ErrorContext = { requestId: newRequestId(), now: deps.clock.now(), ...(headers['client-request-id'] ? { clientRequestId: headers['client-request-id'] } : {}) };

    if (decision.delayMs > 0) await delay(decision.delayMs);
    if (decision.outcome.kind === 'drop' && !decision.outcome.afterHandling) {
      req.socket.destroy();
      return;
    }

    let response: GraphResponse;
    if (decision.outcome.kind === 'serverError') {
      response = serverErrorResponse(decision.outcome.status, ctx, path ?? rawPath, decision.outcome.retryAfterSeconds);
    } else if (path === undefined) {
      // The same answer a batch item with this URL gets (item-url.ts); Graph's wording is not on record [uncertain].
      response = graphError(400, 'BadRequest', `Invalid request URL '${url.pathname}': it is not validly percent-encoded.`, ctx);
    } else {
      const body = await readJsonBody(req, ctx);
      if ('status' in body) {
        response = body;
      } else {
        const request: GraphRequest = { method, version, path, query: url.searchParams, headers, body: body.value, baseUrl: deps.baseUrl() };
        response = await deps.dispatch(request);
      }
    }

    if (decision.outcome.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const baseHeaders: Record<string, string | number> = {
      ...(typeof response.body === 'string' ? { 'content-type': 'text/plain; charset=utf-8' } : response.body === undefined ? {} : { 'content-type': JSON_CONTENT_TYPE }),
      'odata-version': '4.0',
      'request-id': ctx.requestId,
      ...(ctx.clientRequestId ? { 'client-request-id': ctx.clientRequestId } : {}),
      ...response.headers,
    };
    if (decision.outcome.kind === 'none' && decision.slowBodyBytesPerSecond === undefined && isPage(response.body)) {
      streamPage(res, response.status, baseHeaders, response.body as JsonObject, () => performance.now() - started - decision.delayMs);
      return;
    }
    let text = serializeBody(response);
    if (decision.outcome.kind === 'malformedPage' && response.status === 200 && isPage(response.body)) text = malformBody(text);
    const payload = Buffer.from(text, 'utf8');
    const outHeaders: Record<string, string | number> = {
      ...baseHeaders,
      'content-length': payload.length,
      // The standard way to report server time; the benchmark reads it.
      'server-timing': `app;dur=${(performance.now() - started - decision.delayMs).toFixed(2)}`,
    };
    res.writeHead(response.status, outHeaders);
    if (decision.slowBodyBytesPerSecond !== undefined && payload.length > 0) {
      await writeSlowly(res, payload, decision.slowBodyBytesPerSecond);
    } else {
      res.end(payload);
    }
  };
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function readJsonBody(req: IncomingMessage, ctx: ErrorContext): Promise<{ readonly value: Json | undefined } | GraphResponse> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return graphError(413, 'RequestEntityTooLarge', error.message, ctx);
    throw error;
  }
  if (raw.length === 0) return { value: undefined };
  try {
    return { value: JSON.parse(raw.toString('utf8'), wellFormedStrings) as Json };
  } catch {
    return graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', ctx);
  }
}

/** The path after the version, decoded; undefined when its percent-escapes are not valid UTF-8. */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw) || '/';
  } catch {
    return undefined;
  }
}

/**
 * JSON may escape a lone surrogate ("\ud800"), which has no UTF-8 form, so a name holding one
 * could never travel in a URL: the nextLink of the page it ends could not be written. Stored
 * strings get U+FFFD in its place, as a UTF-8 round trip would give [uncertain what Graph keeps].
 */
function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.toWellFormed() : value;
}

function serializeBody(response: GraphResponse): string {
  if (response.body === undefined) return '';
  // A bare string is the text/plain answer of /$count; every other body is JSON.
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
}

function isPage(body: Json | undefined): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray((body as { value?: unknown }).value);
}

/** Items are written in groups of about this many characters: small enough to stay out of V8's large-object space. */
const CHUNK_CHARS = 48 * 1024;

/**
 * A page of up to 1000 entities is ~2.5 MB of JSON. Built as one string it lands in V8's
 * large-object space, and a few pages later a full collection of the 100,000-device heap
 * follows; written item by item in small chunks it stays young garbage that dies cheaply.
 * The body is sent chunked, so the server time (to the last byte handed to the socket) goes
 * in a Server-Timing trailer.
 */
function streamPage(res: ServerResponse, status: number, headers: Record<string, string | number>, page: JsonObject, elapsed: () => number): void {
  res.writeHead(status, { ...headers, trailer: 'server-timing' });
  const { value, ...annotations } = page;
  const head = JSON.stringify(annotations);
  let chunk = `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"value":[`;
  const items = value as readonly Json[];
  for (let i = 0; i < items.length; i++) {
    chunk += (i === 0 ? '' : ',') + JSON.stringify(items[i]);
    if (chunk.length >= CHUNK_CHARS) {
      res.write(chunk);
      chunk = '';
    }
  }
  res.write(`${chunk}]}`);
  res.addTrailers({ 'server-timing': `app;dur=${elapsed().toFixed(2)}` });
  res.end();
}
