// Turns at the staging slot for the writer threads of one snapshot, in the order the pages were
// added. SQLite lets one connection write at a time and makes the others retry after sleeps of up
// to tens of milliseconds; pages take a few milliseconds to insert, so threads that slept would sit
// idle while the slot was free. Here a thread waits on a shared cell and is woken the moment the
// previous page is in.
//
// The order matters: rows are appended in the order pages arrived, so when a device came twice
// with the same check-in time, sealing keeps the copy read last, whichever thread parsed it.
// It cannot deadlock: each thread gets its pages in increasing turns, so the lowest turn not yet
// taken is always at the front of some thread's queue.
const stopped = -1;

export class WriteTurns {
  private readonly cell: Int32Array;

  /** `shared` comes from WriteTurns.memory(), the same one for every thread of the snapshot. */
  constructor(shared: SharedArrayBuffer) {
    this.cell = new Int32Array(shared, 0, 1);
  }

  static memory(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  /**
   * Waits until every turn before `turn` is over, runs `write`, then hands on the next turn, also
   * when `write` throws. A page that could not be read still takes its turn with nothing to
   * write: the pages after it must not wait for it.
   */
  take<T>(turn: number, write: () => T): T {
    for (;;) {
      const now = Atomics.load(this.cell, 0);
      if (now === turn) break;
      if (now === stopped) throw new Error('the snapshot stopped while this page waited for its turn to be stored');
      if (now > turn) throw new Error(`turn ${turn} was taken twice`);
      Atomics.wait(this.cell, 0, now);
    }
    try {
      return write();
    } finally {
      // Only if still ours: stop() may have come in the meantime.
      Atomics.compareExchange(this.cell, 0, turn, turn + 1);
      Atomics.notify(this.cell, 0);
    }
  }

  /**
   * Ends all turns: every thread waiting, or coming later, gives up. Called by the thread that
   * started the writers when one of them dies, possibly before or in its turn: the others must
   * not wait for it for ever.
   */
  stop(): void {
    Atomics.store(this.cell, 0, stopped);
    Atomics.notify(this.cell, 0);
  }
}
