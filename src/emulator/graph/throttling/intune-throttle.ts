// Intune's throttling as the service publishes it: token buckets per tenant and per
// (tenant, app), one for any request and one for writes, per Intune area. A request must
// fit every bucket that applies, and spends from them only if it fits all, so a rejected
// request costs nothing (as a 429 from the real service costs nothing).
import type { Clock } from '../../clock.ts';
import type { ThrottleArea } from './area.ts';
import { throttleAreaOf } from './area.ts';
import type { RequestKind, ThrottleScope } from './limits.ts';
import { THROTTLE_WINDOW_MS, isWriteMethod, requestsPerWindow } from './limits.ts';
import type { ThrottleSettings } from './settings.ts';
import { throttleSettingsProblem } from './settings.ts';
import { TokenBucket } from './token-bucket.ts';

export interface ThrottledRequest {
  readonly tenantId: string;
  /** The client's application id (the token's appid). */
  readonly appId: string;
  readonly method: string;
  /** Path after the version: '/deviceManagement/managedDevices'. */
  readonly path: string;
}

export interface ThrottleLimit {
  readonly scope: ThrottleScope;
  readonly kind: RequestKind;
  readonly area: ThrottleArea;
}

export type ThrottleVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Whole seconds, rounded up, for Retry-After (see retryAfterSeconds()). */
      readonly retryAfterSeconds: number;
      /** The exact wait in milliseconds, for logs and tests. */
      readonly waitMs: number;
      /** The limit that needs the longest wait. */
      readonly blockedBy: ThrottleLimit;
    };

export interface BucketSnapshot extends ThrottleLimit {
  readonly tenantId: string;
  /** Present for per-app buckets. */
  readonly appId?: string;
  readonly capacity: number;
  readonly available: number;
}

export interface ThrottleSnapshot {
  readonly settings: ThrottleSettings;
  /** Buckets in use; a bucket absent here is full. */
  readonly buckets: readonly BucketSnapshot[];
}

interface Entry {
  readonly limit: ThrottleLimit;
  readonly tenantId: string;
  readonly appId: string | undefined;
  readonly bucket: TokenBucket;
}

/** Full buckets are forgotten once this many exist, so memory stays bounded. */
const PRUNE_ABOVE = 4096;

/**
 * Retry-After in whole seconds, rounded up. Graph sometimes sends decimals ("2.128"), but
 * RFC 9110 delay-seconds are integers: .NET's RetryConditionHeaderValue rejects decimals
 * and parseInt-based clients would retry early. Rounding up also means a retry made
 * exactly Retry-After seconds later always passes. A blocked request waits at least 1 ms,
 * so this is never 0.
 */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

export class IntuneThrottle {
  private readonly clock: Clock;
  private current: ThrottleSettings;
  private readonly buckets = new Map<string, Entry>();

  constructor(clock: Clock, settings: ThrottleSettings) {
    this.clock = clock;
    this.current = checked(settings);
  }

  check(request: ThrottledRequest): ThrottleVerdict {
    if (!this.current.enabled) return { allowed: true };
    const now = this.clock.now();
    const entries = this.entriesFor(request, now);
    let worst: Entry | undefined;
    let worstWait = 0;
    for (const entry of entries) {
      const wait = entry.bucket.waitMs(now);
      if (wait > worstWait) {
        worst = entry;
        worstWait = wait;
      }
    }
    if (worst !== undefined) {
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(worstWait), waitMs: worstWait, blockedBy: worst.limit };
    }
    for (const entry of entries) entry.bucket.take(now);
    return { allowed: true };
  }

  /** Changing the rate starts every bucket afresh (full), since old credit was at the old rate. */
  update(settings: ThrottleSettings): void {
    const next = checked(settings);
    if ((next.rateMultiplier ?? 1) !== (this.current.rateMultiplier ?? 1)) this.buckets.clear();
    this.current = next;
  }

  settings(): ThrottleSettings {
    return this.current;
  }

  snapshot(): ThrottleSnapshot {
    const now = this.clock.now();
    const buckets: BucketSnapshot[] = [];
    for (const entry of this.buckets.values()) {
      buckets.push({
        ...entry.limit,
        tenantId: entry.tenantId,
        ...(entry.appId === undefined ? {} : { appId: entry.appId }),
        capacity: entry.bucket.capacity,
        available: entry.bucket.available(now),
      });
    }
    return { settings: this.current, buckets };
  }

  private entriesFor(request: ThrottledRequest, now: number): Entry[] {
    const area = throttleAreaOf(request.path);
    const kinds: RequestKind[] = isWriteMethod(request.method) ? ['any', 'write'] : ['any'];
    // Ids are GUIDs; clients may spell them in either case.
    const tenantId = request.tenantId.toLowerCase();
    const appId = request.appId.toLowerCase();
    const out: Entry[] = [];
    for (const kind of kinds) {
      out.push(this.entry({ scope: 'app', kind, area }, tenantId, appId, now));
      out.push(this.entry({ scope: 'tenant', kind, area }, tenantId, undefined, now));
    }
    return out;
  }

  private entry(limit: ThrottleLimit, tenantId: string, appId: string | undefined, now: number): Entry {
    const key = [limit.scope, limit.kind, limit.area, tenantId, appId ?? ''].join('\u0000');
    let entry = this.buckets.get(key);
    if (entry === undefined) {
      if (this.buckets.size >= PRUNE_ABOVE) this.pruneFull(now);
      const capacity = requestsPerWindow(limit.scope, limit.kind, limit.area, this.current.rateMultiplier ?? 1);
      entry = { limit, tenantId, appId, bucket: new TokenBucket(capacity, THROTTLE_WINDOW_MS, now) };
      this.buckets.set(key, entry);
    }
    return entry;
  }

  private pruneFull(now: number): void {
    for (const [key, entry] of this.buckets) {
      if (entry.bucket.isFull(now)) this.buckets.delete(key);
    }
  }
}

function checked(settings: ThrottleSettings): ThrottleSettings {
  const problem = throttleSettingsProblem(settings);
  if (problem !== undefined) throw new RangeError(problem);
  return { ...settings };
}
