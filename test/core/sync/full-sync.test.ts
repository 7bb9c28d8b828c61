// A full sync against the demo tenant over HTTPS into a real inventory file: every device once,
// partitions fetched concurrently, progress as it goes, the run recorded, and a second sync
// replacing the first whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { managedDevices } from '../../../src/core/graph/graph-paths.ts';
import { DeviceSync, baselineFullSync } from '../../../src/core/sync/index.ts';
import type { DeviceLister, SyncEvent, SyncProgress } from '../../../src/core/sync/index.ts';
import { digest, readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { eventsOf, startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 3000;

describe('full sync', () => {
  let t: SyncTenant;
  let tenantIds: string;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, latencyMs: 5 });
    const { client } = t.client();
    tenantIds = digest((await client.all(managedDevices, { query: { $select: 'id' } })).map((d: ManagedDevice) => d.id as string));
  });
  after(async () => {
    await t.stop();
  });

  it('stores every device once, fetching partitions of enrolledDateTime concurrently, and says how it went', async () => {
    const dataDir = t.dataDir();
    const { client, events } = t.client();
    const seen: SyncEvent[] = [];
    const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 4, progressIntervalMs: 0 }, onEvent: (e) => seen.push(e) });
    const started = Date.now();
    const result = await sync.fullSync();
    sync.close();

    assert.equal(result.deviceCount, DEVICES);
    assert.deepEqual(result.completeness, { checked: true, expected: DEVICES });
    assert.ok(result.partitions >= 4, `cut into partitions: ${result.partitions}`);
    assert.ok(result.probes >= result.partitions, 'each partition was counted first');
    assert.ok(result.devicesReceived >= DEVICES, 'a device at a boundary may come twice, none is missing');
    assert.ok(Date.parse(result.asOf) >= started - 1000 && Date.parse(result.asOf) <= Date.now(), 'as of the start of the sync');

    const { snapshot, runs } = readInventory(dataDir);
    assert.equal(snapshot.count, DEVICES);
    assert.equal(snapshot.idsDigest, tenantIds, 'the same devices as the tenant, each once');
    assert.equal(snapshot.asOf, result.asOf);
    assert.equal(runs[0]?.status, 'succeeded');
    assert.equal(runs[0]?.kind, 'full');
    assert.equal(runs[0]?.itemCount, DEVICES);

    // Every page filtered by enrolledDateTime, with lt/gt only, and several in flight at once.
    const pages = eventsOf(events, 'send').filter((s) => !s.path.includes('%24count') && !s.path.includes('$count'));
    assert.ok(pages.length >= DEVICES / 100, `${pages.length} page requests`);
    assert.ok(pages.every((s) => /enrolledDateTime(%20|\+| )(gt|lt)/.test(decodeURIComponent(s.path)) || !s.path.includes('filter')));
    let inFlight = 0;
    let most = 0;
    for (const e of events) {
      if (e.kind === 'send') most = Math.max(most, ++inFlight);
      if (e.kind === 'response' || e.kind === 'connectionFailed') inFlight--;
    }
    assert.ok(most >= 4, `requests in flight at once: ${most}`);

    const progress = seen.filter((e): e is Extract<SyncEvent, { kind: 'progress' }> => e.kind === 'progress').map((e) => e.progress);
    const phases = progress.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
    assert.deepEqual(phases, ['opening', 'planning', 'fetching', 'committing', 'done']);
    const last = progress[progress.length - 1] as SyncProgress;
    assert.equal(last.devicesFetched, DEVICES);
    assert.equal(last.estimatedTotal, DEVICES);
    assert.equal(last.pagesFetched, result.pagesFetched);
    const fetching = progress.filter((p) => p.phase === 'fetching');
    for (let i = 1; i < fetching.length; i++) {
      assert.ok((fetching[i] as SyncProgress).devicesFetched >= (fetching[i - 1] as SyncProgress).devicesFetched, 'devices fetched never go down');
    }
    assert.ok(fetching.some((p) => p.secondsLeft !== undefined && p.devicesPerSecond > 0), 'a rate and the time left were given while fetching');
  });

  for (const [name, settings] of [
    ['in this thread', { snapshotWriter: 'inline' }],
    ['by one writer thread', { snapshotThreads: 1 }],
    ['by three writer threads', { snapshotThreads: 3 }],
  ] as const) {
    it(`stores the same devices, each once, with the snapshot written ${name}`, async () => {
      const dataDir = t.dataDir();
      const { client } = t.client();
      // Small partitions with wide margins: many devices come in two partitions.
      const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 6, partitionSize: 400, boundaryMarginMs: 6 * 3_600_000, minRangeWidthMs: 12 * 3_600_000, ...settings } });
      const result = await sync.fullSync();
      sync.close();
      assert.equal(result.deviceCount, DEVICES);
      assert.ok(result.devicesReceived > DEVICES, `some devices came twice (${result.devicesReceived} received)`);
      const { snapshot, runs } = readInventory(dataDir);
      assert.equal(snapshot.count, DEVICES);
      assert.equal(snapshot.idsDigest, tenantIds);
      assert.equal(runs[0]?.itemCount, DEVICES);
    });
  }

  it('replaces the previous snapshot whole: a device deleted in Intune is gone after the next full sync', async () => {
    const dataDir = t.dataDir();
    const { client } = t.client();
    const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 200 } });
    const first = await sync.fullSync();
    const victim = sync.store.queryDevices({ limit: 1 }).rows[0]?.id as string;
    const deleted = await t.graph('DELETE', `/beta/deviceManagement/managedDevices/${victim}`);
    assert.equal(deleted.status, 204);
    const second = await sync.fullSync();
    sync.close();
    assert.equal(second.deviceCount, first.deviceCount - 1);
    assert.equal(second.deviceCount, await t.deviceCount());
    const { snapshot } = readInventory(dataDir);
    assert.ok(!snapshot.ids.has(victim.toLowerCase()));
    tenantIds = digest([...snapshot.ids]);
  });

  it('the benchmark baseline (one page after another) stores the same devices', async () => {
    const dataDir = t.dataDir();
    const { client, events } = t.client();
    const { store } = t.opener(dataDir)();
    try {
      const result = await baselineFullSync(client, store);
      assert.equal(result.deviceCount, await t.deviceCount());
      assert.equal(eventsOf(events, 'send').length, result.pagesFetched, 'one request per page, no partitions');
    } finally {
      store.close();
    }
    assert.equal(readInventory(dataDir).snapshot.idsDigest, tenantIds);
  });

  it("without a total count (Intune's @odata.count only the page size): fixed ranges, every device, and it says it could not check", async () => {
    const dataDir = t.dataDir();
    const { client } = t.client();
    // The same tenant and client, read through a lister that reports each page's length as its
    // count, as the captured $top=1 answer in FACTS §3 did.
    const pageCounts: DeviceLister = {
      pages: <T>(path: Parameters<DeviceLister['pages']>[0], options?: Parameters<DeviceLister['pages']>[1]) =>
        (async function* () {
          for await (const page of client.pages<T>(path as string, options)) yield { ...page, count: page.value.length };
        })(),
    };
    const seen: SyncEvent[] = [];
    const sync = new DeviceSync({ client: pageCounts, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 4 }, onEvent: (e) => seen.push(e) });
    const result = await sync.fullSync();
    sync.close();
    assert.equal(result.deviceCount, await t.deviceCount());
    assert.equal(result.completeness.checked, false);
    assert.equal(result.probes, 0, 'no counts to ask for');
    assert.ok(result.partitions >= 4, `still cut into ${result.partitions} partitions, from the sample`);
    assert.ok(seen.some((e) => e.kind === 'countUnavailable'), 'the user is told the count could not be checked');
    assert.equal(readInventory(dataDir).snapshot.idsDigest, tenantIds);
  });

  it('a service that ignores the enrolledDateTime filter: noticed from the counts, the list fetched once', async () => {
    const dataDir = t.dataDir();
    const { client, events } = t.client();
    // The same tenant, asked with a date property it does not filter on: it ignores the clause
    // and answers with every device, as Intune does with filters it does not support (FACTS §3).
    const ignoring: DeviceLister = {
      pages: <T>(path: Parameters<DeviceLister['pages']>[0], options?: Parameters<DeviceLister['pages']>[1]) => {
        const query = { ...options?.query };
        if (typeof query['$filter'] === 'string') query['$filter'] = query['$filter'].replaceAll('enrolledDateTime', 'easActivationDateTime');
        return client.pages<T>(path as string, { ...options, query });
      },
    };
    const sync = new DeviceSync({ client: ignoring, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 4 } });
    const result = await sync.fullSync();
    sync.close();
    assert.equal(result.deviceCount, await t.deviceCount());
    assert.equal(result.partitions, 1, 'the whole list, once');
    assert.equal(result.devicesReceived, result.deviceCount, 'no device fetched twice');
    assert.ok(eventsOf(events, 'send').some((s) => decodeURIComponent(s.path).includes('easActivationDateTime gt')), 'the ranges were asked for');
    assert.equal(readInventory(dataDir).snapshot.idsDigest, tenantIds);
  });

  it('a tenant no larger than one partition is fetched whole, without counting ranges', async () => {
    const dataDir = t.dataDir();
    const { client, events } = t.client();
    const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { partitionSize: 5000 } });
    const result = await sync.fullSync();
    sync.close();
    assert.equal(result.deviceCount, await t.deviceCount());
    assert.equal(result.partitions, 1);
    assert.equal(result.probes, 0);
    assert.ok(eventsOf(events, 'send').every((s) => !decodeURIComponent(s.path).includes('$filter')));
  });
});
