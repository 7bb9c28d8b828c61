// Turns at the staging slot for the writer threads of one snapshot. SQLite lets one connection
// write at a time and makes the others retry after sleeps of up to tens of milliseconds; pages
// take a few milliseconds to insert, so threads that slept would sit idle while the slot was
// free. Here a thread waits on a shared cell and is woken the moment the previous one is done.
export class WriteTurns {
  private readonly cell: Int32Array;

  /** `shared` comes from WriteTurns.memory(), the same one for every thread of the snapshot. */
  constructor(shared: SharedArrayBuffer) {
    this.cell = new Int32Array(shared, 0, 1);
  }

  static memory(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  /** Runs `write` when no other thread is writing; other threads wait until it returns or throws. */
  take<T>(write: () => T): T {
    while (Atomics.compareExchange(this.cell, 0, 0, 1) !== 0) Atomics.wait(this.cell, 0, 1);
    try {
      return write();
    } finally {
      this.release();
    }
  }

  /**
   * Frees the slot. Also called by the thread that started the writers when one of them dies,
   * possibly in its turn: the others must not wait for it for ever.
   */
  release(): void {
    Atomics.store(this.cell, 0, 0);
    Atomics.notify(this.cell, 0, 1);
  }
}
