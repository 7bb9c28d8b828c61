// The one Graph client of a tenant: every call of the app goes through it. It adds the token
// (from a provider: it never sees MSAL, and never logs or returns a token), keeps the tenant
// inside Intune's published rate budget, retries what Graph says to retry, follows pages, sends
// $batch, and turns every failure into a Problem. A lean client on node:https rather than the
// Graph SDK's middleware: see the README section "Graph client: lean, not the SDK".
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { BatchItem, BatchItemResult, HttpMethod, WireItem } from './batch.ts';
import { runBatch } from './batch.ts';
import type { GraphClientListener } from './client-events.ts';
import type { CollectionPath, EntityPath } from './graph-paths.ts';
import { isDestructiveRequest } from './graph-paths.ts';
import type { GraphPage } from './page.ts';
import { readPage } from './page.ts';
import type { RawPage } from './raw-page.ts';
import { peekNextLink } from './raw-page.ts';
import { malformedProblem, problemFromResponse } from './problems.ts';
import type { RateLimits } from './rate-budget.ts';
import { RateBudget } from './rate-budget.ts';
import type { Answer, PreparedRequest, TokenProvider } from './request-runner.ts';
import { RequestRunner } from './request-runner.ts';
import { RequestSlots } from './request-slots.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { DEFAULT_RETRY_POLICY, checkedPolicy } from './retry-policy.ts';
import { isWriteMethod, throttleAreaOf } from './throttle-area.ts';
import type { TimeSource } from './time.ts';
import { systemTime } from './time.ts';
import { HttpsTransport } from './transport.ts';

export type { TokenProvider } from './request-runner.ts';
export type GraphVersion = 'v1.0' | 'beta';
export type QueryValue = string | number | boolean;

export interface GraphClientOptions {
  /** 'https://graph.microsoft.com', or the demo tenant's 'https://127.0.0.1:PORT'. */
  readonly baseUrl: string;
  readonly version: GraphVersion;
  readonly tokenProvider: TokenProvider;
  /** Scopes asked of the token provider when a request names none. */
  readonly scopes?: readonly string[];
  /** PEM of the only CA to trust for this host (the demo tenant's); the system's roots otherwise. */
  readonly caCertificatePem?: string;
  /** Share one budget between the clients of a tenant (v1.0 and beta); one of its own otherwise. */
  readonly rateBudget?: RateBudget;
  /** Limits for a budget of its own; Intune's published figures at 90% by default. */
  readonly rateLimits?: RateLimits;
  readonly retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, across every caller of this client. */
  readonly maxConcurrentRequests?: number;
  /** A request fails when no byte moves for this long. */
  readonly idleTimeoutMs?: number;
  readonly userAgent?: string;
  readonly time?: TimeSource;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number;
  readonly onEvent?: GraphClientListener;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Scopes to ask the token provider for (incremental consent); the client's default otherwise. */
  readonly scopes?: readonly string[];
  /**
   * Sending this twice does no harm (a sync, a PATCH of the same values), so it may go again
   * after a dropped connection or a 504. Ignored for destructive actions, which never go twice.
   */
  readonly retrySafe?: boolean;
}

export interface GraphRequest extends RequestOptions {
  readonly method: HttpMethod;
  /** Relative to the version root ('/deviceManagement/managedDevices'), or an absolute URL on the same host. */
  readonly path: string;
  readonly body?: unknown;
}

export interface GraphResponse<T> {
  readonly status: number;
  /** Parsed JSON, the text of a text/plain answer, or undefined for an empty one. */
  readonly body: T | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly attempts: number;
}

export interface BatchOptions {
  readonly signal?: AbortSignal;
  readonly scopes?: readonly string[];
}

const DEFAULT_SCOPES: readonly string[] = ['https://graph.microsoft.com/.default'];

export class GraphClient {
  readonly baseUrl: string;
  readonly version: GraphVersion;
  readonly budget: RateBudget;
  private readonly origin: string;
  private readonly scopes: readonly string[];
  private readonly userAgent: string;
  private readonly transport: HttpsTransport;
  private readonly runner: RequestRunner;
  private readonly time: TimeSource;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly emit: GraphClientListener;

