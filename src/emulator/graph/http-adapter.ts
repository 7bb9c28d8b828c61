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
import type { Json } from './model/json.ts';
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
    const path = decodeURIComponent(url.pathname.slice(versionSegment.length + 1)) || '/';
    const headers = lowerHeaders(req);
    const ctx: ErrorContext = { requestId: newRequestId(), now: deps.clock.now(), ...(headers['client-request-id'] ? { clientRequestId: headers['client-request-id'] } : {}) };

    if (decision.delayMs > 0) await delay(decision.delayMs);
    if (decision.outcome.kind === 'drop' && !decision.outcome.afterHandling) {
      req.socket.destroy();
      return;
    }

    let response: GraphResponse;
    if (decision.outcome.kind === 'serverError') {
      response = serverErrorResponse(decision.outcome.status, ctx, path, decision.outcome.retryAfterSeconds);
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
    let text = serializeBody(response);
    if (decision.outcome.kind === 'malformedPage' && response.status === 200 && isPage(response.body)) text = malformBody(text);
    const payload = Buffer.from(text, 'utf8');
    const outHeaders: Record<string, string | number> = {
      ...(typeof response.body === 'string' ? { 'content-type': 'text/plain; charset=utf-8' } : response.body === undefined ? {} : { 'content-type': JSON_CONTENT_TYPE }),
      'odata-version': '4.0',
      'request-id': ctx.requestId,
      ...(ctx.clientRequestId ? { 'client-request-id': ctx.clientRequestId } : {}),
      ...response.headers,
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
    return { value: JSON.parse(raw.toString('utf8')) as Json };
  } catch {
    return graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', ctx);
  }
}

function serializeBody(response: GraphResponse): string {
  if (response.body === undefined) return '';
  // A bare string is the text/plain answer of /$count; every other body is JSON.
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
}

function isPage(body: Json | undefined): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray((body as { value?: unknown }).value);
}
