// The staging slot's side of a full snapshot. The first connection claims the slot that is not
// live; more connections (the other writer threads of an OffThreadSnapshot) may join it. Each
// appends prepared pages to its bare tables, each page in its own small transaction. Once every
// page is in, the claiming connection seals the slot: a device that arrived twice (overlapping
// partitions) keeps only its newest copy, and the unique index on id is built, which tells the
// number of different devices. It then builds the other indexes and flips
// inventory_state.live_slot in one transaction (readers see the old snapshot until that commits,
// and the new one after). It runs in the thread that prepares the pages (SnapshotWriter) or in
// writer threads (slot-writer-worker.ts), so it is given every time it records rather than
// reading a clock.
//
// Why duplicates are removed at the end rather than looked up as pages arrive: with the unique
// index in place during the load, every insert also lands at a random place in it, and each
// connection must read those pages again after another connection wrote (SQLite drops a
// connection's cache when the file changed under it). That more than doubled the cost of
// writing. Appending touches only the tables' last pages, and building the index once at the
// end sorts instead of searching.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { translateDamage } from './connection.ts';
import { DEVICE_COLUMNS } from './device-columns.ts';
import type { PreparedDevices } from './prepared-devices.ts';
import { createSlotIndexesLike, createSlotTablesLike, createSlotUniqueIndexesLike, dropSlot, otherSlot, readLiveSlot, slotTables } from './slots.ts';
import type { Slot, SlotTables } from './slots.ts';
import { finishRun, markInterrupted, startRun } from './sync-runs.ts';
import { rollbackQuietly } from './transactions.ts';

export interface SlotCommit {
  readonly asOf: string;
  readonly finishedAt: string;
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
  /** Different devices, once sealed. */
  private sealedCount: number | undefined;

  /** Claims the staging slot (dropping whatever a killed snapshot left there). Takes ownership of `db`. */
  static claim(db: DatabaseSync, path: string, now: string): SlotWriter {
    let claimed: { live: Slot; runId: number };
    try {
      claimed = claimStaging(db, now);
    } catch (error) {
      db.close();
      throw translateDamage(error, path);
    }
    return new SlotWriter(db, path, claimed.live, claimed.runId);
  }

  /** Writes into the staging slot run `runId` claimed, from another connection. Takes ownership of `db`. */
  static join(db: DatabaseSync, path: string, runId: number): SlotWriter {
    let live: Slot;
    try {
      live = readLiveSlot(db);
    } catch (error) {
      db.close();
      throw translateDamage(error, path);
    }
    const writer = new SlotWriter(db, path, live, runId);
    if (!writer.ownsStaging()) {
      writer.close();
      throw replacedProblem();
    }
    return writer;
  }

  private constructor(db: DatabaseSync, path: string, live: Slot, runId: number) {
    this.db = db;
    this.path = path;
    this.live = live;
    this.staging = otherSlot(live);
    this.runId = runId;
    const t = slotTables(this.staging);
    this.t = t;
    const names = DEVICE_COLUMNS.map((c) => `"${c.name}"`).join(', ');
    this.insertDevice = db.prepare(`INSERT INTO ${t.devices}(${names}) VALUES (?${', ?'.repeat(DEVICE_COLUMNS.length - 1)})`);
    this.insertDocument = db.prepare(`INSERT INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
  }

  /** One prepared page, appended in its own transaction; returns how many devices it held. */
  write(page: PreparedDevices): number {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      const { values, shapes, bodies } = page;
      for (let i = 0; i < values.length; i++) {
        const row = this.insertDevice.run(...(values[i] as [])).lastInsertRowid;
        this.insertDocument.run(row, shapes[i] as number, bodies[i] as string);
      }
      this.db.exec('COMMIT');
      return values.length;
    } catch (error) {
      rollbackQuietly(this.db);
      throw translateDamage(error, this.path);
    }
  }

  /**
   * After the last page: a device staged twice keeps one row (dropRepeatedDevices), the unique
   * index on id is built, and the number of different devices is returned. Only the
   * claiming connection seals, once the others are closed.
   */
  seal(): number {
    if (this.sealedCount !== undefined) return this.sealedCount;
    // Building the B-tree indexes sorts 100,000 keys per index; SQLite's sorter can share that
    // with a helper thread, and once the pages are in, the other threads have nothing to do.
    this.db.exec('PRAGMA threads = 2');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      try {
        createSlotUniqueIndexesLike(this.db, this.live, this.staging);
      } catch (error) {
        if (!isUniqueFailure(error)) throw error;
        dropRepeatedDevices(this.db, this.t);
        createSlotUniqueIndexesLike(this.db, this.live, this.staging);
      }
      const count = Number((this.db.prepare(`SELECT count(*) AS n FROM ${this.t.devices}`).get() as { n: number | bigint }).n);
      this.db.exec('COMMIT');
      this.sealedCount = count;
      return count;
    } catch (error) {
      rollbackQuietly(this.db);
      throw translateDamage(error, this.path);
    }
  }

  /** Seals the slot if it is not yet, builds its other indexes and makes it the one everyone reads, in one transaction. */
  commit(done: SlotCommit): void {
    let deviceCount: number;
    try {
      deviceCount = this.seal();
    } catch (error) {
      this.close();
      throw error;
    }
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.assertStillStaging();
      createSlotIndexesLike(this.db, this.live, this.staging);
      this.db.prepare('UPDATE inventory_state SET live_slot = ?, staging_run = NULL, devices_as_of = ?, device_watermark = ? WHERE id = 1').run(this.staging, done.asOf, done.watermark ?? null);
      finishRun(this.db, this.runId, { status: 'succeeded', finishedAt: done.finishedAt, asOf: done.asOf, itemCount: deviceCount });
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
    if (!this.ownsStaging()) throw replacedProblem();
  }
}

/**
 * A device staged more than once keeps one row: the copy that checked in last, and of copies
 * equally recent the one stored last. Pages are stored by several threads, so the order they are
 * stored in is not the order they arrived in; the check-in time is what says which copy is newer.
 */
function dropRepeatedDevices(db: DatabaseSync, t: SlotTables): void {
  db.exec(`CREATE TEMP TABLE repeated_rows AS SELECT row FROM (
    SELECT row, row_number() OVER (PARTITION BY "id" ORDER BY "lastSyncDateTime" DESC NULLS LAST, row DESC) AS rank FROM ${t.devices}
  ) WHERE rank > 1`);
  try {
    db.exec(`DELETE FROM ${t.documents} WHERE row IN (SELECT row FROM temp.repeated_rows)`);
    db.exec(`DELETE FROM ${t.devices} WHERE row IN (SELECT row FROM temp.repeated_rows)`);
  } finally {
    db.exec('DROP TABLE temp.repeated_rows');
  }
}

/** SQLITE_CONSTRAINT_UNIQUE: the index could not be built because a key is there twice. */
function isUniqueFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errcode?: unknown }).errcode === 2067;
}

function replacedProblem(): ProblemError {
  return new ProblemError({ code: 'cancelled', message: 'Another full sync of this tenant started and replaced this one; its data was not kept.' });
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
