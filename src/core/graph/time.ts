// Time as the Graph client sees it. Injected so tests can run a 429 storm or a 20-second rate
// window in virtual time and prove ordering ("nothing sent before Retry-After allows") without
// waiting on the wall clock.
import { setTimeout as delay } from 'node:timers/promises';

export interface TimeSource {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTime: TimeSource = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (ms <= 0) {
      signal?.throwIfAborted();
      return;
    }
    await delay(ms, undefined, signal ? { signal } : {});
  },
};
