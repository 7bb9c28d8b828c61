// A full device snapshot, streamed in page by page and swapped in whole.
//
// The writer has its own connection. Pages go into the slot that is not live, each page in
// its own small transaction; readers keep using the live slot. commit() builds the search
// index and the secondary indexes on the staged slot and flips inventory_state.live_slot in
// one transaction, so readers see the old snapshot until that commits and the new one after.
// (The search index and the model list are built there from the staged rows, in SQLite.)
// A process killed at any point leaves the live slot untouched: an uncommitted page or commit
// is rolled back by SQLite, and the next beginFullSnapshot drops whatever was staged.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { translateDamage } from './connection.ts';
import { DEVICE_COLUMNS } from './device-columns.ts';
import { checkDevices } from './device-batch.ts';
import { DocumentShapes } from './device-documents.ts';
import { indexSlotSql } from './device-search-index.ts';
import { createSlotIndexesLike, createSlotTablesLike, dropSlot, otherSlot, readLiveSlot, slotTables, tuneSearchIndex } from './slots.ts';
import type { Slot } from './slots.ts';
import { finishRun, markInterrupted, startRun } from './sync-runs.ts';
import { rollbackQuietly } from './transactions.ts';

export interface SnapshotResult {
  readonly runId: number;
  readonly deviceCount: number;
  readonly asOf: string;
  /** Newest lastSyncDateTime in the snapshot (ISO 8601): where the next incremental run starts. */
  readonly watermark: string | undefined;
}

type WriterState = 'open' | 'committed' | 'aborted' | 'failed';

export class SnapshotWriter {
  readonly runId: number;
  private readonly db: DatabaseSync;
  private readonly path: string;
  private readonly clock: () => number;
  private readonly onDone: () => void;
  private readonly live: Slot;
  private readonly staging: Slot;
  private readonly shapes: DocumentShapes;
  private readonly insertDevice: StatementSync;
  private readonly insertDocument: StatementSync;
  /** For a device seen again in this snapshot (overlapping partitions): replaces its row. */
  private readonly replaceDevice: StatementSync;
  private readonly replaceDocument: StatementSync;
  /** Device id (lower case) → row, so a device sent twice (overlapping partitions) is stored once. */
  private readonly rows = new Map<string, number>();
  private nextRow = 1;
  private maxLastSync: number | undefined;
  private state: WriterState = 'open';

  /** Use InventoryStore.beginFullSnapshot(). Takes ownership of `db`, a connection to `path`. */
  constructor(db: DatabaseSync, path: string, clock: () => number, onDone: () => void) {
    this.db = db;
    this.path = path;
    this.clock = clock;
    this.onDone = onDone;
    let started: { live: Slot; runId: number };
    try {
      started = this.begin();
    } catch (error) {
      db.close();
      throw translateDamage(error, path);
    }
    this.live = started.live;
    this.staging = otherSlot(started.live);
    this.runId = started.runId;
    const t = slotTables(this.staging);
    const columns = DEVICE_COLUMNS.map((c) => `"${c.name}"`).join(', ');
    this.insertDevice = db.prepare(`INSERT INTO ${t.devices}(row, ${columns}) VALUES (?${', ?'.repeat(DEVICE_COLUMNS.length)})`);
    this.insertDocument = db.prepare(`INSERT INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
    this.replaceDevice = db.prepare(`INSERT OR REPLACE INTO ${t.devices}(row, ${columns}) VALUES (?${', ?'.repeat(DEVICE_COLUMNS.length)})`);
    this.replaceDocument = db.prepare(`INSERT OR REPLACE INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
    this.shapes = new DocumentShapes(db);
  }

  get deviceCount(): number {
    return this.rows.size;
  }

  /** Cleans whatever an earlier, killed snapshot left, and claims the staging slot. */
  private begin(): { live: Slot; runId: number } {
    const now = new Date(this.clock()).toISOString();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const live = readLiveSlot(this.db);
      const staging = otherSlot(live);
      markInterrupted(this.db, 'devices', 'full', now);
      dropSlot(this.db, staging);
      createSlotTablesLike(this.db, live, staging);
      tuneSearchIndex(this.db, staging);
      const runId = startRun(this.db, 'devices', 'full', now);
      this.db.prepare('UPDATE inventory_state SET staging_run = ? WHERE id = 1').run(runId);
      this.db.exec('COMMIT');
      return { live, runId };
    } catch (error) {
      rollbackQuietly(this.db);
      throw error;
    }
  }

