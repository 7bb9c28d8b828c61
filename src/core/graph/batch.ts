// JSON batching (FACTS §4): at most 20 requests per $batch, `dependsOn` honoured, and throttling
// judged per item, so a 200 envelope can hold 429s. Only the items that failed go again, after
// the longest Retry-After among them; the rest keep their answers. Results come back in the
// order of the request, whatever order the service listed them in.
//
// Items are sent in rounds. A round packs the items that are ready (every dependency already
// succeeded, or travels in the same envelope ahead of them) into envelopes of 20; envelopes of a
// round go concurrently. An item whose dependency failed for good gets 424 without being sent,
// as Graph would answer it; an item that got 424 because its dependency was throttled goes again
// with it.
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { GraphClientListener } from './client-events.ts';
import { isDestructiveRequest } from './graph-paths.ts';
import { cancelledProblem, malformedProblem, problemFromResponse } from './problems.ts';
import type { RateBudget } from './rate-budget.ts';
import type { Answer } from './request-runner.ts';
import { retryAfterMs } from './retry-after.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { backoffDelayMs, mayRetryStatus, outcomeUnknownAfter } from './retry-policy.ts';
import type { TimeSource } from './time.ts';

export const MAX_BATCH_ITEMS = 20;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface BatchItem {
  /** Unique within the call; results carry it back. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Relative to the version root, with any query: '/deviceManagement/managedDevices/{id}'. */
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Ids of items (earlier in the list) that must succeed first. */
  readonly dependsOn?: readonly string[];
  /** Sending it twice is harmless; ignored for destructive actions. */
  readonly retrySafe?: boolean;
}

export interface BatchItemResult {
  readonly id: string;
  /** The item's own status; 0 when it never got one (the envelope failed, or cancelled). */
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Set for every status outside 2xx. */
  readonly problem?: Problem;
  /** Times the item was sent. */
  readonly attempts: number;
}

/** What goes on the wire for one item. */
export interface WireItem {
  readonly id: string;
  readonly method: HttpMethod;
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly dependsOn?: readonly string[];
}

export interface BatchDeps {
  /** Sends one envelope (with the client's own retries for the envelope); throws ProblemError. */
  readonly sendEnvelope: (items: readonly WireItem[], repeatable: boolean, signal: AbortSignal | undefined) => Promise<Answer>;
  readonly budget: RateBudget;
  readonly policy: RetryPolicy;
  readonly time: TimeSource;
  readonly random: () => number;
  readonly emit: GraphClientListener;
  readonly host: string;
}

interface ItemState {
  readonly item: BatchItem;
  readonly index: number;
  readonly repeatable: boolean;
  attempts: number;
  result?: BatchItemResult;
  /** Set after a round when the item goes again, with the problem to report if it cannot. */
  retry?: { readonly waitMs?: number; readonly problem?: Problem };
}

export async function runBatch(items: readonly BatchItem[], deps: BatchDeps, signal?: AbortSignal): Promise<readonly BatchItemResult[]> {
  const states = checkedItems(items);
  const byId = new Map(states.map((s) => [s.item.id, s]));
  const deadline = deps.time.now() + deps.policy.deadlineMs;
  for (let round = 1; states.some((s) => !s.result); round++) {
    if (signal?.aborted) {
      for (const s of states) if (!s.result) s.result = failed(s, 0, cancelledProblem());
      break;
    }
    const envelopes = planRound(states, byId);
    await Promise.all(envelopes.map((envelope) => sendRound(envelope, deps, byId, signal)));
    const retrying = states.filter((s) => s.retry);
    deps.emit({ kind: 'batchRound', at: deps.time.now(), round, sentItemIds: envelopes.flat().map((s) => s.item.id), retryItemIds: retrying.map((s) => s.item.id) });
    if (retrying.length === 0) continue;

    const told = retrying.map((s) => s.retry?.waitMs).filter((ms): ms is number => ms !== undefined);
    const waitMs = told.length > 0 ? Math.max(...told) : backoffDelayMs(Math.max(...retrying.map((s) => s.attempts)), deps.policy, deps.random);
    const now = deps.time.now();
    if (now + waitMs > deadline) {
      for (const s of retrying) giveUp(s, byId);
      continue;
    }
    // Throttled items mean the tenant's budget is spent: pause every caller, not just this batch.
    deps.budget.pauseUntil(now + waitMs, told.length > 0 ? 'retryAfter' : 'backoff');
    for (const s of retrying) delete s.retry;
  }
  return states.map((s) => s.result as BatchItemResult);
}

