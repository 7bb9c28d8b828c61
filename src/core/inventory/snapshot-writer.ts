// A full device snapshot, streamed in page by page and swapped in whole, in this thread.
//
// The writer has its own connection. Pages go into the slot that is not live, each page in
// its own small transaction; readers keep using the live slot. commit() builds the secondary
// indexes on the staged slot and flips inventory_state.live_slot in
// one transaction, so readers see the old snapshot until that commits and the new one after
// (slot-writer.ts). A process killed at any point leaves the live slot untouched: an
// uncommitted page or commit is rolled back by SQLite, and the next snapshot drops whatever
// was staged. OffThreadSnapshot (off-thread-snapshot.ts) does the same with the parsing and
// writing in worker threads, for the sync engine.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DatabaseSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { DocumentShapes } from './device-documents.ts';
import { newerOf, prepareDevices } from './prepared-devices.ts';
import { SlotWriter } from './slot-writer.ts';

export interface SnapshotResult {
  readonly runId: number;
  readonly deviceCount: number;
  readonly asOf: string;
  /** Newest lastSyncDateTime in the snapshot (ISO 8601): where the next incremental run starts. */
  readonly watermark: string | undefined;
}

export type WriterState = 'open' | 'committed' | 'aborted' | 'failed';

export class SnapshotWriter {
  readonly runId: number;
  private readonly slot: SlotWriter;
  private readonly clock: () => number;
  private readonly onDone: () => void;
  private readonly shapes: DocumentShapes;
  private received = 0;
  private sealedCount: number | undefined;
  private newestSyncMs: number | undefined;
  private state: WriterState = 'open';

  /** Use InventoryStore.beginFullSnapshot(). Takes ownership of `db`, a connection to `path`. */
  constructor(db: DatabaseSync, path: string, clock: () => number, onDone: () => void) {
    this.clock = clock;
    this.onDone = onDone;
    this.slot = SlotWriter.claim(db, path, new Date(clock()).toISOString());
    this.runId = this.slot.runId;
    this.shapes = new DocumentShapes(db);
  }

  /** Devices staged so far; a device sent twice counts twice until the snapshot is sealed, and exactly once after. */
  get deviceCount(): number {
    return this.sealedCount ?? this.received;
  }

  /** Devices in the pages staged, a device sent twice counted twice. */
  get devicesReceived(): number {
    return this.received;
  }

  /** One page of devices, in its own transaction. A bad device refuses the whole page. */
  addDevices(devices: readonly ManagedDevice[]): void {
    this.assertOpen('add devices to');
    if (this.sealedCount !== undefined) throw new Error('Cannot add devices to a snapshot that is sealed');
    const page = prepareDevices(devices, this.shapes);
    try {
      this.slot.write(page);
    } catch (error) {
      if (error instanceof ProblemError && error.problem.code === 'cancelled') this.state = 'failed';
      throw error;
    }
    this.received += devices.length;
    this.newestSyncMs = newerOf(this.newestSyncMs, page.newestSyncMs);
  }

  /** No more pages: a device staged twice keeps its last copy; returns the number of different devices. */
  seal(): number {
    this.assertOpen('seal');
    this.sealedCount ??= this.slot.seal();
    return this.sealedCount;
  }

  /**
   * Builds the indexes and makes the snapshot the one everyone reads, in one transaction.
   * `asOf` is when the sync started reading Graph (ISO 8601).
   */
  commit(asOf: string): SnapshotResult {
    this.assertOpen('commit');
    if (Number.isNaN(Date.parse(asOf))) throw new ProblemError({ code: 'badRequest', message: `The snapshot's as-of time must be an ISO 8601 date, not "${asOf}".` });
    const watermark = this.newestSyncMs === undefined ? undefined : new Date(this.newestSyncMs).toISOString();
    let deviceCount: number;
    try {
      deviceCount = this.seal();
      this.slot.commit({ asOf, finishedAt: new Date(this.clock()).toISOString(), watermark });
    } catch (error) {
      this.state = 'failed';
      this.onDone();
      throw error;
    }
    this.state = 'committed';
    this.onDone();
    return { runId: this.runId, deviceCount, asOf, watermark };
  }

  /** Drops what was staged; the live snapshot stays as it was. Safe to call more than once. */
  abort(reason?: string): void {
    if (this.state === 'committed' || this.state === 'aborted') return;
    try {
      this.slot.abort(new Date(this.clock()).toISOString(), this.deviceCount, reason);
    } finally {
      this.state = 'aborted';
      this.onDone();
    }
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`Cannot ${action} a snapshot that is ${this.state}`);
  }
}
