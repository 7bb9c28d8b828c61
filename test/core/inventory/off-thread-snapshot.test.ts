// The off-thread snapshot keeps SnapshotWriter's guarantees with the parsing and writing in
// writer threads: readers see the old snapshot until the commit, a device sent twice is stored
// once with its later values, a bad page is refused whole (at once when already parsed, as a
// failure of the snapshot when a thread parses it), and an abort leaves the live snapshot as it
// was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { ProblemError } from '../../../src/core/problem.ts';
import { tempInventory } from './helpers/temp-inventory.ts';

function device(n: number, extra: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    deviceName: `PC-${String(n).padStart(5, '0')}`,
    userPrincipalName: `user${n % 50}@contoso.onmicrosoft.com`,
    operatingSystem: n % 3 === 0 ? 'iOS' : 'Windows',
    complianceState: n % 4 === 0 ? 'noncompliant' : 'compliant',
    serialNumber: `SN${n}X${n * 7}`,
    model: `Model ${n % 5}`,
    lastSyncDateTime: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    ...extra,
  };
}


const pages = (from: number, count: number, size: number): ManagedDevice[][] => {
  const out: ManagedDevice[][] = [];
  for (let start = from; start < from + count; start += size) out.push(Array.from({ length: Math.min(size, from + count - start) }, (_, i) => device(start + i)));
  return out;
};

test('pages written by the writer threads become the live snapshot at commit, searchable, with the old one kept until then', async () => {
  using t = tempInventory();
  const { store } = t;
  const first = store.beginFullSnapshot();
  first.addDevices(pages(0, 10, 10)[0] as ManagedDevice[]);
  first.commit('2026-11-01T00:00:00.000Z');

  const snapshot = await store.beginOffThreadSnapshot();
  for (const page of pages(100, 2500, 250)) await snapshot.addDevices(page);
  // A device arriving twice (overlapping partitions) is stored once, with its newer values.
  await snapshot.addDevices([device(100, { deviceName: 'RENAMED-100', serialNumber: 'NEWSERIAL100' })]);
  assert.equal(await snapshot.seal(), 2500);
  assert.equal(snapshot.deviceCount, 2500);
  assert.equal(snapshot.devicesReceived, 2501);
  assert.equal(store.queryDevices({ limit: 1 }).total, 10, 'readers still see the previous snapshot');
  await assert.rejects(snapshot.addDevices([device(9999)]), /sealed/);

  const result = await snapshot.commit('2026-11-02T00:00:00.000Z');
  assert.equal(result.deviceCount, 2500);
  assert.equal(result.watermark, device(2599).lastSyncDateTime);
  assert.equal(store.queryDevices({ limit: 1 }).total, 2500);
  assert.equal(store.status().asOf, '2026-11-02T00:00:00.000Z');
  // Every kind of search finds what it should, the replaced values nowhere.
  assert.equal(store.queryDevices({ search: 'PC-01234' }).total, 1);
  assert.equal(store.queryDevices({ search: 'RENAMED-100' }).total, 1);
  assert.equal(store.queryDevices({ search: 'PC-00100' }).total, 0, 'the replaced name left the index');
  assert.equal(store.queryDevices({ search: 'NEWSERIAL100' }).total, 1);
  assert.equal(store.queryDevices({ search: 'SN100X700' }).total, 0);
  assert.equal(store.queryDevices({ search: 'model 3' }).total, 500, 'models are searchable');
  assert.equal(store.queryDevices({ search: 'user7@contoso' }).total, 50);
  assert.equal(store.queryDevices({ sort: { column: 'lastSyncDateTime', direction: 'desc' }, limit: 1 }).rows[0]?.deviceName, 'PC-02599');
  const found = store.getDevice('RENAMED-100');
  assert.equal(found.kind, 'found');
  if (found.kind === 'found') assert.equal(found.device.serialNumber, 'NEWSERIAL100');
});

test('a bad device refuses its page at once, and the snapshot goes on', async () => {
  using t = tempInventory();
  const { store } = t;
  const snapshot = await store.beginOffThreadSnapshot();
  await snapshot.addDevices(pages(0, 5, 5)[0] as ManagedDevice[]);
  await assert.rejects(snapshot.addDevices([device(10), { deviceName: 'no id' } as ManagedDevice]), (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse');
  await snapshot.addDevices([device(11)]);
  const result = await snapshot.commit('2026-11-02T00:00:00.000Z');
  assert.equal(result.deviceCount, 6);
  assert.equal(store.queryDevices({ search: 'PC-00010' }).total, 0);
});

test('an abort drops what was staged and leaves the live snapshot as it was', async () => {
  using t = tempInventory();
  const { store } = t;
  const first = store.beginFullSnapshot();
  first.addDevices(pages(0, 3, 3)[0] as ManagedDevice[]);
  first.commit('2026-11-01T00:00:00.000Z');
  const snapshot = await store.beginOffThreadSnapshot();
  for (const page of pages(100, 400, 100)) await snapshot.addDevices(page);
  await snapshot.abort('Cancelled by the test');
  await snapshot.abort('twice is fine');
  assert.equal(store.queryDevices({}).total, 3);
  assert.equal(store.status().snapshotInProgress, false);
  const runs = store.syncRuns(5);
  assert.equal(runs[0]?.status, 'aborted');
  assert.match(runs[0]?.error ?? '', /Cancelled by the test/);
  await assert.rejects(snapshot.addDevices([device(1)]), /aborted/);
});

test('a snapshot replaced by a newer one fails its next write with "cancelled", and the newer one commits', async () => {
  using t = tempInventory();
  const { store } = t;
  const older = await store.beginOffThreadSnapshot();
  await older.addDevices([device(1)]);
  const newer = store.beginFullSnapshot();
  newer.addDevices([device(2), device(3)]);
  await older.addDevices([device(4)]).catch(() => undefined);
  await assert.rejects(older.commit('2026-11-02T00:00:00.000Z'), (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled');
  newer.commit('2026-11-03T00:00:00.000Z');
  assert.equal(store.queryDevices({}).total, 2);
});