function checkedItems(items: readonly BatchItem[]): ItemState[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    if (item.id === '' || seen.has(item.id)) throw new RangeError(`Batch item ids must be unique and not empty; "${item.id}" is not.`);
    for (const dep of item.dependsOn ?? []) {
      if (!seen.has(dep)) throw new RangeError(`Batch item "${item.id}" depends on "${dep}", which is not an earlier item.`);
    }
    seen.add(item.id);
    const repeatable = !isDestructiveRequest(item.method, item.url) && (item.method === 'GET' || item.retrySafe === true);
    return { item, index, repeatable, attempts: 0 };
  });
}

/** Packs the ready items into envelopes; resolves at once those whose dependency failed for good. */
function planRound(states: readonly ItemState[], byId: ReadonlyMap<string, ItemState>): ItemState[][] {
  const envelopes: ItemState[][] = [];
  let current: ItemState[] = [];
  const inCurrent = new Set<string>();
  for (const s of states) {
    if (s.result) continue;
    const deps = (s.item.dependsOn ?? []).map((id) => byId.get(id) as ItemState);
    const failedDep = deps.find((d) => d.result && !isSuccess(d.result.status));
    if (failedDep) {
      s.result = dependencyFailed(s, failedDep, 0);
      continue;
    }
    const pending = deps.filter((d) => !d.result);
    if (pending.length > 0) {
      // Goes only with its dependencies, in the envelope being filled.
      if (pending.every((d) => inCurrent.has(d.item.id)) && current.length < MAX_BATCH_ITEMS) {
        current.push(s);
        inCurrent.add(s.item.id);
      }
      continue;
    }
    if (current.length === MAX_BATCH_ITEMS) {
      envelopes.push(current);
      current = [];
      inCurrent.clear();
    }
    current.push(s);
    inCurrent.add(s.item.id);
  }
  if (current.length > 0) envelopes.push(current);
  return envelopes;
}

async function sendRound(envelope: readonly ItemState[], deps: BatchDeps, byId: ReadonlyMap<string, ItemState>, signal: AbortSignal | undefined): Promise<void> {
  for (const s of envelope) s.attempts++;
  let answer: Answer;
  try {
    answer = await deps.sendEnvelope(wireItems(envelope), envelope.every((s) => s.repeatable), signal);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    for (const s of envelope) s.result = failed(s, 0, error.problem);
    return;
  }
  const ids = { clientRequestId: answer.clientRequestId, ...(answer.headers['request-id'] ? { requestId: answer.headers['request-id'] } : {}) };
  if (!isSuccess(answer.status)) {
    const problem = problemFromResponse({ ...ids, host: deps.host, now: answer.receivedAt, attempts: answer.attempts, status: answer.status, headers: answer.headers, body: answer.text, outcomeUnknown: answer.outcomeUnknown, ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}) });
    for (const s of envelope) s.result = failed(s, 0, problem);
    return;
  }
  const responses = readResponses(answer.text);
  for (const s of envelope) {
    const sub = responses?.get(s.item.id);
    if (!sub) s.result = failed(s, 0, malformedProblem(responses ? `the $batch answer has no response for item "${s.item.id}"` : 'the $batch answer is not a list of responses', ids));
    else if (sub.status !== 424) settleItem(s, sub, answer, deps); // 424s wait until their dependencies are settled
  }
  // In request order, so chains resolve: a 424 goes again with a dependency that goes again, else inherits its failure.
  for (const s of envelope) {
    if (responses?.get(s.item.id)?.status !== 424) continue;
    const dependencies = (s.item.dependsOn ?? []).map((id) => byId.get(id) as ItemState);
    if (dependencies.some((d) => d.retry)) {
      s.retry = {};
      continue;
    }
    const culprit = dependencies.find((d) => d.result && !isSuccess(d.result.status));
    s.result = culprit
      ? dependencyFailed(s, culprit, s.attempts)
      : failed(s, 424, { code: 'badRequest', message: 'Intune did not carry this out because a request it depends on failed.', httpStatus: 424, ...ids });
  }
}

