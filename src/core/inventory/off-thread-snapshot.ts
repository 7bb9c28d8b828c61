// A full device snapshot whose writing happens in a worker thread (slot-writer-worker.ts).
//
// Reading Graph pages and writing them into SQLite are both CPU work; in one thread they take
// turns, and a sync of 100,000 devices spends most of its time waiting for that one thread.
// Here the main thread parses each page, checks and encodes it (staged-devices.ts) and hands
// the encoded rows to the worker, which inserts them and indexes them as they arrive, then
// commits. The same guarantees as SnapshotWriter hold: pages go into the slot that is not
// live, each in its own transaction, and the flip to the new slot is one transaction.
//
// Up to `maxQueued` pages may wait for the worker; past that, addDevices waits, so a fast
// network cannot pile the whole tenant up in memory. A page the worker fails to write fails
// the snapshot: the failure is thrown by the next addDevices or by commit.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { Worker } from 'node:worker_threads';
import { ProblemError } from '../problem.ts';
import type { Problem } from '../problem.ts';
import { openConnection } from './connection.ts';
import { DocumentShapes } from './device-documents.ts';
import type { SnapshotResult, WriterState } from './snapshot-writer.ts';
import type { SlotWriterReply, SlotWriterRequest, SlotWriterStart } from './slot-writer-protocol.ts';
import { SnapshotRows } from './staged-devices.ts';

export interface OffThreadSnapshotOptions {
  readonly path: string;
  readonly clock: () => number;
  readonly onDone: () => void;
  /** The worker's entry point; the app's bundle passes its own built file. */
  readonly workerUrl?: URL;
  /** Pages that may wait for the worker before addDevices waits too. */
  readonly maxQueued?: number;
  readonly cacheKiB?: number;
}

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

const DEFAULT_WORKER = new URL('./slot-writer-worker.ts', import.meta.url);

export class OffThreadSnapshot {
  readonly runId: number;
  private readonly worker: Worker;
  private readonly options: OffThreadSnapshotOptions;
  private readonly shapesDb: ReturnType<typeof openConnection>;
  private readonly shapes: DocumentShapes;
  private readonly rows = new SnapshotRows();
  private readonly waiting = new Map<number, Waiting>();
  private readonly roomWaiters: (() => void)[] = [];
  private nextId = 1;
  private queued = 0;
  private failure: Error | undefined;
  private state: WriterState = 'open';

  /** Starts the worker and claims the staging slot. Use InventoryStore.beginOffThreadSnapshot(). */
  static async begin(options: OffThreadSnapshotOptions): Promise<OffThreadSnapshot> {
    const start: SlotWriterStart = { path: options.path, now: new Date(options.clock()).toISOString(), cacheKiB: options.cacheKiB ?? 8192 };
    const worker = new Worker(options.workerUrl ?? DEFAULT_WORKER, { workerData: start });
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
      throw ready.kind === 'failed' ? failureOf(ready) : new Error('the snapshot\'s writer answered before it was ready');
    }
    return new OffThreadSnapshot(worker, ready.runId, options);
  }

  private constructor(worker: Worker, runId: number, options: OffThreadSnapshotOptions) {
    this.worker = worker;
    this.runId = runId;
    this.options = options;
    this.shapesDb = openConnection(options.path, { cacheKiB: 1024 });
    this.shapes = new DocumentShapes(this.shapesDb);
    worker.on('message', (reply: SlotWriterReply) => this.settle(reply));
    worker.on('error', (error) => this.workerGone(error));
    worker.on('exit', (code) => {
      if (this.waiting.size > 0) this.workerGone(new Error(`the snapshot's writer stopped (exit code ${code})`));
    });
  }

  get deviceCount(): number {
    return this.rows.count;
  }

  /**
   * Checks and encodes a page here (a bad device refuses the whole page, synchronously, and the
   * snapshot goes on), then queues it for the worker. Resolves once there is room for another.
   */
  async addDevices(devices: readonly ManagedDevice[]): Promise<void> {
    this.assertOpen('add devices to');
    if (this.failure) throw this.failure;
    const { staged } = this.rows.stage(devices, this.shapes);
    this.queued++;
    this.request({ kind: 'write', id: this.nextId++, staged }).then(
      () => this.pageWritten(),
      (error: Error) => {
        this.pageWritten();
        this.fail(error);
      },
    );
    if (this.queued > (this.options.maxQueued ?? 8)) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Waits for every queued page, then indexes and swaps the snapshot in. */
  async commit(asOf: string): Promise<SnapshotResult> {
    this.assertOpen('commit');
    if (Number.isNaN(Date.parse(asOf))) throw new ProblemError({ code: 'badRequest', message: `The snapshot's as-of time must be an ISO 8601 date, not "${asOf}".` });
    const newest = this.rows.watermark;
    const watermark = newest === undefined ? undefined : new Date(newest).toISOString();
    try {
      if (this.failure) throw this.failure;
      await this.request({ kind: 'commit', id: this.nextId++, commit: { asOf, finishedAt: new Date(this.options.clock()).toISOString(), deviceCount: this.rows.count, watermark } });
    } catch (error) {
      this.state = 'failed';
      await this.finish();
      throw error;
    }
    this.state = 'committed';
    await this.finish();
    return { runId: this.runId, deviceCount: this.rows.count, asOf, watermark };
  }

  /** Drops what was staged; the live snapshot stays as it was. Safe to call more than once. */
  async abort(reason?: string): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.state = 'aborted';
    try {
      await this.request({ kind: 'abort', id: this.nextId++, finishedAt: new Date(this.options.clock()).toISOString(), itemCount: this.rows.count, reason });
    } finally {
      await this.finish();
    }
  }

  private request(message: SlotWriterRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  private settle(reply: SlotWriterReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') waiter.reject(failureOf(reply));
    else waiter.resolve();
  }

  private pageWritten(): void {
    this.queued--;
    this.roomWaiters.shift()?.();
  }

  /** A page could not be written: the snapshot cannot be completed. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /** The worker died: nothing more will be answered, so everyone still waiting hears why. */
  private workerGone(error: Error): void {
    this.fail(error);
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  private async finish(): Promise<void> {
    if (this.shapesDb.isOpen) this.shapesDb.close();
    for (const [, waiter] of this.waiting) waiter.reject(this.failure ?? new Error('the snapshot was closed'));
    this.waiting.clear();
    await this.worker.terminate();
    this.options.onDone();
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`Cannot ${action} a snapshot that is ${this.state}`);
  }
}

function failureOf(reply: Extract<SlotWriterReply, { kind: 'failed' }>): Error {
  if (reply.problem) return new ProblemError(reply.problem satisfies Problem);
  return new Error(`The snapshot's writer failed: ${reply.message ?? 'no reason given'}`);
}
