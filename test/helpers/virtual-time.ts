// Virtual time shared by the demo tenant (its Clock) and the Graph client (its TimeSource): a
// sleep does not wait, it moves the clock to when the sleeper would have woken, earliest sleeper
// first. The tenant's throttle refills by the same clock, so a 429 storm with Retry-After or a
// 20-second rate window plays out in milliseconds, and every "not before" is exact.
//
// Sleepers wake one per event-loop turn (setImmediate), so network I/O between them still
// happens; the clock only ever moves forward.
import type { Clock } from '../../src/emulator/clock.ts';
import type { TimeSource } from '../../src/core/graph/time.ts';

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

export class VirtualTime implements Clock, TimeSource {
  private current: number;
  private readonly sleepers: Sleeper[] = [];
  private seq = 0;
  private ticking = false;
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[] = [];

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock on at once (a token's lifetime running out, say). */
  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.sleepers.indexOf(sleeper);
        if (index >= 0) this.sleepers.splice(index, 1);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const index = this.sleepers.findIndex((s) => s.at > sleeper.at);
      this.sleepers.splice(index < 0 ? this.sleepers.length : index, 0, sleeper);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.ticking) return;
    this.ticking = true;
    setImmediate(() => {
      this.ticking = false;
      const next = this.sleepers.shift();
      if (!next) return;
      this.current = Math.max(this.current, next.at);
      next.wake();
      if (this.sleepers.length > 0) this.schedule();
    });
  }
}
