// Full snapshots: staged page by page, invisible until commit, gone on abort, and cleaned up
// after a process that died halfway.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { openConnection } from '../../../src/core/inventory/connection.ts';
import { createSlotTablesLike, otherSlot, readLiveSlot, slotTables } from '../../../src/core/inventory/slots.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, graphDevices, pages } from './helpers/tenant-data.ts';

const OLD = graphDevices(300, 1);
const NEW = graphDevices(450, 2);
const ids = (devices: readonly ManagedDevice[]): string[] => devices.map((d) => d.id as string).sort();

test('readers on other connections see the previous snapshot until commit, then the new one', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const reader = t.openOther().store;
  const writer = t.store.beginFullSnapshot();
  for (const page of pages(NEW, 100)) {
    writer.addDevices(page);
    assert.equal(reader.queryDevices().total, OLD.length, 'a staged page leaked into the live data');
  }
  assert.equal(reader.status().snapshotInProgress, true);
  assert.deepEqual(allIds(reader).sort(), ids(OLD));
  const result = writer.commit('2026-11-01T00:00:00Z');
  assert.equal(result.deviceCount, NEW.length);
  assert.deepEqual(allIds(reader).sort(), ids(NEW));
  assert.equal(reader.status().asOf, '2026-11-01T00:00:00Z');
  const newSerials = new Set(NEW.map((d) => d.serialNumber));
  const gone = OLD.find((d) => (d.serialNumber ?? '').length >= 6 && !newSerials.has(d.serialNumber));
  assert.ok(gone);
  assert.equal(reader.queryDevices({ search: String(gone.serialNumber) }).total, 0, 'the old snapshot is still searchable');
});

test('a reader already inside a read transaction keeps its snapshot across the commit', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const raw = new DatabaseSync(t.store.path);
  try {
    raw.exec('BEGIN');
    const slot = readLiveSlot(raw);
    const count = (): number => Number((raw.prepare(`SELECT count(*) AS n FROM ${slotTables(slot).devices}`).get() as { n: number }).n);
    assert.equal(count(), OLD.length);
    snapshot(t.store, NEW);
    assert.equal(count(), OLD.length, 'the commit (and the drop of the old slot) must not disturb an open reader');
    assert.equal(readLiveSlot(raw), slot);
    raw.exec('COMMIT');
    assert.equal(readLiveSlot(raw), otherSlot(slot));
  } finally {
    raw.close();
  }
  assert.equal(t.store.queryDevices().total, NEW.length);
});

test('abort keeps the previous snapshot and records the run', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const writer = t.store.beginFullSnapshot();
  for (const page of pages(NEW, 200)) writer.addDevices(page);
  writer.abort('cancelled by the technician');
  writer.abort();
  assert.deepEqual(allIds(t.store).sort(), ids(OLD));
  assert.equal(t.store.status().snapshotInProgress, false);
  const [last] = t.store.syncRuns(1);
  assert.equal(last?.status, 'aborted');
  assert.equal(last?.error, 'cancelled by the technician');
  assert.throws(() => writer.addDevices(NEW.slice(0, 1)), /aborted/);
});

test('leftovers of a writer that died are dropped by the next snapshot, which completes', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  // What a killed writer leaves: a claimed staging slot with some rows and a run still "running".
  const raw = openConnection(t.store.path);
  try {
    raw.exec('BEGIN IMMEDIATE');
    const live = readLiveSlot(raw);
    createSlotTablesLike(raw, live, otherSlot(live));
    const staged = slotTables(otherSlot(live));
    raw.prepare(`INSERT INTO ${staged.devices}(row, id, deviceName) VALUES (1, 'left-over', 'HALF-WRITTEN')`).run();
    const run = raw.prepare(`INSERT INTO sync_runs(entity, kind, status, started_at) VALUES ('devices', 'full', 'running', '2026-10-31T00:00:00Z')`).run();
    raw.prepare('UPDATE inventory_state SET staging_run = ? WHERE id = 1').run(run.lastInsertRowid);
    raw.exec('COMMIT');
  } finally {
    raw.close();
  }
  assert.deepEqual(allIds(t.store).sort(), ids(OLD), 'leftovers must not be visible');
  snapshot(t.store, NEW);
  assert.deepEqual(allIds(t.store).sort(), ids(NEW));
  assert.equal(t.store.getDevice('HALF-WRITTEN').kind, 'notFound');
  const runs = t.store.syncRuns(5, 'devices');
  assert.ok(runs.some((r) => r.status === 'interrupted'), 'the dead run is marked interrupted');
  assert.equal(runs[0]?.status, 'succeeded');
});

