// Incremental refresh: upserts and removals on the live data, each one transaction, with the
// search and the watermark kept in step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { ProblemError } from '../../../src/core/problem.ts';
import { allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, graphDevices } from './helpers/tenant-data.ts';

const BASE = graphDevices(400, 5);
const OTHERS = graphDevices(60, 6);

test('upserts add new devices and replace changed ones; search follows the change', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const before = t.store.deviceWatermark();
  const target = BASE[7] as ManagedDevice;
  const oldName = String(target.deviceName);
  const changed: ManagedDevice = { ...target, deviceName: 'QZ-RENAMED-0007', lastSyncDateTime: new Date(ANCHOR + 60_000).toISOString(), complianceState: 'noncompliant' };
  const added = OTHERS.slice(0, 5);
  assert.equal(t.store.upsertDevices([changed, ...added], '2026-11-01T01:00:00Z'), 6);

  assert.equal(t.store.queryDevices().total, BASE.length + 5);
  const found = t.store.getDevice(String(target.id));
  assert.ok(found.kind === 'found');
  assert.equal(found.device.deviceName, 'QZ-RENAMED-0007');
  assert.equal(found.row.complianceState, 'noncompliant');
  assert.deepEqual(t.store.queryDevices({ search: 'qz-renamed' }).rows.map((r) => r.id), [target.id]);
  const stillOld = t.store.queryDevices({ search: oldName, limit: 1000 }).rows.map((r) => r.id);
  assert.ok(!stillOld.includes(String(target.id)), 'the old name still finds the renamed device');
  for (const d of added) assert.equal(t.store.queryDevices({ search: String(d.deviceName) }).rows.some((r) => r.id === d.id), true);

  assert.equal(t.store.deviceWatermark(), changed.lastSyncDateTime);
  assert.notEqual(before, t.store.deviceWatermark());
  assert.equal(t.store.status().asOf, '2026-11-01T01:00:00Z');
});

test('a device with a model never seen before is found by its model', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const novel: ManagedDevice = { ...(OTHERS[0] as ManagedDevice), model: 'Quokka Fold 9 Ultra' };
  const renamed: ManagedDevice = { ...(BASE[0] as ManagedDevice), model: 'Quokka Fold 9 Ultra' };
  t.store.upsertDevices([novel, renamed], '2026-11-01T01:00:00Z');
  assert.deepEqual(t.store.queryDevices({ search: 'quokka fold' }).rows.map((r) => r.id).sort(), [String(novel.id), String(renamed.id)].sort());
  assert.equal(t.store.queryDevices({ search: 'qu' }).rows.some((r) => r.id === novel.id), true);
  t.store.removeDevices([String(novel.id), String(renamed.id)]);
  assert.equal(t.store.queryDevices({ search: 'quokka' }).total, 0, 'a model no device has any more matches nothing');
});

test('an older device does not move the watermark back', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const watermark = t.store.deviceWatermark();
  t.store.upsertDevices([{ ...(BASE[0] as ManagedDevice), lastSyncDateTime: '2020-01-01T00:00:00Z' }], '2026-11-01T02:00:00Z');
  assert.equal(t.store.deviceWatermark(), watermark);
});

test('removals drop devices from lists, search and lookups; unknown ids are ignored', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const gone = BASE.slice(10, 15).map((d) => String(d.id));
  assert.equal(t.store.removeDevices([...gone, 'no-such-device', gone[0] as string]), 5);
  assert.equal(t.store.queryDevices().total, BASE.length - 5);
  for (const id of gone) assert.equal(t.store.getDevice(id).kind, 'notFound');
  const serial = String(BASE[10]?.serialNumber);
  if (serial.length >= 3) assert.ok(!t.store.queryDevices({ search: serial }).rows.some((r) => gone.includes(r.id)));
  assert.equal(allIds(t.store).length, BASE.length - 5);
});

test('the same device twice in one batch ends as its last version', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const d = BASE[3] as ManagedDevice;
  t.store.upsertDevices([{ ...d, deviceName: 'FIRST-VERSION' }, { ...d, deviceName: 'SECOND-VERSION' }], '2026-11-01T03:00:00Z');
  assert.equal(t.store.queryDevices().total, BASE.length);
  assert.equal(t.store.queryDevices({ search: 'first-version' }).total, 0);
  assert.equal(t.store.queryDevices({ search: 'second-version' }).total, 1);
});

test('a bad device refuses the whole batch; nothing changes', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  const renamed = { ...(BASE[0] as ManagedDevice), deviceName: 'SHOULD-NOT-APPEAR' };
  assert.throws(
    () => t.store.upsertDevices([renamed, { ...(BASE[1] as ManagedDevice), id: 42 } as unknown as ManagedDevice], '2026-11-01T04:00:00Z'),
    (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse' && /id should be a string, not number 42/.test(error.problem.message),
  );
  assert.equal(t.store.queryDevices({ search: 'should-not-appear' }).total, 0);
  assert.throws(() => t.store.upsertDevices([renamed], 'not a date'), (error: unknown) => error instanceof ProblemError && error.problem.code === 'badRequest');
});

test('incremental runs are recorded for the sync history', () => {
  using t = tempInventory();
  snapshot(t.store, BASE);
  t.store.upsertDevices(OTHERS.slice(0, 3), '2026-11-01T05:00:00Z');
  t.store.removeDevices([String(BASE[0]?.id)]);
  const id = t.store.recordIncrementalRun({ startedAt: '2026-11-01T05:00:00Z', finishedAt: '2026-11-01T05:00:02Z', asOf: '2026-11-01T05:00:00Z', upserted: 3, removed: 1, status: 'succeeded' });
  const [run] = t.store.syncRuns(1);
  assert.equal(run?.id, id);
  assert.equal(run?.kind, 'incremental');
  assert.equal(run?.upserted, 3);
  assert.equal(run?.removed, 1);
});
