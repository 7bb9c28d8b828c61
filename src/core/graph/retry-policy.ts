// When a failed exchange is tried again, and after how long. Graph asks clients to retry 429,
// 503 and 504 honouring Retry-After, with exponential backoff when it is missing (FACTS §4);
// reads also retry 500 and 502, which gateways return transiently.
// Backoff uses "full jitter" (a uniform delay between 0 and the exponential cap), which spreads
// concurrent callers out instead of having them retry in step.

export interface RetryPolicy {
  /** Tries per logical request, the first included. */
  readonly maxAttempts: number;
  /** A logical request gives up rather than wait past this, counted from its first try. */
  readonly deadlineMs: number;
  /** Cap of the first backoff; doubles per attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  deadlineMs: 180_000,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
};

/** The service refused the request without acting on it (throttled, unavailable): any request may go again. */
const REFUSED: ReadonlySet<number> = new Set([429, 503]);

/**
 * The service or a gateway failed while the request was in its hands (500, 502, 504): it may
 * have acted. A read goes again (a transient 5xx must not end a 100-page sync); a write that
 * cannot safely be repeated does not, and its outcome is reported as unknown.
 */
const FAILED_IN_FLIGHT: ReadonlySet<number> = new Set([500, 502, 504]);

export function mayRetryStatus(status: number, repeatable: boolean): boolean {
  return REFUSED.has(status) || (repeatable && FAILED_IN_FLIGHT.has(status));
}

/** Whether a request that got this status, and was not sent again, may still have been carried out. */
export function outcomeUnknownAfter(status: number): boolean {
  return FAILED_IN_FLIGHT.has(status);
}

/** Full-jitter exponential backoff for the given attempt (1 = the first try failed). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

export function checkedPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number, at least 1.');
  for (const key of ['deadlineMs', 'baseDelayMs', 'maxDelayMs'] as const) {
    if (!(policy[key] >= 0)) throw new RangeError(`${key} must be 0 or more.`);
  }
  return policy;
}
