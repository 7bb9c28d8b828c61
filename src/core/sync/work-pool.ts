// A bounded pool of asynchronous tasks that may add more tasks as they run (a count probe adds
// the fetch of its range, or the counts of its parts). Each task belongs to a lane with its own
// limit, so light tasks (counts) never wait behind heavy ones (fetches) nor take their places.
// Within the pool the queue is kept in priority order: the largest fetches start early, which
// keeps every worker busy to the end instead of leaving one long partition for last.
//
// The first failure stops the pool: nothing new starts, the tasks in flight are told through
// the pool's signal, and done() rejects with that failure only once every task has settled, so
// the caller can abort the snapshot knowing nothing will still write into it.

export class WorkPool<T> {
  private readonly queue: T[] = [];
  private readonly lanes: Readonly<Record<string, number>>;
  private readonly laneOf: (task: T) => string;
  private readonly busy = new Map<string, number>();
  private readonly before: (a: T, b: T) => number;
  private readonly work: (task: T, signal: AbortSignal) => Promise<void>;
  private readonly controller = new AbortController();
  private readonly unlink: () => void;
  private active = 0;
  /** done() was called: an empty, idle pool is finished (before that, more tasks may come). */
  private draining = false;
  private failed = false;
  private failure: unknown;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private readonly finished: Promise<void>;

  /**
   * `lanes`: tasks of each lane that may run at once; `laneOf` tells a task's lane.
   * `before(a, b)` < 0 when `a` should start first. `signal` (the caller's cancellation) stops
   * the pool like a failure, with the signal's reason.
   */
  constructor(options: {
    readonly lanes: Readonly<Record<string, number>>;
    readonly laneOf: (task: T) => string;
    readonly before: (a: T, b: T) => number;
    readonly work: (task: T, signal: AbortSignal) => Promise<void>;
    readonly signal?: AbortSignal;
  }) {
    for (const [lane, limit] of Object.entries(options.lanes)) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Lane ${lane} of a work pool needs at least one worker.`);
    }
    this.lanes = options.lanes;
    this.laneOf = options.laneOf;
    this.before = options.before;
    this.work = options.work;
    this.finished = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody may be awaiting done() yet when a task fails; the rejection is handed over there.
    this.finished.catch(() => {});
    const outer = options.signal;
    const onAbort = (): void => this.fail(outer?.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => outer?.removeEventListener('abort', onAbort);
    if (outer?.aborted) this.fail(outer.reason);
  }

  /** Aborted when the pool stops (a failure, or the caller's signal). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  add(task: T): void {
    if (this.failed) return;
    if (this.lanes[this.laneOf(task)] === undefined) throw new RangeError(`No lane ${this.laneOf(task)} in this work pool.`);
    // Insert in order; queues here hold tens of tasks, so a linear scan is plenty.
    let at = this.queue.findIndex((queued) => this.before(task, queued) < 0);
    if (at < 0) at = this.queue.length;
    this.queue.splice(at, 0, task);
    this.pump();
  }

  /** Resolves when the queue is empty and nothing runs; rejects with the first failure once all tasks settled. */
  done(): Promise<void> {
    this.draining = true;
    this.checkFinished();
    return this.finished;
  }

  private pump(): void {
    for (let i = 0; !this.failed && i < this.queue.length; ) {
      const task = this.queue[i] as T;
      const lane = this.laneOf(task);
      const busy = this.busy.get(lane) ?? 0;
      if (busy >= (this.lanes[lane] ?? 0)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.busy.set(lane, busy + 1);
      this.active++;
      let running: Promise<void>;
      try {
        running = this.work(task, this.controller.signal);
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        () => {
          this.release(lane);
          this.pump();
          this.checkFinished();
        },
        (error: unknown) => {
          this.release(lane);
          this.fail(error);
          this.checkFinished();
        },
      );
    }
  }

  private release(lane: string): void {
    this.active--;
    this.busy.set(lane, (this.busy.get(lane) ?? 1) - 1);
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = error;
    this.queue.length = 0;
    this.controller.abort(error);
    this.checkFinished();
  }

  private checkFinished(): void {
    if (this.active > 0 || !this.settle) return;
    if (!this.failed && (!this.draining || this.queue.length > 0)) return;
    const settle = this.settle;
    this.settle = undefined;
    this.unlink();
    if (this.failed) settle.reject(this.failure);
    else settle.resolve();
  }
}
