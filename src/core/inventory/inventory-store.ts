// One tenant's offline inventory: every list a technician sees is read from here.
// Open it with openInventory() (inventory-files.ts), which also deals with a damaged file.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import { DEVICE_COLUMNS, toDeviceRow } from './device-columns.ts';
import type { DeviceRow } from './device-columns.ts';
import { checkDevices } from './device-batch.ts';
import { DocumentShapes } from './device-documents.ts';
import type { DeviceFacets } from './device-facets.ts';
import { compileFilter, compileQuery, joinWhere, userWhere } from './device-query.ts';
import type { CompiledFilter, DeviceFilter, DeviceQuery } from './device-query.ts';
import { CREATE_HITS_TABLE, DeviceOrders, collectHits, countDevices, deviceCategoryNames, deviceFacets, devicePage, deviceWindow } from './device-reads.ts';
import type { Hits, Statements } from './device-reads.ts';
import { planSearch } from './device-search.ts';
import type { SearchPlan } from './device-search.ts';
import { DeviceTexts } from './device-texts.ts';
import { deviceUsers } from './device-users.ts';
import type { DeviceUser } from './device-users.ts';
import { getEntity, listEntities, removeEntities, replaceEntities, upsertEntities } from './entity-store.ts';
import type { EntityAccess } from './entity-store.ts';
import type { EntityKind, InventoryEntities } from './entity-tables.ts';
import { openConnection, translateDamage } from './connection.ts';
import { StatementCache } from './statement-cache.ts';
import { removeLiveDevice, upsertLiveDevices } from './live-device-writes.ts';
import type { LiveDeviceAccess } from './live-device-writes.ts';
import { SnapshotWriter } from './snapshot-writer.ts';
import { OffThreadSnapshot } from './off-thread-snapshot.ts';
import { dropFinishedSlot, readLiveSlot, slotTables } from './slots.ts';
import type { Slot, SlotTables } from './slots.ts';
import { listRuns, recordRun } from './sync-runs.ts';
import type { IncrementalRunRecord, SyncRun } from './sync-runs.ts';
import { inTransaction } from './transactions.ts';
import { checkAsOf, withOptional } from './values.ts';
import type { DeviceLookup, DevicePage, EntityListQuery, EntityPage, InventoryStatus } from './store-results.ts';

const SELECT_DEVICE = DEVICE_COLUMNS.map((c) => `d."${c.name}"`).join(', ');
const EXPORT_PAGE = 1000;
/**
 * The snapshot writer mostly appends, so a small page cache serves it as well as a large one
 * (measured), and keeps a sync's memory down; the store's own connection keeps the default,
 * which holds the device lists and their indexes for queries.
 */
const WRITER_CACHE_KIB = 8_192;
const MAX_STATEMENTS = 256;

export class InventoryStore {
  readonly tenantId: string;
  /** The database file. */
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly clock: () => number;
  private readonly shapes: DocumentShapes;
  private readonly statements: StatementCache;
  private readonly sql: Statements;
  private readonly writers = new Set<{ abort(reason?: string): unknown }>();
  private readonly onClose: (() => void) | undefined;
  private closed = false;
  /** The order of the list a grid is scrolling through (see deviceWindow). */
  private readonly orders = new DeviceOrders();
  /** The devices' searched lines, which every search is answered from (see device-texts.ts). */
  private readonly texts: DeviceTexts;
  /** Write transactions this connection has begun: part of what says a kept order is still current. */
  private writes = 0;

  /** Use openInventory(): it creates, migrates and checks the file first. Takes ownership of `db`. */
  constructor(options: { readonly db: DatabaseSync; readonly path: string; readonly tenantId: string; readonly clock?: () => number; readonly onClose?: () => void }) {
    this.db = options.db;
    this.statements = new StatementCache(this.db, MAX_STATEMENTS);
    this.path = options.path;
    this.tenantId = options.tenantId;
    this.clock = options.clock ?? Date.now;
    this.onClose = options.onClose;
    this.shapes = new DocumentShapes(this.db);
    this.sql = (text) => this.statement(text);
    this.texts = new DeviceTexts(this.db);
    this.db.exec(CREATE_HITS_TABLE);
    dropFinishedSlot(this.db);
  }

