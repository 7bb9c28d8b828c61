// A client-side rate budget per tenant, so the app stays inside Intune's published limits
// (FACTS §4) instead of finding them by collecting 429s. One budget is shared by every caller
// that talks to a tenant (the sync engine's concurrent partitions, the UI, $batch items), and
// by every GraphClient of that tenant (v1.0 and beta), when they are given the same instance.
//
// Each budget is a sliding-window log of send times: a request may go at time t only if fewer
// than `limit` requests were reserved in (t - window, t]. That is stricter than the token bucket
// Intune (and the demo tenant) enforce, and it keeps "N per 20 s" true for every 20-second
// window, not just on average. Reservations are made synchronously and never go back in time,
// so concurrent callers are served in order and the check is O(1).
//
// A 429 pauses the whole tenant until its Retry-After: the service has said it will refuse
// anything earlier, from any caller.
import type { TimeSource } from './time.ts';
import { systemTime } from './time.ts';
import type { RequestKind, ThrottleArea } from './throttle-area.ts';

export interface RateLimits {
  /** Length of the window the published figures count over. */
  readonly windowMs: number;
  /** Requests per window, per app per tenant, as Intune publishes them. */
  readonly perWindow: Readonly<Record<ThrottleArea, Readonly<Record<RequestKind, number>>>>;
  /** Share of the published figure the client allows itself (0.9 keeps 10% in hand for the
   * delay between reserving and sending, clock differences, and other tools of the same app). */
  readonly safetyMargin: number;
}

/** Intune's per-app-per-tenant figures: 1000 any / 100 writes per 20 s, doubled for the devices service. */
export const INTUNE_PUBLISHED_LIMITS: RateLimits = {
  windowMs: 20_000,
  perWindow: {
    devices: { any: 2000, write: 200 },
    other: { any: 1000, write: 100 },
  },
  safetyMargin: 0.9,
};

/** One request's claim on the budget. */
export interface BudgetUnit {
  readonly area: ThrottleArea;
  readonly kind: RequestKind;
}

export interface BudgetWait {
  /** 'retryAfter' or 'backoff' when the tenant is paused after a 429; 'rateBudget' when the client's own budget is spent. */
  readonly reason: 'rateBudget' | 'retryAfter' | 'backoff';
  readonly ms: number;
  /** The budget that made the caller wait (for 'rateBudget'). */
  readonly budget?: BudgetUnit;
}

export interface RateBudgetOptions {
  readonly limits?: RateLimits;
  readonly time?: TimeSource;
}

/** Send times of the last `limit` reservations, oldest first, in a ring. */
class SlidingWindow {
  private readonly times: number[];
  private head = 0;
  private size = 0;
  readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
    this.times = new Array<number>(limit).fill(0);
  }

  /** The earliest time ≥ `earliest` at which one more request fits; records it. */
  reserve(earliest: number, windowMs: number): number {
    let at = earliest;
    if (this.size > 0) at = Math.max(at, this.at(this.size - 1));
    // With `limit` reservations kept, the oldest must have left the window.
    if (this.size === this.limit) at = Math.max(at, this.at(0) + windowMs);
    this.push(at);
    return at;
  }

  private at(index: number): number {
    return this.times[(this.head + index) % this.limit] as number;
  }

  private push(time: number): void {
    if (this.size < this.limit) {
      this.times[(this.head + this.size) % this.limit] = time;
      this.size++;
    } else {
      this.times[this.head] = time;
      this.head = (this.head + 1) % this.limit;
    }
  }
}

export class RateBudget {
  readonly limits: RateLimits;
  private readonly time: TimeSource;
  private readonly windows = new Map<string, SlidingWindow>();
  private pausedUntilMs = 0;
  private pauseReason: 'retryAfter' | 'backoff' = 'retryAfter';

  constructor(options: RateBudgetOptions = {}) {
    this.limits = checkedLimits(options.limits ?? INTUNE_PUBLISHED_LIMITS);
    this.time = options.time ?? systemTime;
  }

  /** Requests of this kind the client allows itself per window. */
  allowance(unit: BudgetUnit): number {
    return Math.max(1, Math.floor(this.limits.perWindow[unit.area][unit.kind] * this.limits.safetyMargin));
  }

  /** When the tenant may be sent anything again (epoch ms; 0 when not paused). */
  get pausedUntil(): number {
    return this.pausedUntilMs;
  }

  /**
   * Nothing goes to this tenant before `untilMs`: a 429's Retry-After, or the backoff chosen
   * after a 429 that did not say. Never shortens a pause.
   */
  pauseUntil(untilMs: number, reason: 'retryAfter' | 'backoff' = 'retryAfter'): void {
    if (untilMs <= this.pausedUntilMs) return;
    this.pausedUntilMs = untilMs;
    this.pauseReason = reason;
  }

  /**
   * Waits until every unit fits its budgets and the tenant is not paused, then returns; the
   * caller sends at once. Writes are placed in the write budget first and take their place in
   * the "any" budget only when that wait is over, so a queue of writes never holds up reads.
   */
  async acquire(units: readonly BudgetUnit[], signal?: AbortSignal, onWait?: (wait: BudgetWait) => void): Promise<void> {
    signal?.throwIfAborted();
    const writes = units.filter((u) => u.kind === 'write');
    if (writes.length > 0) await this.reserveAndWait(writes, signal, onWait);
    await this.reserveAndWait(units.map((u) => ({ area: u.area, kind: 'any' as const })), signal, onWait);
    await this.waitOutPause(signal, onWait);
  }

  private async reserveAndWait(units: readonly BudgetUnit[], signal: AbortSignal | undefined, onWait: ((wait: BudgetWait) => void) | undefined): Promise<void> {
    await this.waitOutPause(signal, onWait);
    const now = this.time.now();
    let latest = now;
    let blockedBy: BudgetUnit | undefined;
    for (const unit of units) {
      const at = this.window(unit).reserve(now, this.limits.windowMs);
      if (at > latest) {
        latest = at;
        blockedBy = unit;
      }
    }
    if (latest > now) {
      onWait?.({ reason: 'rateBudget', ms: latest - now, ...(blockedBy ? { budget: blockedBy } : {}) });
      await this.time.sleep(latest - now, signal);
    }
  }

  /** A 429 may arrive while a caller sleeps on its reservation, so the pause is checked last. */
  private async waitOutPause(signal: AbortSignal | undefined, onWait: ((wait: BudgetWait) => void) | undefined): Promise<void> {
    for (;;) {
      const now = this.time.now();
      if (now >= this.pausedUntilMs) return;
      onWait?.({ reason: this.pauseReason, ms: this.pausedUntilMs - now });
      await this.time.sleep(this.pausedUntilMs - now, signal);
    }
  }

  private window(unit: BudgetUnit): SlidingWindow {
    const key = `${unit.area}/${unit.kind}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.allowance(unit));
      this.windows.set(key, window);
    }
    return window;
  }
}

function checkedLimits(limits: RateLimits): RateLimits {
  if (!(limits.windowMs > 0)) throw new RangeError('Rate limits need a window longer than 0 ms.');
  if (!(limits.safetyMargin > 0 && limits.safetyMargin <= 1)) throw new RangeError('The safety margin is a share of the published budget, above 0 and at most 1.');
  for (const area of ['devices', 'other'] as const) {
    for (const kind of ['any', 'write'] as const) {
      const n = limits.perWindow[area][kind];
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`The ${area}/${kind} limit must be a whole number of requests, at least 1.`);
    }
  }
  return limits;
}