  /** One page of devices, in its own transaction. A bad device refuses the whole page. */
  addDevices(devices: readonly ManagedDevice[]): void {
    this.assertOpen('add devices to');
    const checked = checkDevices(devices);
    const added: string[] = [];
    const firstNewRow = this.nextRow;
    const previousMax = this.maxLastSync;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      const documents = this.shapes.encodeAll(devices);
      for (let i = 0; i < checked.length; i++) {
        const { projected } = checked[i] as (typeof checked)[number];
        const key = projected.id.toLowerCase();
        let row = this.rows.get(key);
        const repeated = row !== undefined;
        if (row === undefined) {
          row = this.nextRow++;
          this.rows.set(key, row);
          added.push(key);
        }
        const doc = documents[i] as (typeof documents)[number];
        (repeated ? this.replaceDevice : this.insertDevice).run(row, ...projected.values);
        (repeated ? this.replaceDocument : this.insertDocument).run(row, doc.shape, doc.body);
        if (projected.lastSyncMs !== null && (this.maxLastSync === undefined || projected.lastSyncMs > this.maxLastSync)) this.maxLastSync = projected.lastSyncMs;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      rollbackQuietly(this.db);
      this.shapes.forget();
      for (const key of added) this.rows.delete(key);
      this.nextRow = firstNewRow;
      this.maxLastSync = previousMax;
      throw translateDamage(error, this.path);
    }
  }

  /**
   * Builds the indexes and makes the snapshot the one everyone reads, in one transaction.
   * `asOf` is when the sync started reading Graph (ISO 8601).
   */
  commit(asOf: string): SnapshotResult {
    this.assertOpen('commit');
    if (Number.isNaN(Date.parse(asOf))) throw new ProblemError({ code: 'badRequest', message: `The snapshot's as-of time must be an ISO 8601 date, not "${asOf}".` });
    const t = slotTables(this.staging);
    const watermark = this.maxLastSync === undefined ? undefined : new Date(this.maxLastSync).toISOString();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      const [indexDevices, collectModels, indexModels] = indexSlotSql(t);
      this.db.exec(indexDevices as string);
      createSlotIndexesLike(this.db, this.live, this.staging);
      // After the indexes: the model index makes the distinct models a quick walk.
      this.db.exec(collectModels as string);
      this.db.exec(indexModels as string);
      this.db.prepare('UPDATE inventory_state SET live_slot = ?, staging_run = NULL, devices_as_of = ?, device_watermark = ? WHERE id = 1').run(this.staging, asOf, watermark ?? null);
      finishRun(this.db, this.runId, { status: 'succeeded', finishedAt: new Date(this.clock()).toISOString(), asOf, itemCount: this.rows.size });
      this.db.exec('COMMIT');
    } catch (error) {
      rollbackQuietly(this.db);
      this.state = 'failed';
      throw translateDamage(error, this.path);
    }
    this.state = 'committed';
    try {
      // The previous snapshot is no longer read by anyone who starts reading now; readers
      // still inside a read transaction keep their view (WAL). Its pages are reused next time.
      this.db.exec('BEGIN IMMEDIATE');
      dropSlot(this.db, this.live);
      this.db.exec('COMMIT');
    } catch {
      // Not fatal: the next snapshot (or the next open) drops it.
      rollbackQuietly(this.db);
    } finally {
      this.close();
    }
    return { runId: this.runId, deviceCount: this.rows.size, asOf, watermark };
  }

  /** Drops what was staged; the live snapshot stays as it was. Safe to call more than once. */
  abort(reason?: string): void {
    if (this.state === 'committed' || this.state === 'aborted') return;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        if (this.ownsStaging()) {
          dropSlot(this.db, this.staging);
          this.db.prepare('UPDATE inventory_state SET staging_run = NULL WHERE id = 1').run();
        }
        finishRun(this.db, this.runId, { status: 'aborted', finishedAt: new Date(this.clock()).toISOString(), itemCount: this.rows.size, ...(reason === undefined ? {} : { error: reason }) });
        this.db.exec('COMMIT');
      } catch (error) {
        rollbackQuietly(this.db);
        throw error;
      }
    } finally {
      this.state = 'aborted';
      this.close();
    }
  }

  private ownsStaging(): boolean {
    const row = this.db.prepare('SELECT staging_run FROM inventory_state WHERE id = 1').get() as { staging_run: number | null } | undefined;
    return row !== undefined && row.staging_run !== null && Number(row.staging_run) === this.runId;
  }

  private assertStillStaging(): void {
    if (!this.ownsStaging()) {
      this.state = 'failed';
      throw new ProblemError({ code: 'cancelled', message: 'Another full sync of this tenant started and replaced this one; its data was not kept.' });
    }
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`Cannot ${action} a snapshot that is ${this.state}`);
  }

  private close(): void {
    if (this.db.isOpen) this.db.close();
    this.onDone();
  }
}