  // Reading devices

  queryDevices(query: DeviceQuery = {}): DevicePage {
    const compiled = compileQuery(query, this.clock());
    return this.read((slot) => {
      const tables = slotTables(slot);
      const filter = filterWhere(compiled.filter);
      const hits = this.collectHits(tables, compiled.search);
      const total = countDevices(this.sql, tables, filter, hits);
      // By position (the app's grid): no page link, the caller asks for the next window itself.
      if (compiled.offset !== undefined) {
        const data = this.dataKey(slot);
        const rows = deviceWindow(this.sql, tables, compiled, compiled.offset, filter, hits, total, { kept: this.orders, key: this.listKey(query, data), data });
        return withOptional({ rows, total }, { asOf: this.asOf() });
      }
      const page = devicePage(this.sql, tables, compiled, filter, hits);
      return withOptional({ rows: page.rows, total }, { next: page.next, asOf: this.asOf() });
    });
  }

  /**
   * Reads what searches are answered from (~0.1–0.25 s for 100,000 devices,
   * once per change of the data), so that the first keystroke does not wait for it: call it when
   * the app is idle, after the list is first shown or a sync has finished. Searching works
   * without it.
   */
  prepareSearch(): void {
    this.read((slot) => this.texts.prepare(this.sql, slotTables(slot), this.fileState(slot)));
  }

  /** Whether a search can be answered without reading the lines first. */
  isSearchPrepared(): boolean {
    return this.read((slot) => this.texts.isCurrent(this.fileState(slot)));
  }

  /** The device categories devices are in, for the category filter. */
  deviceCategories(): readonly string[] {
    return this.read((slot) => deviceCategoryNames(this.sql, slotTables(slot)));
  }

  /**
   * Names the data a read sees, for keeping orders between reads: the live slot, commits by
   * other connections (data_version) and this connection's own writes.
   */
  private dataKey(slot: Slot): string {
    return `${this.fileState(slot)}|${this.writes}`;
  }

  /** The live slot and the commits other connections made (not this connection's own writes). */
  private fileState(slot: Slot): string {
    const version = this.statement('PRAGMA data_version').get() as { data_version: number };
    return `${slot}|${Number(version.data_version)}`;
  }

  /**
   * Names a list and the data it is read from, for keeping its order between windows: the query
   * (the staleness threshold moves with the clock, so it counts by the minute) and the data.
   */
  private listKey(query: DeviceQuery, data: string): string {
    const list = JSON.stringify([query.search ?? '', query.filter ?? {}, query.sort ?? {}]);
    return `${data}|${Math.floor(this.clock() / 60_000)}|${list}`;
  }

  /** Every matching row, in order, read a thousand at a time (each batch its own read). */
  *exportRows(query: Omit<DeviceQuery, 'limit' | 'offset'> = {}): Generator<DeviceRow, void, undefined> {
    let after = query.after;
    for (;;) {
      const compiled = compileQuery({ ...query, limit: EXPORT_PAGE, ...(after === undefined ? {} : { after }) }, this.clock());
      const page = this.read((slot) => {
        const tables = slotTables(slot);
        return devicePage(this.sql, tables, compiled, filterWhere(compiled.filter), this.collectHits(tables, compiled.search));
      });
      yield* page.rows;
      if (page.next === undefined) return;
      after = page.next;
    }
  }

  /** By id, or by device name when no id matches (names are not unique: several come back as candidates). */
  getDevice(idOrName: string): DeviceLookup {
    const key = idOrName.trim();
    if (key === '') return { kind: 'notFound' };
    return this.read((slot) => {
      const t = slotTables(slot);
      const byId = this.statement(`SELECT ${SELECT_DEVICE}, doc.shape AS _shape, doc.body AS _body FROM ${t.devices} d JOIN ${t.documents} doc ON doc.row = d.row WHERE d."id" = ?`).get(key);
      if (byId) return this.found(byId);
      const byName = this.statement(`SELECT ${SELECT_DEVICE}, doc.shape AS _shape, doc.body AS _body FROM ${t.devices} d JOIN ${t.documents} doc ON doc.row = d.row WHERE d."deviceName" = ? ORDER BY d."id" LIMIT 26`).all(key);
      if (byName.length === 0) return { kind: 'notFound' };
      if (byName.length === 1) return this.found(byName[0] as Record<string, SQLOutputValue>);
      return { kind: 'ambiguous', candidates: byName.map((r) => toDeviceRow(r)) };
    });
  }

