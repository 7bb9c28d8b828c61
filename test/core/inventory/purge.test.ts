// Sign-out: the tenant's inventory files go (damaged copies too), open stores are closed first,
// other tenants stay.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inventoryFiles } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { NORTHWIND } from '../../../src/emulator/directory/demo-directory.ts';
import { TENANT, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { graphDevices } from './helpers/tenant-data.ts';

test('purgeTenant closes the store and deletes every inventory file of that tenant only', () => {
  using t = tempInventory();
  snapshot(t.store, graphDevices(100));
  const writer = t.store.beginFullSnapshot();
  writer.addDevices(graphDevices(100, 2));
  const northwind = t.inventory.openTenant(NORTHWIND.id).store;
  snapshot(northwind, graphDevices(50, 3));
  const folder = join(t.dataDir, TENANT);
  writeFileSync(join(folder, 'inventory.damaged-2026-01-01T00-00-00-000Z.db'), 'kept aside earlier');

  const deleted = t.inventory.purgeTenant(TENANT.toUpperCase());
  assert.ok(deleted.some((f) => f.endsWith('inventory.db')));
  assert.ok(deleted.some((f) => f.includes('inventory.damaged-')));
  assert.equal(t.store.isOpen, false);
  assert.equal(existsSync(folder), false, 'the tenant folder is empty and removed');
  assert.deepEqual(inventoryFiles(t.dataDir, TENANT), []);
  assert.throws(() => t.store.queryDevices(), /closed/);

  assert.equal(northwind.queryDevices().total, 50, 'another tenant is untouched');
  assert.ok(readdirSync(join(t.dataDir, NORTHWIND.id)).includes('inventory.db'));

  // Signing in again starts from an empty inventory.
  const again = t.inventory.openTenant(TENANT).store;
  assert.equal(again.status().deviceCount, 0);
});

test('purge leaves other services\' files in the tenant folder', () => {
  using t = tempInventory();
  const other = join(t.dataDir, TENANT, 'sync-state.json');
  writeFileSync(other, '{}');
  t.inventory.purgeTenant(TENANT);
  assert.ok(existsSync(other));
  assert.deepEqual(inventoryFiles(t.dataDir, TENANT), []);
});

test('tenant ids that are not folder names are refused', () => {
  using t = tempInventory();
  for (const bad of ['../escape', 'a/b', '', '..', 'c:\\x']) {
    assert.throws(() => t.inventory.openTenant(bad), (error: unknown) => error instanceof ProblemError && error.problem.code === 'badRequest', bad);
  }
  assert.doesNotThrow(() => t.inventory.openTenant('contoso.onmicrosoft.com').store.close());
});
