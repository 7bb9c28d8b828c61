// A full device snapshot written by worker threads (slot-writer-worker.ts).
//
// Reading Graph pages and storing them are both CPU work: per page of 1000 devices, decoding
// and parsing 3.5 MB of JSON, checking and encoding the devices, and inserting them. Here the
// thread that talks to Graph only hands each page's bytes over (moved, not copied), and writer
// threads, two by default, each parse, check and encode pages side by side, taking turns only
// for the inserts, in the order the pages were added (so a device read twice keeps its last
// copy). The same guarantees as SnapshotWriter hold: pages go into the slot that is not live,
// each in its own transaction, and the flip to the new slot is one transaction, made by the
// thread that claimed the slot once the others are closed.
//
// Up to `maxQueued` pages may wait for the threads; past that, adding a page waits, so a fast
// network cannot pile the whole tenant up in memory. A page a thread fails to store fails the
// snapshot: the failure is thrown by the next page added, by settled() and by commit.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { Worker } from 'node:worker_threads';
import type { RawPage } from '../graph/raw-page.ts';
import { ProblemError } from '../problem.ts';
import type { Problem } from '../problem.ts';
import { checkDevices } from './device-batch.ts';
import { newerOf } from './prepared-devices.ts';
import type { SnapshotResult, WriterState } from './snapshot-writer.ts';
import type { SlotWriterReply, SlotWriterRequest, SlotWriterStart } from './slot-writer-protocol.ts';
import { WriteTurns } from './write-turns.ts';

export interface OffThreadSnapshotOptions {
  readonly path: string;
  readonly clock: () => number;
  readonly onDone: () => void;
  /** The writer threads' entry point; the app's bundle passes its own built file. */
  readonly workerUrl?: URL;
  /** Writer threads (2 by default): more parse side by side, all take turns to insert. */
  readonly threads?: number;
  /** Pages that may wait for the threads before adding one waits too. */
  readonly maxQueued?: number;
  readonly cacheKiB?: number;
}

interface Waiting {
  readonly writer: Writer;
  resolve(reply: SlotWriterReply): void;
  reject(error: Error): void;
}

interface Writer {
  readonly worker: Worker;
  /** Pages sent and not yet answered. */
  pages: number;
}

const DEFAULT_WORKER = new URL('./slot-writer-worker.ts', import.meta.url);
const DEFAULT_THREADS = 2;

export class OffThreadSnapshot {
  readonly runId: number;
  private readonly writers: readonly Writer[];
  private readonly turns: WriteTurns;
  private readonly options: OffThreadSnapshotOptions;
  private readonly waiting = new Map<number, Waiting>();
  private readonly roomWaiters: (() => void)[] = [];
  private readonly settleWaiters: (() => void)[] = [];
  private nextId = 1;
  private nextTurn = 0;
  private queued = 0;
  private received = 0;
  /** Different devices, once sealed. */
  private sealedCount: number | undefined;
  private newestSyncMs: number | undefined;
  private failure: Error | undefined;
  /** Sealing has begun: no more pages, and the joined threads are closed or closing. */
  private sealing = false;
  /** The threads are stopped. */
  private finished = false;
  private state: WriterState = 'open';

  /** Starts the writer threads; the first claims the staging slot. Use InventoryStore.beginOffThreadSnapshot(). */
  static async begin(options: OffThreadSnapshotOptions): Promise<OffThreadSnapshot> {
    const threads = options.threads ?? DEFAULT_THREADS;
    if (!Number.isInteger(threads) || threads < 1 || threads > 16) throw new RangeError('A snapshot is written by 1 to 16 threads.');
    const shared = WriteTurns.memory();
    const base = { path: options.path, cacheKiB: options.cacheKiB ?? 8192, turns: shared };
    const first = await startWriter(options.workerUrl ?? DEFAULT_WORKER, { ...base, role: { kind: 'claim', now: new Date(options.clock()).toISOString() } });
    const others = await Promise.allSettled(Array.from({ length: threads - 1 }, () => startWriter(options.workerUrl ?? DEFAULT_WORKER, { ...base, role: { kind: 'join', runId: first.runId } })));
    const started = [first.worker, ...others.flatMap((o) => (o.status === 'fulfilled' ? [o.value.worker] : []))];
    const snapshot = new OffThreadSnapshot(started, first.runId, options, new WriteTurns(shared));
    const refused = others.find((o) => o.status === 'rejected');
    if (refused) {
      await snapshot.abort('A writer thread could not start.');
      throw refused.reason instanceof Error ? refused.reason : new Error(String(refused.reason));
    }
    return snapshot;
  }