  /** The primary users the devices name, each with their number of devices. */
  deviceUsers(): readonly DeviceUser[] {
    return this.read((slot) => deviceUsers(this.sql, slotTables(slot)));
  }

  /** Counts for the dashboard, over all devices or those matching a search and filters. */
  facets(query: { readonly search?: string; readonly filter?: DeviceFilter } = {}): DeviceFacets {
    const now = this.clock();
    const filter = compileFilter(query.filter ?? {}, now);
    const plan = planSearch(query.search);
    return this.read((slot) => {
      const t = slotTables(slot);
      return deviceFacets(this.sql, t, filterWhere(filter), this.collectHits(t, plan), now, this.asOf());
    });
  }

  status(): InventoryStatus {
    return this.read((slot) => {
      const state = this.statement('SELECT devices_as_of, device_watermark, staging_run FROM inventory_state WHERE id = 1').get() as { devices_as_of: string | null; device_watermark: string | null; staging_run: number | null };
      const count = this.statement(`SELECT count(*) AS n FROM ${slotTables(slot).devices}`).get() as { n: number };
      return withOptional({ deviceCount: Number(count.n), snapshotInProgress: state.staging_run !== null }, { asOf: state.devices_as_of ?? undefined, deviceWatermark: state.device_watermark ?? undefined });
    });
  }

  /** Newest lastSyncDateTime seen (ISO 8601), or undefined before the first sync. */
  deviceWatermark(): string | undefined {
    return this.status().deviceWatermark;
  }

  syncRuns(limit = 20, entity?: string): readonly SyncRun[] {
    return this.read(() => listRuns(this.db, limit, entity));
  }

  // Writing devices

  /**
   * Starts a full snapshot on a connection of its own. Leftovers of a snapshot that was killed
   * are dropped first. Commit or abort it; closing the store aborts it.
   */
  beginFullSnapshot(): SnapshotWriter {
    this.assertOpen();
    const writer: SnapshotWriter = new SnapshotWriter(openConnection(this.path, { cacheKiB: WRITER_CACHE_KIB }), this.path, this.clock, () => this.writers.delete(writer));
    this.writers.add(writer);
    return writer;
  }

  /**
   * The same, with the parsing and writing done in worker threads (off-thread-snapshot.ts): for
   * the sync engine, whose main thread talks to Graph. `workerUrl` is for bundled builds.
   */
  async beginOffThreadSnapshot(options: { readonly workerUrl?: URL; readonly threads?: number } = {}): Promise<OffThreadSnapshot> {
    this.assertOpen();
    // Set once begin() resolves; a snapshot that fails to begin ends before it is ever added.
    const begun: { snapshot?: OffThreadSnapshot } = {};
    const snapshot = await OffThreadSnapshot.begin({
      path: this.path,
      clock: this.clock,
      cacheKiB: WRITER_CACHE_KIB,
      onDone: () => {
        if (begun.snapshot) this.writers.delete(begun.snapshot);
      },
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    });
    begun.snapshot = snapshot;
    this.writers.add(snapshot);
    return snapshot;
  }

  /** Adds or replaces devices in the live data, in one transaction. `asOf` becomes the data's as-of time. */
  upsertDevices(devices: readonly ManagedDevice[], asOf: string): number {
    const checked = checkDevices(devices);
    checkAsOf(asOf);
    return this.write((slot) => upsertLiveDevices(this.liveAccess, slotTables(slot), devices, checked, asOf));
  }

  /** Removes devices by id from the live data, in one transaction; returns how many were there. */
  removeDevices(ids: readonly string[]): number {
    return this.write((slot) => {
      const t = slotTables(slot);
      let removed = 0;
      for (const id of ids) if (typeof id === 'string' && removeLiveDevice(this.liveAccess, t, id)) removed++;
      return removed;
    });
  }

