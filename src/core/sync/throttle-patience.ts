// A sync outlasts throttling. The Graph client already retries each request after Retry-After
// (and keeps the whole tenant paused meanwhile), but it gives up on a request after a few
// attempts or three minutes, with a `throttled` Problem. For a one-page read that is the right
// answer; for a full sync it would throw away every page already staged. So the sync waits until
// the Problem says the service will accept requests again and carries on from where it got to
// (the partition's last nextLink), for as long as its patience lasts; after that the Problem
// stands, and the previous snapshot stays.
import type { TimeSource } from '../graph/time.ts';
import { ProblemError } from '../problem.ts';

export interface Patience {
  readonly time: TimeSource;
  /** How long, in all, one piece of work may spend waiting out throttling. */
  readonly patienceMs: number;
  readonly signal?: AbortSignal;
  /** Told when the service should accept requests again, before the wait. */
  readonly onThrottled?: (clearsAtMs: number) => void;
}

/** Runs `work` again after each `throttled` Problem, once the service should accept requests again. */
export async function outlastThrottling<T>(work: () => Promise<T>, patience: Patience): Promise<T> {
  const started = patience.time.now();
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.code !== 'throttled') throw error;
      const now = patience.time.now();
      const clearsAt = error.problem.clearsAt === undefined ? Number.NaN : Date.parse(error.problem.clearsAt);
      const waitMs = Math.max(1000, Number.isFinite(clearsAt) ? clearsAt - now : (error.problem.retryAfterSeconds ?? 20) * 1000);
      patience.onThrottled?.(now + waitMs);
      if (now + waitMs - started > patience.patienceMs) throw error;
      await patience.time.sleep(waitMs, patience.signal);
    }
  }
}
