// The staging slot's side of a full snapshot: one connection that claims the slot that is not
// live, writes staged pages into it, each in its own small transaction, and at the end indexes
// it and flips inventory_state.live_slot in one transaction (readers see the old snapshot until
// that commits, and the new one after). It runs in the thread that stages the pages
// (SnapshotWriter) or in a worker thread of its own (slot-writer-worker.ts), so it is given
// every time it records rather than reading a clock.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { translateDamage } from './connection.ts';
import { DEVICE_COLUMNS } from './device-columns.ts';
import { createSlotIndexesLike, createSlotTablesLike, dropSlot, otherSlot, readLiveSlot, slotTables } from './slots.ts';
import type { Slot, SlotTables } from './slots.ts';
import type { StagedDevices } from './staged-devices.ts';
import { finishRun, markInterrupted, startRun } from './sync-runs.ts';
import { rollbackQuietly } from './transactions.ts';

export interface SlotCommit {
  readonly asOf: string;
  readonly finishedAt: string;
  readonly deviceCount: number;
  /** Newest lastSyncDateTime staged (ISO 8601). */
  readonly watermark: string | undefined;
}

export class SlotWriter {
  readonly runId: number;
  readonly live: Slot;
  readonly staging: Slot;
  private readonly db: DatabaseSync;
  private readonly path: string;
  private readonly t: SlotTables;
  private readonly insertDevice: StatementSync;
  private readonly insertDocument: StatementSync;
  private readonly replaceDevice: StatementSync;
  private readonly replaceDocument: StatementSync;

  /** Claims the staging slot (dropping whatever a killed snapshot left there). Takes ownership of `db`. */
  constructor(db: DatabaseSync, path: string, now: string) {
    this.db = db;
    this.path = path;
    let claimed: { live: Slot; runId: number };
    try {
      claimed = claimStaging(db, now);
    } catch (error) {
      db.close();
      throw translateDamage(error, path);
    }
    this.live = claimed.live;
    this.staging = otherSlot(claimed.live);
    this.runId = claimed.runId;
    const t = slotTables(this.staging);
    this.t = t;
    const columns = DEVICE_COLUMNS.map((c) => `"${c.name}"`).join(', ');
    const values = `?${', ?'.repeat(DEVICE_COLUMNS.length)}`;
    this.insertDevice = db.prepare(`INSERT INTO ${t.devices}(row, ${columns}) VALUES (${values})`);
    this.insertDocument = db.prepare(`INSERT INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
    this.replaceDevice = db.prepare(`INSERT OR REPLACE INTO ${t.devices}(row, ${columns}) VALUES (${values})`);
    this.replaceDocument = db.prepare(`INSERT OR REPLACE INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
  }

  /**
   * One staged page, in its own transaction. `before` runs inside it first (the in-thread
   * writer encodes the page there, so a new document shape commits or rolls back with it).
   */
  write(staged: StagedDevices | (() => StagedDevices)): StagedDevices {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      const page = typeof staged === 'function' ? staged() : staged;
      const { rows, repeated, values, shapes, bodies } = page;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as number;
        if (repeated[i]) {
          this.replaceDevice.run(row, ...(values[i] as []));
          this.replaceDocument.run(row, shapes[i] as number, bodies[i] as string);
          continue;
        }
        this.insertDevice.run(row, ...(values[i] as []));
        this.insertDocument.run(row, shapes[i] as number, bodies[i] as string);
      }
      this.db.exec('COMMIT');
      return page;
    } catch (error) {
      rollbackQuietly(this.db);
      throw translateDamage(error, this.path);
    }
  }

  /** Builds the slot's indexes and makes it the one everyone reads, in one transaction. */
  commit(done: SlotCommit): void {
    // Building the B-tree indexes sorts 100,000 keys per index; SQLite's sorter can share that
    // with a helper thread, and at commit the thread that read the pages has nothing else to do.
    this.db.exec('PRAGMA threads = 2');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      createSlotIndexesLike(this.db, this.live, this.staging);
      this.db.prepare('UPDATE inventory_state SET live_slot = ?, staging_run = NULL, devices_as_of = ?, device_watermark = ? WHERE id = 1').run(this.staging, done.asOf, done.watermark ?? null);
      finishRun(this.db, this.runId, { status: 'succeeded', finishedAt: done.finishedAt, asOf: done.asOf, itemCount: done.deviceCount });
      this.db.exec('COMMIT');
    } catch (error) {
      rollbackQuietly(this.db);
      this.close();
      throw translateDamage(error, this.path);
    }
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
  }

  /** Drops what was staged; the live snapshot stays as it was. */
  abort(finishedAt: string, itemCount: number, reason: string | undefined): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        if (this.ownsStaging()) {
          dropSlot(this.db, this.staging);
          this.db.prepare('UPDATE inventory_state SET staging_run = NULL WHERE id = 1').run();
        }
        finishRun(this.db, this.runId, { status: 'aborted', finishedAt, itemCount, ...(reason === undefined ? {} : { error: reason }) });
        this.db.exec('COMMIT');
      } catch (error) {
        rollbackQuietly(this.db);
        throw error;
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private ownsStaging(): boolean {
    const row = this.db.prepare('SELECT staging_run FROM inventory_state WHERE id = 1').get() as { staging_run: number | null } | undefined;
    return row !== undefined && row.staging_run !== null && Number(row.staging_run) === this.runId;
  }

  private assertStillStaging(): void {
    if (!this.ownsStaging()) throw new ProblemError({ code: 'cancelled', message: 'Another full sync of this tenant started and replaced this one; its data was not kept.' });
  }
}

/** Cleans whatever an earlier, killed snapshot left, and claims the staging slot. */
function claimStaging(db: DatabaseSync, now: string): { live: Slot; runId: number } {
  db.exec('BEGIN IMMEDIATE');
  try {
    const live = readLiveSlot(db);
    const staging = otherSlot(live);
    markInterrupted(db, 'devices', 'full', now);
    dropSlot(db, staging);
    createSlotTablesLike(db, live, staging);
    const runId = startRun(db, 'devices', 'full', now);
    db.prepare('UPDATE inventory_state SET staging_run = ? WHERE id = 1').run(runId);
    db.exec('COMMIT');
    return { live, runId };
  } catch (error) {
    rollbackQuietly(db);
    throw error;
  }
}