  private get liveAccess(): LiveDeviceAccess {
    return { statement: (sql) => this.statement(sql), shapes: this.shapes, touch: (row) => this.texts.touch(row) };
  }

  /** The sync engine's record of an incremental run it made with upsertDevices and removeDevices. */
  recordIncrementalRun(run: IncrementalRunRecord): number {
    return this.write(() =>
      recordRun(this.db, run.entity ?? 'devices', 'incremental', {
        status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, asOf: run.asOf,
        itemCount: null, upserted: run.upserted, removed: run.removed, error: run.error ?? null,
      }),
    );
  }

  // Other entities (entity-store.ts)

  /** Replaces every entity of a kind, in one transaction; readers see the old set until it commits. */
  replaceEntities<K extends EntityKind>(kind: K, items: readonly InventoryEntities[K][], asOf: string): number {
    return replaceEntities(this.entityAccess, kind, items, asOf);
  }

  upsertEntities<K extends EntityKind>(kind: K, items: readonly InventoryEntities[K][], asOf: string): number {
    return upsertEntities(this.entityAccess, kind, items, asOf);
  }

  removeEntities(kind: EntityKind, ids: readonly string[]): number {
    return removeEntities(this.entityAccess, kind, ids);
  }

  getEntity<K extends EntityKind>(kind: K, id: string): InventoryEntities[K] | undefined {
    return getEntity(this.entityAccess, kind, id);
  }

  /** A page of entities by display name (then id), with keyset paging. */
  listEntities<K extends EntityKind>(kind: K, query: EntityListQuery = {}): EntityPage<K> {
    return listEntities(this.entityAccess, kind, query);
  }

  private get entityAccess(): EntityAccess {
    return { db: this.db, clock: this.clock, statement: (sql) => this.statement(sql), read: (work) => this.read(() => work()), write: (work) => this.write(() => work()) };
  }

  // Lifecycle

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Aborts any snapshot still open on this store and closes the file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const writer of [...this.writers]) {
      try {
        // An off-thread snapshot finishes aborting in its worker; its promise is not awaited here.
        const aborted = writer.abort('The inventory was closed before the sync finished.');
        if (aborted instanceof Promise) aborted.catch(() => undefined);
      } catch {
        // Closing anyway: whatever was staged is dropped by the next snapshot.
      }
    }
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
    this.onClose?.();
  }

  // Internals

  private found(stored: Record<string, SQLOutputValue>): DeviceLookup {
    const device = this.shapes.decode<ManagedDevice>(Number(stored['_shape']), String(stored['_body']));
    return withOptional({ kind: 'found' as const, device, row: toDeviceRow(stored) }, { asOf: this.asOf() });
  }

  private asOf(): string | undefined {
    const row = this.statement('SELECT devices_as_of FROM inventory_state WHERE id = 1').get() as { devices_as_of: string | null } | undefined;
    return row?.devices_as_of ?? undefined;
  }

  private collectHits(t: SlotTables, plan: SearchPlan): Hits {
    return collectHits(this.sql, plan, {
      // Own writes are not in the file state: they name the rows they touch (live-device-writes.ts).
      mark: (text) => this.texts.mark(this.sql, t, this.fileState(t.slot), text),
      markedRows: () => this.texts.markedRows(),
      isMarked: (row) => this.texts.isMarked(row),
    });
  }

  private statement(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  private read<T>(work: (slot: Slot) => T): T {
    this.assertOpen();
    try {
      return inTransaction(this.db, 'read', () => work(readLiveSlot(this.db)));
    } catch (error) {
      throw translateDamage(error, this.path);
    }
  }

  private write<T>(work: (slot: Slot) => T): T {
    this.assertOpen();
    this.writes++;
    try {
      return inTransaction(this.db, 'write', () => work(readLiveSlot(this.db)), () => this.shapes.forget());
    } catch (error) {
      throw translateDamage(error, this.path);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The inventory of tenant ${this.tenantId} is closed`);
  }
}

function filterWhere(filter: CompiledFilter): CompiledFilter {
  return filter.userPrincipalName === undefined ? filter : { ...joinWhere(filter, userWhere(filter.userPrincipalName)), seekable: filter.seekable };
}