/** What goes on the wire: dependsOn only on items of the same envelope (the rest already succeeded). */
function wireItems(envelope: readonly ItemState[]): WireItem[] {
  const ids = new Set(envelope.map((s) => s.item.id));
  return envelope.map(({ item }) => {
    const dependsOn = (item.dependsOn ?? []).filter((id) => ids.has(id));
    // Graph wants a Content-Type on every item with a body.
    const headers = item.body !== undefined && !hasHeader(item.headers, 'content-type') ? { ...item.headers, 'Content-Type': 'application/json' } : item.headers;
    return {
      id: item.id,
      method: item.method,
      url: item.url,
      ...(item.body !== undefined ? { body: item.body } : {}),
      ...(headers ? { headers } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    };
  });
}

/** An item's own answer: success, another round (refused, or a read that failed in flight), or its Problem. */
function settleItem(s: ItemState, sub: SubResponse, answer: Answer, deps: BatchDeps): void {
  const body = sub.body !== undefined ? { body: sub.body } : {};
  if (isSuccess(sub.status)) {
    s.result = { id: s.item.id, status: sub.status, headers: sub.headers, ...body, attempts: s.attempts };
    return;
  }
  const waitMs = retryAfterMs(sub.headers['retry-after'], answer.receivedAt);
  const requestId = sub.headers['request-id'] ?? answer.headers['request-id'];
  const problem = problemFromResponse({
    clientRequestId: answer.clientRequestId,
    host: deps.host,
    now: answer.receivedAt,
    attempts: s.attempts,
    status: sub.status,
    headers: { ...sub.headers, ...(requestId ? { 'request-id': requestId } : {}) },
    body: sub.body,
    outcomeUnknown: !s.repeatable && outcomeUnknownAfter(sub.status),
    ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}),
  });
  if (mayRetryStatus(sub.status, s.repeatable) && s.attempts < deps.policy.maxAttempts) {
    s.retry = { problem, ...(waitMs !== undefined ? { waitMs } : {}) };
    return;
  }
  s.result = { id: s.item.id, status: sub.status, headers: sub.headers, ...body, problem, attempts: s.attempts };
}

interface SubResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

function readResponses(text: string): Map<string, SubResponse> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  const list = typeof json === 'object' && json !== null ? (json as { responses?: unknown }).responses : undefined;
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, SubResponse>();
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { id, status, headers, body } = entry as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof id !== 'string' || typeof status !== 'number') return undefined;
    const lower: Record<string, string> = {};
    if (typeof headers === 'object' && headers !== null) {
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' || typeof v === 'number') lower[k.toLowerCase()] = String(v);
    }
    out.set(id, { status, headers: lower, ...(body !== undefined ? { body } : {}) });
  }
  return out;
}

/** An item out of time keeps its last answer; one that waited on a dependency inherits its failure. */
function giveUp(s: ItemState, byId: ReadonlyMap<string, ItemState>): void {
  const problem = s.retry?.problem;
  delete s.retry;
  if (problem) {
    s.result = { id: s.item.id, status: problem.httpStatus ?? 0, headers: {}, problem, attempts: s.attempts };
    return;
  }
  const culprit = (s.item.dependsOn ?? []).map((id) => byId.get(id) as ItemState).find((d) => d.result && !isSuccess(d.result.status));
  s.result = culprit ? dependencyFailed(s, culprit, s.attempts) : failed(s, 0, { code: 'serviceError', message: 'Intune did not carry this out in time; try again in a minute.' });
}

function dependencyFailed(s: ItemState, dependency: ItemState, attempts: number): BatchItemResult {
  const cause = dependency.result?.problem;
  const problem: Problem = {
    ...(cause ?? { code: 'badRequest' as const, message: 'It failed.' }),
    httpStatus: 424,
    message: `Not carried out, because request "${dependency.item.id}" it depends on failed: ${cause?.message ?? 'it failed.'}`,
  };
  return { id: s.item.id, status: 424, headers: {}, problem, attempts };
}

function failed(s: ItemState, status: number, problem: Problem): BatchItemResult {
  return { id: s.item.id, status, headers: {}, problem, attempts: s.attempts };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function hasHeader(headers: Readonly<Record<string, string>> | undefined, name: string): boolean {
  return headers !== undefined && Object.keys(headers).some((k) => k.toLowerCase() === name);
}
