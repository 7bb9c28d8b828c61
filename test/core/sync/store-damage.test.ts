// A damaged inventory file, end to end through the sync: garbage written over the tenant's
// database between runs, or under the engine while it holds the file open. The next sync finds
// it, the store moves it aside and starts a new file, the user is told (a `storeDamaged` event
// naming where the old file went), and the sync completes with every device.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { inventoryPath } from '../../../src/core/inventory/inventory-files.ts';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import type { SyncEvent } from '../../../src/core/sync/index.ts';
import { integrityCheck, readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { TENANT_ID, startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 1500;

/** Overwrites [from, to) of the file (fractions of its length) with random bytes. */
function scribble(path: string, from: number, to: number): void {
  const size = statSync(path).size;
  const start = Math.floor(size * from);
  const garbage = randomBytes(Math.max(1, Math.floor(size * to) - start));
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, garbage, 0, garbage.length, start);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged inventory file', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES });
  });
  after(async () => {
    await t.stop();
  });

  const engine = (dataDir: string, events: SyncEvent[]): DeviceSync => {
    const { client } = t.client();
    return new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 200 }, onEvent: (e) => events.push(e) });
  };

  for (const [where, from, to] of [['over its middle', 0.3, 0.7], ['over its header', 0, 0.01]] as const) {
    it(`garbage ${where} between runs: detected at the next sync, moved aside, rebuilt, the user told, the sync complete`, async () => {
      const dataDir = t.dataDir();
      const first = engine(dataDir, []);
      assert.equal((await first.fullSync()).deviceCount, DEVICES);
      first.close();
      const file = inventoryPath(dataDir, TENANT_ID);
      scribble(file, from, to);
      assert.notDeepEqual(existsSync(file) ? safeIntegrity(dataDir) : [], ['ok'], 'the file really is damaged');

      const events: SyncEvent[] = [];
      const next = engine(dataDir, events);
      const result = await next.refresh();
      next.close();

      const damaged = events.find((e): e is Extract<SyncEvent, { kind: 'storeDamaged' }> => e.kind === 'storeDamaged');
      assert.ok(damaged, 'the user is told');
      assert.equal(damaged.problem.code, 'storeDamaged');
      assert.match(damaged.problem.message, /damaged/);
      assert.ok(damaged.damagedFile && existsSync(damaged.damagedFile), 'the damaged file is kept aside, not deleted');
      assert.deepEqual(events.find((e) => e.kind === 'fullSyncChosen'), { kind: 'fullSyncChosen', reason: 'storeRebuilt' });
      assert.equal(result.kind, 'full');
      assert.equal(result.kind === 'full' ? result.deviceCount : -1, DEVICES);
      assert.deepEqual(integrityCheck(dataDir), ['ok']);
      assert.equal(readInventory(dataDir).snapshot.count, DEVICES);
    });
  }

  // SQLite notices damage when it reads the damaged pages. Pages still in the WAL mask the main
  // file (and are copied over it at the next checkpoint), so the WAL is checkpointed first, as
  // SQLite does on its own as the WAL grows; the open connection may still work from its cache,
  // but the connection a full snapshot opens reads the file.
  it('garbage under an engine that holds the file open: the next full sync finds it mid-run, rebuilds and completes', async () => {
    const dataDir = t.dataDir();
    const events: SyncEvent[] = [];
    const sync = engine(dataDir, events);
    assert.equal((await sync.fullSync()).deviceCount, DEVICES);
    const file = inventoryPath(dataDir, TENANT_ID);
    const checkpoint = new DatabaseSync(file);
    checkpoint.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    scribble(file, 0, 0.5);
    const result = await sync.fullSync();
    sync.close();
    const damaged = events.find((e): e is Extract<SyncEvent, { kind: 'storeDamaged' }> => e.kind === 'storeDamaged');
    assert.ok(damaged?.damagedFile && existsSync(damaged.damagedFile), 'the user is told, and the damaged file is kept aside');
    assert.equal(result.reason, 'storeRebuilt');
    assert.equal(result.deviceCount, DEVICES);
    assert.deepEqual(integrityCheck(dataDir), ['ok']);
    assert.equal(readInventory(dataDir).snapshot.count, DEVICES);
  });
});

function safeIntegrity(dataDir: string): string[] {
  try {
    return integrityCheck(dataDir);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
