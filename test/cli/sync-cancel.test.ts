// Ctrl-C during a sync: the command stops, says so, exits 130, and the inventory still holds the
// previous snapshot, whole. The demo tenant answers slowly (latency), so the sync is surely still
// fetching when the signal comes; the test waits for the progress line, not for a time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { inventoryPath, openInventory } from '../../src/core/inventory/index.ts';
import type { InventoryStatus } from '../../src/core/inventory/index.ts';
import { CONTOSO } from '../../src/emulator/directory/demo-directory.ts';
import { cliHome, runCli, shown, startCli } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';
import { startDemoCommand } from './helpers/demo-process.ts';
import type { RunningDemo } from './helpers/demo-process.ts';
import { loginWithDeviceCode } from './helpers/device-code.ts';

describe('intune-desk sync cancelled with Ctrl-C', () => {
  let home: CliHome;
  let demo: RunningDemo;
  const dataDir = (): string => join(home.configDir, 'inventory');
  const status = (): InventoryStatus => {
    const { store } = openInventory({ dataDir: dataDir(), tenantId: CONTOSO.id });
    try {
      return store.status();
    } finally {
      store.close();
    }
  };
  const integrity = (): string => {
    const db = new DatabaseSync(inventoryPath(dataDir(), CONTOSO.id), { readOnly: true });
    try {
      return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  };

  before(async () => {
    home = await cliHome();
    demo = await startDemoCommand(home.env, ['--devices', '200', '--latency-ms', '1500']);
    const login = await loginWithDeviceCode(home.env, { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026', caFile: demo.caFile });
    assert.equal(login.code, 0, shown(login));
    const first = await runCli(['sync'], home.env);
    assert.equal(first.code, 0, shown(first));
  });
  after(async () => {
    await demo.stop();
    await home.remove();
  });

  test('keeps the previous snapshot', async () => {
    const before = status();
    assert.equal(before.deviceCount, 200);
    const sync = startCli(['sync', '--full'], home.env);
    await sync.waitFor('stderr', /Sync \(full sync\)/);
    const result = await sync.stop('SIGINT');
    assert.equal(result.code, 130, shown(result));
    assert.match(result.stderr, /Sync cancelled\. The inventory still holds the data as of /);
    assert.doesNotMatch(result.stdout, /Synced/);
    assert.equal(integrity(), 'ok');
    const afterwards = status();
    assert.equal(afterwards.deviceCount, before.deviceCount);
    assert.equal(afterwards.asOf, before.asOf);
    assert.equal(afterwards.snapshotInProgress, false);
    const next = await runCli(['sync', '--full'], home.env);
    assert.equal(next.code, 0, shown(next));
    assert.equal(status().deviceCount, 200);
  });
});