  constructor(options: GraphClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:') throw new RangeError('Graph is only reached over HTTPS.');
    this.baseUrl = base.origin;
    this.origin = base.origin;
    this.version = options.version;
    this.scopes = options.scopes ?? DEFAULT_SCOPES;
    this.userAgent = options.userAgent ?? 'IntuneDesk/0.1';
    this.time = options.time ?? systemTime;
    this.random = options.random ?? Math.random;
    this.policy = checkedPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.emit = options.onEvent ?? (() => {});
    this.budget = options.rateBudget ?? new RateBudget({ ...(options.rateLimits ? { limits: options.rateLimits } : {}), time: this.time });
    this.transport = new HttpsTransport({
      ...(options.caCertificatePem !== undefined ? { caCertificatePem: options.caCertificatePem } : {}),
      ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    });
    this.runner = new RequestRunner({
      transport: this.transport,
      budget: this.budget,
      slots: new RequestSlots(options.maxConcurrentRequests ?? 16),
      tokenProvider: options.tokenProvider,
      policy: this.policy,
      time: this.time,
      random: this.random,
      emit: this.emit,
    });
  }

  /** Sends one request; resolves with a 2xx answer or throws ProblemError. */
  async send<T>(request: GraphRequest): Promise<GraphResponse<T>> {
    const url = this.urlFor(request.path, request.query);
    const answer = await this.runner.run(this.prepare(request.method, url, request, request.body));
    return this.accept<T>(answer);
  }

  async get<T>(path: string | EntityPath<T>, options: RequestOptions = {}): Promise<T> {
    const response = await this.send<T>({ ...options, method: 'GET', path: pathOf(path) });
    if (response.body === undefined) throw new ProblemError(malformedProblem('the answer was empty', idsOf(response)));
    return response.body;
  }

  async post<T = undefined>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T | undefined> {
    return (await this.send<T>({ ...options, method: 'POST', path, ...(body !== undefined ? { body } : {}) })).body;
  }

  async patch<T = undefined>(path: string, body: unknown, options: RequestOptions = {}): Promise<T | undefined> {
    return (await this.send<T>({ ...options, method: 'PATCH', path, body })).body;
  }

  async delete(path: string, options: RequestOptions = {}): Promise<void> {
    await this.send<unknown>({ ...options, method: 'DELETE', path });
  }

  /**
   * The pages of a collection, following `@odata.nextLink` verbatim. Each page is retried on its
   * own; a page that cannot be read ends the iteration with a `malformedResponse` Problem.
   */
  pages<T>(path: string | CollectionPath<T>, options: RequestOptions = {}): AsyncGenerator<GraphPage<T>, void, undefined> {
    return this.follow(path, options, (answer) => {
      const reading = readPage<T>(answer.text);
      if (!reading.ok) throw new ProblemError(malformedProblem(reading.reason, answerIds(answer)));
      return { item: reading.page, next: reading.page.nextLink };
    });
  }

  /**
   * The same pages as their bytes, undecoded, for a reader that parses them elsewhere (a sync's
   * writer threads) and checks them with readRawPage(). Only the next link is read here; a page
   * whose form leaves that unsure is parsed whole, and refused if it cannot be read.
   */
  rawPages(path: string | CollectionPath<unknown>, options: RequestOptions = {}): AsyncGenerator<RawPage, void, undefined> {
    return this.follow(path, options, (answer) => {
      const peeked = peekNextLink(answer.bytes);
      let next = peeked?.nextLink;
      if (!peeked) {
        const reading = readPage<unknown>(answer.text);
        if (!reading.ok) throw new ProblemError(malformedProblem(reading.reason, answerIds(answer)));
        next = reading.page.nextLink;
      }
      return { item: { bytes: answer.bytes, ...(next === undefined ? {} : { nextLink: next }), ...answerIds(answer) }, next };
    });
  }

  private async *follow<I>(path: string | CollectionPath<unknown>, options: RequestOptions, read: (answer: Answer) => { readonly item: I; readonly next: string | undefined }): AsyncGenerator<I, void, undefined> {
    let url: URL | undefined = this.urlFor(pathOf(path), options.query);
    while (url) {
      const answer = await this.runner.run(this.prepare('GET', url, options, undefined));
      if (answer.status < 200 || answer.status >= 300) throw new ProblemError(this.problemOf(answer));
      const { item, next } = read(answer);
      yield item;
      url = next === undefined ? undefined : this.sameOriginLink(next, answer);
    }
  }

