// One logical request, tried until it gets a final answer: token, rate budget, send, and the
// retry decision. The same client-request-id goes with every try, so the service's logs tie the
// tries together; the service's request-id of the last answer goes into any Problem.
//
// Re-sending is where a client can do harm: a wipe whose connection dropped after it was sent
// may already be running on the device. So a request goes again after an ambiguous failure (a
// connection lost after sending, a 504) only when repeating it is harmless; everything else is
// reported with `outcomeUnknown` for a person to check. Refusals (429, 503) and failures before
// the request left (refused connection, DNS) are retried for every request.
//
// A sends-only-once request also gets a connection of its own, so a stale keep-alive socket can
// never be the reason its outcome is unknown.
import { randomUUID } from 'node:crypto';
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { GraphClientListener, WaitReason } from './client-events.ts';
import { parseGraphError } from './graph-error.ts';
import { cancelledProblem, problemFromTransport } from './problems.ts';
import type { BudgetUnit, RateBudget } from './rate-budget.ts';
import type { RequestSlots } from './request-slots.ts';
import { retryAfterMs } from './retry-after.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { backoffDelayMs, mayRetryStatus, outcomeUnknownAfter } from './retry-policy.ts';
import type { TimeSource } from './time.ts';
import type { HttpsTransport, TransportResponse } from './transport.ts';
import { TransportError } from './transport.ts';

export type TokenProvider = (scopes: readonly string[]) => Promise<string>;

export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly scopes: readonly string[];
  /** What this request spends from the tenant's budget ($batch: one unit per item). */
  readonly units: readonly BudgetUnit[];
  /** Sending it twice is harmless (GET, or the caller said so, and not a destructive action). */
  readonly repeatable: boolean;
  readonly signal?: AbortSignal;
  readonly batchItemIds?: readonly string[];
}

/** The final answer of a logical request, whatever its status. */
export interface Answer extends TransportResponse {
  readonly clientRequestId: string;
  readonly attempts: number;
  readonly receivedAt: number;
  readonly retryAfterMs?: number;
  /** A 500/502/504 to a request that was not repeated: it may have been carried out. */
  readonly outcomeUnknown: boolean;
}

export interface RunnerDeps {
  readonly transport: HttpsTransport;
  readonly budget: RateBudget;
  readonly slots: RequestSlots;
  readonly tokenProvider: TokenProvider;
  readonly policy: RetryPolicy;
  readonly time: TimeSource;
  readonly random: () => number;
  readonly emit: GraphClientListener;
}

interface Answered {
  readonly kind: 'answer';
  readonly response: TransportResponse;
  /** The token this try carried, to tell whether the provider has a newer one after a 401. */
  readonly token: string;
}
type Outcome = Answered | { readonly kind: 'failed'; readonly error: TransportError };

interface RunState {
  readonly clientRequestId: string;
  readonly deadline: number;
  retriedUnauthorized: boolean;
}

/** What a logical request does after a try. */
type Next =
  | { readonly kind: 'done'; readonly answer: Answer }
  | { readonly kind: 'wait'; readonly reason: WaitReason; readonly ms: number }
  | { readonly kind: 'pauseTenant'; readonly untilMs: number; readonly reason: 'retryAfter' | 'backoff' };

export class RequestRunner {
  private readonly deps: RunnerDeps;

  constructor(deps: RunnerDeps) {
    this.deps = deps;
  }