  private constructor(workers: readonly Worker[], runId: number, options: OffThreadSnapshotOptions, turns: WriteTurns) {
    this.runId = runId;
    this.options = options;
    this.turns = turns;
    this.writers = workers.map((worker) => {
      const writer: Writer = { worker, pages: 0 };
      worker.on('message', (reply: SlotWriterReply) => this.settle(reply));
      worker.on('error', (error) => this.writerGone(writer, error));
      worker.on('exit', (code) => {
        if (this.waitingFor(writer).length > 0) this.writerGone(writer, new Error(`a writer thread of the snapshot stopped (exit code ${code})`));
      });
      return writer;
    });
  }

  /**
   * Devices stored so far (pages still with the threads not yet counted); a device sent twice
   * counts twice until the snapshot is sealed, and exactly once after.
   */
  get deviceCount(): number {
    return this.sealedCount ?? this.received;
  }

  /** Devices in the pages stored, a device sent twice counted twice. */
  get devicesReceived(): number {
    return this.received;
  }

  /**
   * A Graph page as it came (GraphClient.rawPages), parsed and stored by a writer thread. Its
   * bytes move to that thread and are no longer readable here. Resolves once there is room for
   * another; a page that cannot be read fails the snapshot.
   */
  addPage(page: RawPage): Promise<void> {
    const { buffer, byteOffset, byteLength } = page.bytes;
    // Moved only when the bytes are all of their buffer: a small body may share Node's pool.
    const movable = buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
    return this.queue((id, turn) => ({ kind: 'page', id, turn, page }), movable ? [buffer] : []);
  }

  /** Devices already parsed. A bad device refuses the whole page at once, and the snapshot goes on. */
  async addDevices(devices: readonly ManagedDevice[]): Promise<void> {
    this.assertOpen('add devices to');
    checkDevices(devices);
    await this.queue((id, turn) => ({ kind: 'devices', id, turn, devices }), []);
  }

  /**
   * No more pages: waits for those added, closes all threads but the claiming one, which keeps
   * the last copy of any device stored twice and counts the different devices. Rejects with the
   * snapshot's failure, if a page could not be stored.
   */
  async seal(): Promise<number> {
    if (this.sealedCount !== undefined) return this.sealedCount;
    this.assertOpen('seal');
    if (this.queued > 0) await new Promise<void>((resolve) => this.settleWaiters.push(resolve));
    if (this.failure) throw this.failure;
    this.sealing = true;
    await this.closeJoined();
    const reply = await this.request(this.claiming(), (id) => ({ kind: 'seal', id }));
    if (reply.kind !== 'sealed') throw new Error(`the snapshot's writer answered "${reply.kind}" to sealing`);
    this.sealedCount = reply.deviceCount;
    return reply.deviceCount;
  }

  /** Seals the snapshot if it is not yet, then indexes it and swaps it in. */
  async commit(asOf: string): Promise<SnapshotResult> {
    this.assertOpen('commit');
    if (Number.isNaN(Date.parse(asOf))) throw new ProblemError({ code: 'badRequest', message: `The snapshot's as-of time must be an ISO 8601 date, not "${asOf}".` });
    const watermark = this.newestSyncMs === undefined ? undefined : new Date(this.newestSyncMs).toISOString();
    let deviceCount: number;
    try {
      deviceCount = await this.seal();
      await this.request(this.claiming(), (id) => ({ kind: 'commit', id, commit: { asOf, finishedAt: new Date(this.options.clock()).toISOString(), watermark } }));
    } catch (error) {
      // Nothing of a snapshot that cannot commit is kept: the staging slot is dropped now.
      await this.dropStaging(error instanceof Error ? error.message : String(error)).catch(() => undefined);
      this.state = 'failed';
      throw error;
    }
    this.state = 'committed';
    await this.finish();
    return { runId: this.runId, deviceCount, asOf, watermark };
  }