  /** Every item of a collection. For large lists prefer pages(), which streams. */
  async all<T>(path: string | CollectionPath<T>, options: RequestOptions = {}): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages(path, options)) items.push(...page.value);
    return items;
  }

  /**
   * JSON batching: any number of items, sent 20 per $batch, failed items retried on their own.
   * Never throws for a failed item: each result carries its status and Problem, in request order.
   */
  batch(items: readonly BatchItem[], options: BatchOptions = {}): Promise<readonly BatchItemResult[]> {
    return runBatch(
      items,
      {
        sendEnvelope: (wire, repeatable, signal) => this.runner.run(this.envelope(wire, repeatable, signal, options.scopes)),
        budget: this.budget,
        policy: this.policy,
        time: this.time,
        random: this.random,
        emit: this.emit,
        host: new URL(this.origin).host,
      },
      options.signal,
    );
  }

  /** Closes the client's connections; requests still in flight fail. */
  close(): void {
    this.transport.close();
  }

  private envelope(wire: readonly WireItem[], repeatable: boolean, signal: AbortSignal | undefined, scopes: readonly string[] | undefined): PreparedRequest {
    return {
      method: 'POST',
      url: this.urlFor('/$batch', undefined),
      headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': this.userAgent },
      body: JSON.stringify({ requests: wire }),
      scopes: scopes ?? this.scopes,
      // Graph counts each item against the budget, not the envelope.
      units: wire.map((w) => ({ area: throttleAreaOf(w.url), kind: isWriteMethod(w.method) ? ('write' as const) : ('any' as const) })),
      repeatable,
      ...(signal ? { signal } : {}),
      batchItemIds: wire.map((w) => w.id),
    };
  }

  private prepare(method: HttpMethod, url: URL, options: RequestOptions, body: unknown): PreparedRequest {
    const pathAfterVersion = url.pathname.slice(`/${this.version}`.length);
    const repeatable = !isDestructiveRequest(method, pathAfterVersion) && (method === 'GET' || options.retrySafe === true);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent, ...options.headers };
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    return {
      method,
      url,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      scopes: options.scopes ?? this.scopes,
      units: [{ area: throttleAreaOf(pathAfterVersion), kind: isWriteMethod(method) ? 'write' : 'any' }],
      repeatable,
      ...(options.signal ? { signal: options.signal } : {}),
    };
  }

  private accept<T>(answer: Answer): GraphResponse<T> {
    if (answer.status < 200 || answer.status >= 300) throw new ProblemError(this.problemOf(answer));
    const ids = answerIds(answer);
    let body: T | undefined;
    if (answer.text !== '') {
      const type = answer.headers['content-type'] ?? '';
      if (/json/i.test(type) || /^\s*[[{]/.test(answer.text)) {
        try {
          body = JSON.parse(answer.text) as T;
        } catch {
          throw new ProblemError(malformedProblem('the answer is not valid JSON', ids));
        }
      } else {
        body = answer.text as T;
      }
    }
    return {
      status: answer.status,
      body,
      headers: answer.headers,
      clientRequestId: answer.clientRequestId,
      attempts: answer.attempts,
      ...(ids.requestId ? { requestId: ids.requestId } : {}),
    };
  }

  private problemOf(answer: Answer): Problem {
    return problemFromResponse({
      clientRequestId: answer.clientRequestId,
      host: new URL(this.origin).host,
      attempts: answer.attempts,
      now: answer.receivedAt,
      status: answer.status,
      headers: answer.headers,
      body: answer.text,
      outcomeUnknown: answer.outcomeUnknown,
      ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}),
    });
  }

  /** A nextLink to another host would carry the token there: refused. */
  private sameOriginLink(link: string, answer: Answer): URL {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new ProblemError(malformedProblem('the next-page link is not a URL', answerIds(answer)));
    }
    if (url.origin !== this.origin) throw new ProblemError(malformedProblem(`the next-page link points to another host (${url.host})`, answerIds(answer)));
    return url;
  }

  private urlFor(path: string, query: Readonly<Record<string, QueryValue>> | undefined): URL {
    let url: URL;
    if (/^https:\/\//i.test(path)) {
      url = new URL(path);
      if (url.origin !== this.origin) throw new RangeError(`This client only calls ${this.origin}, not ${url.origin}.`);
    } else {
      if (!path.startsWith('/')) throw new RangeError(`Graph paths start with "/": ${path}`);
      url = new URL(`${this.origin}/${this.version}${path}`);
    }
    if (query) {
      // OData wants `$top`, not `%24top`; values are percent-encoded.
      const extra = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
      url = new URL(`${url.origin}${url.pathname}${url.search === '' ? '?' : `${url.search}&`}${extra}`);
    }
    return url;
  }
}

function pathOf<T>(path: string | CollectionPath<T> | EntityPath<T>): string {
  return typeof path === 'string' ? path : path.path;
}

function answerIds(answer: Answer): { readonly clientRequestId: string; readonly requestId?: string } {
  return { clientRequestId: answer.clientRequestId, ...(answer.headers['request-id'] ? { requestId: answer.headers['request-id'] } : {}) };
}

function idsOf<T>(response: GraphResponse<T>): { readonly clientRequestId: string; readonly requestId?: string } {
  return { clientRequestId: response.clientRequestId, ...(response.requestId ? { requestId: response.requestId } : {}) };
}
