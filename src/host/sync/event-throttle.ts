// At most one call per interval, the last one never lost: progress arrives with every page
// (dozens a second on a fast network) and a window redrawing that often helps nobody, but the
// state it ends on must arrive.
export class Throttle {
  private readonly intervalMs: number;
  private readonly send: () => void;
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number, send: () => void) {
    this.intervalMs = intervalMs;
    this.send = send;
  }

  /** Sends now if the interval has passed, else once it has. */
  request(): void {
    if (this.timer) return;
    const wait = this.lastAt + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Sends now (a run ended, a phase changed that must show), dropping any send waiting. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.fire();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.lastAt = performance.now();
    this.send();
  }
}
