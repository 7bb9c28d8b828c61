// Incremental refresh against the demo tenant: devices told to sync through Graph get a new
// lastSyncDateTime, the next incremental run fetches just those (and the few inside the safety
// margin) and upserts them in one transaction; a device deleted in Intune stays until the
// periodic full reconcile drops it; refresh() picks full or incremental for the right reasons.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import type { SyncEvent, SyncSettings } from '../../../src/core/sync/index.ts';
import { readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 1200;
/** Platforms the syncDevice action supports (FACTS §2, the memdocs action pages). */
const SYNCABLE = new Set(['Windows', 'iOS', 'macOS', 'Android']);

describe('incremental refresh', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, actionCompleteMs: 0 });
  });
  after(async () => {
    await t.stop();
  });

  const engine = (dataDir: string, settings: Partial<SyncSettings> = {}, events: SyncEvent[] = []): DeviceSync => {
    const { client } = t.client();
    return new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 200, ...settings }, onEvent: (e) => events.push(e) });
  };

  /** Sends syncDevice to `count` devices in one bulk action and waits until their check-in shows; returns their ids. */
  const checkIn = async (sync: DeviceSync, count: number, skip = 0): Promise<string[]> => {
    const ids = sync.store.queryDevices({ limit: 1000, sort: { column: 'id', direction: 'asc' } }).rows
      .filter((r) => SYNCABLE.has(r.operatingSystem ?? ''))
      .slice(skip, skip + count)
      .map((r) => r.id);
    const mark = new Date(Date.now() - 1000).toISOString();
    const sent = await t.graph('POST', '/beta/deviceManagement/managedDevices/executeAction', { actionName: 'syncDevice', deviceIds: ids });
    assert.equal(sent.status, 200, sent.text);
    const issued = (sent.json as { successfulDeviceIds: string[] }).successfulDeviceIds;
    assert.ok(issued.length >= count * 0.9, `the action was issued to ${issued.length} of ${count}: ${sent.text}`);
    const done = new Set<string>();
    for (let tries = 0; tries < 25 && done.size < issued.length; tries++) {
      for (const id of issued) {
        if (done.has(id)) continue;
        const device = (await t.graph('GET', `/beta/deviceManagement/managedDevices/${id}?$select=id,lastSyncDateTime,deviceActionResults`)).json as { lastSyncDateTime: string; deviceActionResults: { actionName: string; actionState: string; startDateTime: string }[] };
        const action = device.deviceActionResults.find((a) => a.actionName === 'syncDevice' && a.startDateTime >= mark);
        if (action && action.actionState !== 'pending') done.add(id);
      }
      if (done.size < issued.length) await delay(20);
    }
    // A device that has not checked in for weeks (stale) leaves its action pending, as a real one does.
    const checkedIn = [];
    for (const id of issued) {
      const device = (await t.graph('GET', `/beta/deviceManagement/managedDevices/${id}?$select=lastSyncDateTime`)).json as { lastSyncDateTime: string };
      if (device.lastSyncDateTime >= mark) checkedIn.push(id);
    }
    // About 2% of actions end 'failed' on the demo tenant, as on real devices.
    assert.ok(checkedIn.length >= count * 0.8, `${checkedIn.length} of ${count} devices checked in`);
    return checkedIn;
  };

  it('fetches the devices that checked in since the watermark and upserts them; the run is recorded', async () => {
    const dataDir = t.dataDir();
    const sync = engine(dataDir);
    const full = await sync.fullSync();
    const changed = await checkIn(sync, 40);
    const result = await sync.incrementalSync();
    assert.equal(result.kind, 'incremental');
    if (result.kind !== 'incremental') return;
    const fetched = new Set<string>();
    assert.ok(result.devicesFetched >= changed.length, `${result.devicesFetched} fetched, ${changed.length} changed`);
    assert.ok(result.devicesFetched < DEVICES / 4, 'only the changed few, not the list');
    assert.equal(result.upserted, result.devicesFetched);
    assert.ok(Date.parse(result.since) < Date.parse(full.watermark ?? ''), 'asked from before the watermark (the safety margin)');
    for (const id of changed) {
      const found = sync.store.getDevice(id);
      assert.equal(found.kind, 'found');
      if (found.kind === 'found') {
        assert.ok(Date.parse(found.row.lastSyncDateTime ?? '') > Date.parse(full.watermark ?? ''), 'the stored device shows its new check-in');
        fetched.add(id);
      }
    }
    assert.equal(fetched.size, changed.length);
    assert.ok(Date.parse(result.watermark ?? '') > Date.parse(full.watermark ?? ''), 'the watermark moved on');
    const status = sync.store.status();
    assert.equal(status.asOf, result.asOf);
    assert.equal(status.deviceCount, DEVICES);
    sync.close();
    const run = readInventory(dataDir).runs[0];
    assert.equal(run?.kind, 'incremental');
    assert.equal(run?.status, 'succeeded');
    assert.equal(run?.upserted, result.upserted);

    // Nothing changed since: the next run finds only the margin's few.
    const quiet = engine(dataDir);
    const again = await quiet.incrementalSync();
    quiet.close();
    assert.equal(again.kind, 'incremental');
    assert.ok(again.kind === 'incremental' && again.devicesFetched <= result.devicesFetched);
  });

  it('a device deleted in Intune stays through incremental runs and is dropped by the periodic full reconcile', async () => {
    const dataDir = t.dataDir();
    const events: SyncEvent[] = [];
    const sync = engine(dataDir, { reconcileEveryIncrementals: 2 }, events);
    assert.equal((await sync.refresh()).kind, 'full', 'nothing stored yet: a full sync');
    assert.deepEqual(events.find((e) => e.kind === 'fullSyncChosen'), { kind: 'fullSyncChosen', reason: 'noSnapshot' });
    const victim = sync.store.queryDevices({ limit: 1 }).rows[0]?.id as string;
    assert.equal((await t.graph('DELETE', `/beta/deviceManagement/managedDevices/${victim}`)).status, 204);

    assert.equal((await sync.refresh()).kind, 'incremental');
    assert.equal((await sync.refresh()).kind, 'incremental');
    assert.equal(sync.store.getDevice(victim).kind, 'found', 'incremental runs cannot see deletions');
    events.length = 0;
    const reconcile = await sync.refresh();
    assert.equal(reconcile.kind, 'full');
    assert.deepEqual(events.find((e) => e.kind === 'fullSyncChosen'), { kind: 'fullSyncChosen', reason: 'reconcileCount' });
    assert.equal(sync.store.getDevice(victim).kind, 'notFound');
    assert.equal(sync.store.status().deviceCount, await t.deviceCount());
    sync.close();
  });

  it('a reconcile is also due when the last full sync is older than the interval', async () => {
    const dataDir = t.dataDir();
    const events: SyncEvent[] = [];
    const sync = engine(dataDir, { reconcileAfterMs: 0 }, events);
    await sync.fullSync();
    const result = await sync.refresh();
    sync.close();
    assert.equal(result.kind, 'full');
    assert.deepEqual(events.find((e) => e.kind === 'fullSyncChosen'), { kind: 'fullSyncChosen', reason: 'reconcileDue' });
  });

  it('so many changes that fetching everything costs the same: a full sync instead', async () => {
    const dataDir = t.dataDir();
    const events: SyncEvent[] = [];
    const sync = engine(dataDir, { pageSize: 10, fullSyncShare: 0.01 }, events);
    await sync.fullSync();
    await checkIn(sync, 30, 100);
    const result = await sync.incrementalSync();
    sync.close();
    assert.equal(result.kind, 'full');
    assert.deepEqual(events.find((e) => e.kind === 'fullSyncChosen'), { kind: 'fullSyncChosen', reason: 'tooManyChanges' });
    assert.equal(result.kind === 'full' ? result.deviceCount : -1, await t.deviceCount());
  });
});
