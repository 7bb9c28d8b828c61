// A scheduler the test moves by hand: tasks run when the ManualClock passes their time,
// in time order (then in the order they were scheduled), including tasks they schedule.
import type { ManualClock } from '../../../../src/emulator/clock.ts';

interface Task {
  readonly due: number;
  readonly seq: number;
  readonly run: () => void;
}

export class DrivenScheduler {
  readonly clock: ManualClock;
  private tasks: Task[] = [];
  private seq = 0;

  constructor(clock: ManualClock) {
    this.clock = clock;
  }

  readonly schedule = (delayMs: number, run: () => void): void => {
    this.tasks.push({ due: this.clock.now() + delayMs, seq: this.seq++, run });
  };

  get pending(): number {
    return this.tasks.length;
  }

  /** Moves the clock forward by `ms`, running every task that falls due on the way. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      const next = [...this.tasks].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next || next.due > target) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.clock.advance(next.due - this.clock.now());
      next.run();
    }
    this.clock.advance(target - this.clock.now());
  }
}
