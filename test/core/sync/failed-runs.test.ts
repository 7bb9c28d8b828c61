// Runs that do not finish: a malformed page and a cancellation. Either way the run ends with a
// clean Problem, the snapshot readers see is the previous one, untouched, the run is recorded
// with how it ended, and the next run completes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProblemError } from '../../../src/core/problem.ts';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import type { DeviceLister, SyncEvent } from '../../../src/core/sync/index.ts';
import type { SnapshotView } from './helpers/store-checks.ts';
import { integrityCheck, readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 2000;

describe('a sync that does not finish', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, latencyMs: 5, actionCompleteMs: 0 });
  });
  after(async () => {
    await t.stop();
  });

  /** An inventory with one complete snapshot, and the engine that made it. */
  const synced = async (): Promise<{ dataDir: string; sync: DeviceSync; before: SnapshotView; progress: SyncEvent[] }> => {
    const dataDir = t.dataDir();
    const { client } = t.client();
    const progress: SyncEvent[] = [];
    const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 4, progressIntervalMs: 0 }, onEvent: (e) => progress.push(e) });
    await sync.fullSync();
    return { dataDir, sync, before: readInventory(dataDir).snapshot, progress };
  };

  const assertIntact = (dataDir: string, before: SnapshotView): void => {
    assert.deepEqual(integrityCheck(dataDir), ['ok']);
    const { snapshot } = readInventory(dataDir);
    assert.equal(snapshot.count, before.count);
    assert.equal(snapshot.asOf, before.asOf);
    assert.equal(snapshot.idsDigest, before.idsDigest);
  };

  it('every page malformed: fails with a clean malformedResponse, the previous snapshot intact; faults off, it completes', async () => {
    const { dataDir, sync, before } = await synced();
    await t.admin('PATCH', '/faults', { malformedPageRate: 1 });
    try {
      await assert.rejects(sync.fullSync(), (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.problem.code, 'malformedResponse');
        assert.ok(error.problem.requestId, 'with the request id for support');
        assert.match(error.problem.message, /could not be read/);
        return true;
      });
    } finally {
      await t.calm();
    }
    assertIntact(dataDir, before);
    const run = readInventory(dataDir).runs[0];
    assert.equal(run?.kind, 'full');
    assert.equal(run?.status, 'aborted');
    assert.match(run?.error ?? '', /could not be read/);

    const again = await sync.fullSync();
    sync.close();
    assert.equal(again.deviceCount, await t.deviceCount());
  });

  it('one malformed page in the middle: the pages already written are dropped with the snapshot, the previous one stays', async () => {
    const { dataDir, sync, before, progress } = await synced();
    progress.length = 0;
    // Pages are cut short only once some have been written, and slowly enough that the sync is
    // still fetching when the service starts breaking them.
    await t.admin('PATCH', '/faults', { latencyMs: 40 });
    let breaking: Promise<unknown> | undefined;
    const unsubscribe = sync.subscribe((e) => {
      if (breaking === undefined && e.kind === 'progress' && e.progress.devicesFetched > 0) breaking = t.admin('PATCH', '/faults', { malformedPageRate: 0.5 });
    });
    try {
      await assert.rejects(sync.fullSync(), (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse');
    } finally {
      unsubscribe();
      await breaking;
      await t.calm();
    }
    const written = progress.filter((e): e is Extract<SyncEvent, { kind: 'progress' }> => e.kind === 'progress').reduce((most, e) => Math.max(most, e.progress.devicesFetched), 0);
    assert.ok(written > 0, 'pages had been written into the new snapshot before the broken one');
    assertIntact(dataDir, before);
    assert.equal((await sync.fullSync()).deviceCount, await t.deviceCount());
    sync.close();
  });

  it('cancelled mid-sync: a cancelled Problem, the previous snapshot intact, the run recorded as cancelled', async () => {
    const { dataDir, sync, before } = await synced();
    await t.admin('PATCH', '/faults', { latencyMs: 40 });
    const controller = new AbortController();
    const unsubscribe = sync.subscribe((e) => {
      if (e.kind === 'progress' && e.progress.phase === 'fetching' && e.progress.pagesFetched >= 3) controller.abort();
    });
    try {
      await assert.rejects(sync.fullSync({ signal: controller.signal }), (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.problem.code, 'cancelled');
        assert.equal(error.problem.asOf, before.asOf, 'says as of when the data shown is');
        return true;
      });
    } finally {
      unsubscribe();
      await t.calm();
    }
    assertIntact(dataDir, before);
    const run = readInventory(dataDir).runs[0];
    assert.equal(run?.kind, 'full');
    assert.equal(run?.status, 'aborted');
    assert.match(run?.error ?? '', /^Cancelled/);
    assert.equal((await sync.fullSync()).deviceCount, await t.deviceCount());
    sync.close();
  });

  it('an incremental run cancelled before it writes changes nothing and is recorded as cancelled', async () => {
    const { dataDir, sync, before } = await synced();
    await t.admin('PATCH', '/faults', { latencyMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    try {
      await assert.rejects(sync.incrementalSync({ signal: controller.signal }), (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled');
    } finally {
      await t.calm();
    }
    sync.close();
    assertIntact(dataDir, before);
    const run = readInventory(dataDir).runs[0];
    assert.equal(run?.kind, 'incremental');
    assert.equal(run?.status, 'aborted');
    assert.match(run?.error ?? '', /^Cancelled/);
  });

  it('pages that hold fewer devices than Intune counted: not committed, a Problem says so, the previous snapshot stays', async () => {
    const { dataDir, sync, before } = await synced();
    sync.close();
    const { client } = t.client();
    // The tenant's own pages, with one device lost from the first page of the list, as a
    // service losing part of a page would.
    let dropped = false;
    const losing: DeviceLister = {
      pages: <T>(path: Parameters<DeviceLister['pages']>[0], options?: Parameters<DeviceLister['pages']>[1]) =>
        (async function* () {
          for await (const page of client.pages<T>(path as string, options)) {
            if (!dropped && page.value.length > 1 && options?.query?.['$select'] === undefined) {
              dropped = true;
              yield { ...page, value: page.value.slice(1) };
            } else {
              yield page;
            }
          }
        })(),
    };
    const lossy = new DeviceSync({ client: losing, openStore: t.opener(dataDir), settings: { pageSize: 100, concurrency: 4 } });
    await assert.rejects(lossy.fullSync(), (error: unknown) => {
      assert.ok(error instanceof ProblemError);
      assert.equal(error.problem.code, 'serviceError');
      assert.match(error.problem.message, /counted 2,000 devices .* only 1,999/);
      assert.match(error.problem.message, /still shows the devices as of/);
      return true;
    });
    lossy.close();
    assert.ok(dropped);
    assertIntact(dataDir, before);
    assert.equal(readInventory(dataDir).runs[0]?.status, 'aborted');
  });

  it('refuses a second run while one is going', async () => {
    const { sync } = await synced();
    const first = sync.fullSync();
    await assert.rejects(sync.refresh(), (error: unknown) => error instanceof ProblemError && /already running/.test(error.problem.message));
    await first;
    sync.close();
  });
});