  async run(request: PreparedRequest): Promise<Answer> {
    const state: RunState = { clientRequestId: randomUUID(), deadline: this.deps.time.now() + this.deps.policy.deadlineMs, retriedUnauthorized: false };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, state.clientRequestId, attempt);
      const next = outcome.kind === 'failed' ? this.afterFailure(request, state, attempt, outcome.error) : await this.afterAnswer(request, state, attempt, outcome);
      if (next.kind === 'done') return next.answer;
      if (next.kind === 'pauseTenant') {
        // A 429: the tenant's budget is spent for everyone, so nothing goes out until the service allows it.
        this.deps.budget.pauseUntil(next.untilMs, next.reason);
      } else {
        await this.wait(next.reason, next.ms, state.clientRequestId, request.signal);
      }
    }
  }

  /** No complete answer: retry if the failure is transient and the request may go again; else a Problem. */
  private afterFailure(request: PreparedRequest, state: RunState, attempt: number, error: TransportError): Next {
    const at = this.deps.time.now();
    const { clientRequestId } = state;
    this.deps.emit({ kind: 'connectionFailed', at, clientRequestId, attempt, code: error.code, sent: error.sent });
    if (error.kind === 'aborted') throw new ProblemError(cancelledProblem(clientRequestId));
    const context = { clientRequestId, host: request.url.host, attempts: attempt, now: at };
    const transient = error.kind === 'network' || error.kind === 'timeout';
    // Sent, and not safe to repeat: it may have been carried out, so it must not go again.
    const mayResend = !error.sent || request.repeatable;
    if (!transient || !mayResend) throw new ProblemError(problemFromTransport(error, context, transient && !mayResend));
    const delay = backoffDelayMs(attempt, this.deps.policy, this.deps.random);
    if (attempt >= this.deps.policy.maxAttempts || at + delay > state.deadline) throw new ProblemError(problemFromTransport(error, context, false));
    return { kind: 'wait', reason: 'backoff', ms: delay };
  }

  /** An answer: final, or worth another try (after Retry-After or a backoff, or with a fresh token). */
  private async afterAnswer(request: PreparedRequest, state: RunState, attempt: number, outcome: Answered): Promise<Next> {
    const { response } = outcome;
    const at = this.deps.time.now();
    const waitMs = retryAfterMs(response.headers['retry-after'], at) ?? nestedRetryAfterMs(response);
    this.deps.emit({
      kind: 'response',
      at,
      clientRequestId: state.clientRequestId,
      status: response.status,
      attempt,
      ...(response.headers['request-id'] ? { requestId: response.headers['request-id'] } : {}),
      ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}),
    });
    const done = (outcomeUnknown: boolean): Next => ({
      kind: 'done',
      answer: {
        status: response.status,
        headers: response.headers,
        bytes: response.bytes,
        // Not spread: the text is decoded only if someone reads it (a page handed on as bytes never is).
        get text(): string {
          return response.text;
        },
        clientRequestId: state.clientRequestId,
        attempts: attempt,
        receivedAt: at,
        outcomeUnknown,
        ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}),
      },
    });

    if (response.status === 401 && !state.retriedUnauthorized) {
      // The token may have expired between issue and use: one more try if the provider has a newer one.
      state.retriedUnauthorized = true;
      const fresh = await this.guard(this.token(request, state.clientRequestId), state.clientRequestId, request.signal);
      return fresh !== outcome.token ? { kind: 'wait', reason: 'backoff', ms: 0 } : done(false);
    }
    if (!mayRetryStatus(response.status, request.repeatable)) return done(!request.repeatable && outcomeUnknownAfter(response.status));
    const delay = waitMs ?? backoffDelayMs(attempt, this.deps.policy, this.deps.random);
    const reason = waitMs === undefined ? 'backoff' : 'retryAfter';
    if (attempt >= this.deps.policy.maxAttempts || at + delay > state.deadline) {
      // Giving up on this request does not lift the throttle: every other caller of the tenant
      // must still hold off until the service said it would accept requests again.
      if (response.status === 429) this.deps.budget.pauseUntil(at + delay, reason);
      return done(false);
    }
    return response.status === 429 ? { kind: 'pauseTenant', untilMs: at + delay, reason } : { kind: 'wait', reason, ms: delay };
  }

  private async attempt(request: PreparedRequest, clientRequestId: string, attempt: number): Promise<Outcome> {
    const release = await this.guard(this.deps.slots.acquire(request.signal), clientRequestId, request.signal);
    try {
      const token = await this.guard(this.token(request, clientRequestId), clientRequestId, request.signal);
      await this.guard(
        this.deps.budget.acquire(request.units, request.signal, (w) => this.deps.emit({ kind: 'wait', at: this.deps.time.now(), reason: w.reason, ms: w.ms, clientRequestId, ...(w.budget ? { budget: w.budget } : {}) })),
        clientRequestId,
        request.signal,
      );
      // Nothing may be awaited between the budget's go-ahead and the send.
      this.deps.emit({
        kind: 'send',
        at: this.deps.time.now(),
        clientRequestId,
        method: request.method,
        path: `${request.url.pathname}${request.url.search}`,
        attempt,
        ...(request.batchItemIds ? { batchItemIds: request.batchItemIds } : {}),
      });
      try {
        const response = await this.deps.transport.send({
          method: request.method,
          url: request.url,
          headers: { ...request.headers, authorization: `Bearer ${token}`, 'client-request-id': clientRequestId },
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
          freshConnection: !request.repeatable,
        });
        return { kind: 'answer', response, token };
      } catch (error) {
        if (error instanceof TransportError) return { kind: 'failed', error };
        throw error;
      }
    } finally {
      release();
    }
  }

  private async token(request: PreparedRequest, clientRequestId: string): Promise<string> {
    if (request.signal?.aborted) throw new ProblemError(cancelledProblem(clientRequestId));
    try {
      return await this.deps.tokenProvider(request.scopes);
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      if (request.signal?.aborted) throw new ProblemError(cancelledProblem(clientRequestId));
      const problem: Problem = { code: 'signInRequired', message: 'Could not get an access token for this tenant. Sign in again.', clientRequestId };
      throw new ProblemError(problem);
    }
  }

  private async wait(reason: WaitReason, ms: number, clientRequestId: string, signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0) return;
    this.deps.emit({ kind: 'wait', at: this.deps.time.now(), reason, ms, clientRequestId });
    await this.guard(this.deps.time.sleep(ms, signal), clientRequestId, signal);
  }

  /** Turns an abort while waiting into a 'cancelled' Problem. */
  private async guard<T>(promise: Promise<T>, clientRequestId: string, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      if (signal?.aborted || isAbort(error)) throw new ProblemError(cancelledProblem(clientRequestId));
      throw error;
    }
  }
}

/** Intune also states RetryAfter inside its message document; used when the header is missing. */
function nestedRetryAfterMs(response: TransportResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const seconds = parseGraphError(response.text).retryAfterSeconds;
  return seconds === undefined ? undefined : Math.ceil(seconds * 1000);
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { name?: unknown }).name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR');
}