test('an old snapshot left behind by a writer killed right after its commit is dropped on the next open', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const raw = openConnection(t.store.path);
  const idle = (): boolean => Boolean(raw.prepare(`SELECT 1 AS found FROM sqlite_schema WHERE name = ?`).get(slotTables(otherSlot(readLiveSlot(raw))).devices));
  try {
    raw.exec('BEGIN IMMEDIATE');
    const live = readLiveSlot(raw);
    createSlotTablesLike(raw, live, otherSlot(live));
    raw.exec('COMMIT');
    assert.equal(idle(), true);
    const other = t.openOther().store;
    assert.equal(idle(), false, 'the idle slot should be gone');
    assert.deepEqual(allIds(other).sort(), ids(OLD));
  } finally {
    raw.close();
  }
});

test('a device sent twice (overlapping pages) is stored once, as last sent', () => {
  using t = tempInventory();
  const changed = { ...(NEW[10] as ManagedDevice), deviceName: 'RENAMED-ON-SECOND-PAGE' };
  const writer = t.store.beginFullSnapshot();
  writer.addDevices(NEW.slice(0, 100));
  writer.addDevices([changed, ...NEW.slice(100)]);
  assert.equal(writer.commit(new Date(ANCHOR).toISOString()).deviceCount, NEW.length);
  assert.equal(t.store.queryDevices().total, NEW.length);
  const found = t.store.getDevice(String(changed.id));
  assert.equal(found.kind === 'found' && found.device.deviceName, 'RENAMED-ON-SECOND-PAGE');
  assert.equal(t.store.queryDevices({ search: 'RENAMED-ON-SECOND' }).total, 1);
});

test('a page with a bad device is refused whole; the snapshot goes on', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const writer = t.store.beginFullSnapshot();
  writer.addDevices(NEW.slice(0, 100));
  const bad: unknown[] = [...NEW.slice(100, 150), { deviceName: 'NO-ID' }, { ...NEW[151], lastSyncDateTime: 'yesterday' }, { ...NEW[152], isEncrypted: 'yes' }];
  assert.throws(() => writer.addDevices(bad as ManagedDevice[]), (error: unknown) => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.problem.code, 'malformedResponse');
    assert.match(error.problem.message, /3 of 53 devices/);
    assert.match(error.problem.message, /device 51 \("NO-ID"\): id is missing/);
    assert.match(error.problem.message, /lastSyncDateTime should be an ISO 8601 date, not "yesterday"/);
    assert.match(error.problem.message, /isEncrypted should be true or false, not "yes"/);
    return true;
  });
  writer.addDevices(NEW.slice(100));
  writer.commit(new Date(ANCHOR).toISOString());
  assert.deepEqual(allIds(t.store).sort(), ids(NEW), 'nothing of the refused page may be half-stored');
});

test('a second full snapshot takes over; the first one is told, and its data is not kept', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const first = t.store.beginFullSnapshot();
  first.addDevices(NEW.slice(0, 100));
  const second = t.store.beginFullSnapshot();
  assert.throws(() => first.addDevices(NEW.slice(100, 200)), (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled');
  first.abort();
  second.addDevices(NEW);
  second.commit(new Date(ANCHOR).toISOString());
  assert.deepEqual(allIds(t.store).sort(), ids(NEW));
});

test('the watermark is the newest lastSyncDateTime of the snapshot; runs are recorded', () => {
  using t = tempInventory();
  assert.equal(t.store.deviceWatermark(), undefined);
  snapshot(t.store, NEW, { asOf: '2026-11-01T00:00:00Z' });
  const newest = Math.max(...NEW.map((d) => Date.parse(String(d.lastSyncDateTime))));
  assert.equal(t.store.deviceWatermark(), new Date(newest).toISOString());
  const [run] = t.store.syncRuns(1);
  assert.equal(run?.kind, 'full');
  assert.equal(run?.entity, 'devices');
  assert.equal(run?.status, 'succeeded');
  assert.equal(run?.itemCount, NEW.length);
  assert.equal(run?.asOf, '2026-11-01T00:00:00Z');
});

test('closing the store aborts an open snapshot', () => {
  using t = tempInventory();
  snapshot(t.store, OLD);
  const writer = t.store.beginFullSnapshot();
  writer.addDevices(NEW.slice(0, 50));
  const other = t.openOther().store;
  t.store.close();
  assert.equal(other.status().snapshotInProgress, false);
  assert.equal(other.queryDevices().total, OLD.length);
  assert.equal(other.syncRuns(1)[0]?.status, 'aborted');
});