  /** Drops what was staged; the live snapshot stays as it was. Safe to call more than once, and after a failed commit. */
  async abort(reason?: string): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await this.dropStaging(reason);
  }

  private async dropStaging(reason: string | undefined): Promise<void> {
    try {
      if (!this.sealing) await this.closeJoined().catch(() => undefined);
      await this.request(this.claiming(), (id) => ({ kind: 'abort', id, finishedAt: new Date(this.options.clock()).toISOString(), itemCount: this.deviceCount, reason }));
    } finally {
      await this.finish();
    }
  }

  private async queue(message: (id: number, turn: number) => SlotWriterRequest, transfer: readonly ArrayBuffer[]): Promise<void> {
    this.assertOpen('add devices to');
    if (this.sealing) throw new Error('Cannot add devices to a snapshot that is sealed');
    if (this.failure) throw this.failure;
    // The thread with the fewest pages waiting: a thread slowed by a large page is not handed more.
    const writer = this.writers.reduce((least, w) => (w.pages < least.pages ? w : least));
    this.queued++;
    writer.pages++;
    // Turns are numbered only for pages handed to a thread, so none is ever waited for in vain.
    const turn = this.nextTurn++;
    this.request(writer, (id) => message(id, turn), transfer).then(
      (reply) => {
        if (reply.kind === 'written') {
          this.received += reply.received;
          this.newestSyncMs = newerOf(this.newestSyncMs, reply.newestSyncMs);
        }
        this.pageDone(writer);
      },
      (error: Error) => {
        this.fail(error);
        this.pageDone(writer);
      },
    );
    if (this.queued > (this.options.maxQueued ?? 8)) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  private claiming(): Writer {
    return this.writers[0] as Writer;
  }

  /** The joined threads close their connections, so the claiming one commits or aborts alone. */
  private async closeJoined(): Promise<void> {
    await Promise.all(this.writers.slice(1).map((writer) => this.request(writer, (id) => ({ kind: 'close', id }))));
  }

  private request(writer: Writer, message: (id: number) => SlotWriterRequest, transfer: readonly ArrayBuffer[] = []): Promise<SlotWriterReply> {
    // A thread that was stopped would never answer.
    if (this.finished) return Promise.reject(new Error('the snapshot was closed'));
    return new Promise<SlotWriterReply>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { writer, resolve, reject });
      writer.worker.postMessage(message(id), transfer);
    });
  }

  private settle(reply: SlotWriterReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') waiter.reject(failureOf(reply));
    else waiter.resolve(reply);
  }

  private pageDone(writer: Writer): void {
    writer.pages--;
    this.queued--;
    this.roomWaiters.shift()?.();
    if (this.queued === 0) for (const wake of this.settleWaiters.splice(0)) wake();
  }

  /** A page could not be stored: the snapshot cannot be completed. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  private waitingFor(writer: Writer): number[] {
    return [...this.waiting].filter(([, w]) => w.writer === writer).map(([id]) => id);
  }

  /** A thread died: nothing more will be answered by it, so everyone waiting on it hears why. */
  private writerGone(writer: Writer, error: Error): void {
    this.fail(error);
    // Its pages will never take their turns; the others must not wait for them.
    this.turns.stop();
    for (const id of this.waitingFor(writer)) {
      this.waiting.get(id)?.reject(error);
      this.waiting.delete(id);
    }
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    for (const [, waiter] of this.waiting) waiter.reject(this.failure ?? new Error('the snapshot was closed'));
    this.waiting.clear();
    await Promise.all(this.writers.map((w) => w.worker.terminate()));
    this.options.onDone();
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`Cannot ${action} a snapshot that is ${this.state}`);
  }
}

/** Starts one writer thread and waits for it to open (and claim or join) the staging slot. */
async function startWriter(url: URL, start: SlotWriterStart): Promise<{ readonly worker: Worker; readonly runId: number }> {
  const worker = new Worker(url, { workerData: start });
  // Only these listeners are removed afterwards: a Worker keeps listeners of its own on itself.
  let onMessage: ((reply: SlotWriterReply) => void) | undefined;
  let onError: ((error: Error) => void) | undefined;
  let onExit: ((code: number) => void) | undefined;
  const ready = await new Promise<SlotWriterReply>((resolve, reject) => {
    onMessage = resolve;
    onError = reject;
    onExit = (code) => reject(new Error(`the snapshot's writer stopped before it started (exit code ${code})`));
    worker.once('message', onMessage).once('error', onError).once('exit', onExit);
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  }).finally(() => {
    if (onMessage) worker.off('message', onMessage);
    if (onError) worker.off('error', onError);
    if (onExit) worker.off('exit', onExit);
  });
  if (ready.kind !== 'ready') {
    await worker.terminate();
    throw ready.kind === 'failed' ? failureOf(ready) : new Error("the snapshot's writer answered before it was ready");
  }
  return { worker, runId: ready.runId };
}

function failureOf(reply: Extract<SlotWriterReply, { kind: 'failed' }>): Error {
  if (reply.problem) return new ProblemError(reply.problem satisfies Problem);
  return new Error(`The snapshot's writer failed: ${reply.message ?? 'no reason given'}`);
}
