// A token bucket that holds at most one window's budget and refills continuously at
// budget per window. Credit is kept in "request × window-milliseconds" so that, with a
// whole-millisecond clock, all arithmetic stays in integers: no drift, and the wait it
// reports is exactly the wait after which a request passes.

export class TokenBucket {
  /** Requests the bucket holds when full: one window's budget. */
  readonly capacity: number;
  private readonly windowMs: number;
  /** Credit for one request. */
  private readonly cost: number;
  private readonly full: number;
  private credit: number;
  private updatedAt: number;

  constructor(capacity: number, windowMs: number, now: number) {
    this.capacity = capacity;
    this.windowMs = windowMs;
    this.cost = windowMs;
    this.full = capacity * windowMs;
    this.credit = this.full;
    this.updatedAt = now;
  }

  /** Whole requests the bucket would allow right now. */
  available(now: number): number {
    this.refill(now);
    return Math.floor(this.credit / this.cost);
  }

  /** Milliseconds until one request is allowed; 0 when it is allowed now. */
  waitMs(now: number): number {
    this.refill(now);
    const missing = this.cost - this.credit;
    // Credit grows by `capacity` per millisecond.
    return missing <= 0 ? 0 : Math.ceil(missing / this.capacity);
  }

  /** Spends one request; callers check waitMs() first so a bucket never goes negative. */
  take(now: number): void {
    this.refill(now);
    if (this.credit < this.cost) throw new Error('TokenBucket.take() without available credit');
    this.credit -= this.cost;
  }

  isFull(now: number): boolean {
    this.refill(now);
    return this.credit >= this.full;
  }

  private refill(now: number): void {
    // A clock that steps backwards (system time changes) grants nothing and restarts
    // the measurement from the new time, rather than freezing the bucket until it catches up.
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    // Past one window the bucket is full anyway; clamping also keeps the product small.
    const gained = Math.min(elapsed, this.windowMs) * this.capacity;
    this.credit = Math.min(this.full, this.credit + gained);
  }
}
