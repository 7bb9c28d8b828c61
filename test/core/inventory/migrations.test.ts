// Schema migrations: a fresh file gets every migration, a re-opened one none, a newer one is
// refused without being touched, and a failing migration leaves nothing behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { DEVICE_COLUMN_NAMES, Inventory, MIGRATIONS, NewerInventoryError, latestVersion, migrate, schemaVersion } from '../../../src/core/inventory/index.ts';
import type { Migration } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { TENANT, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { graphDevices } from './helpers/tenant-data.ts';

test('a fresh inventory has every migration, recorded once, and the device columns the code projects', () => {
  using t = tempInventory();
  const db = new DatabaseSync(t.store.path, { readOnly: true });
  try {
    assert.equal(schemaVersion(db), latestVersion());
    const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => Number(r['version']));
    assert.deepEqual(recorded, MIGRATIONS.map((m) => m.version));
    const columns = db.prepare(`SELECT name FROM pragma_table_info('devices_a') ORDER BY cid`).all().map((r) => String(r['name']));
    assert.deepEqual(columns, ['row', ...DEVICE_COLUMN_NAMES], 'a projected column without a migration, or the reverse');
    assert.equal((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
    assert.equal((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size, 16_384);
  } finally {
    db.close();
  }
});

test('re-opening applies nothing again and keeps the data', () => {
  using t = tempInventory();
  snapshot(t.store, graphDevices(50));
  t.inventory.close();
  const again = new Inventory({ dataDir: t.dataDir });
  try {
    const { store, problem } = again.openTenant(TENANT);
    assert.equal(problem, undefined);
    assert.equal(store.status().deviceCount, 50);
    const db = new DatabaseSync(store.path, { readOnly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    db.close();
  } finally {
    again.close();
  }
});

test('a file from a newer version is refused with a clear error, and left exactly as it was', () => {
  using t = tempInventory();
  snapshot(t.store, graphDevices(20));
  const path = t.store.path;
  t.inventory.close();
  const db = new DatabaseSync(path);
  db.prepare('INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)').run(latestVersion() + 5, 'from the future', new Date().toISOString());
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  const before = readFileSync(path);

  const again = new Inventory({ dataDir: t.dataDir });
  try {
    assert.throws(() => again.openTenant(TENANT), (error: unknown) => {
      assert.ok(error instanceof NewerInventoryError);
      assert.ok(error instanceof ProblemError);
      assert.match(error.problem.message, /newer version of Intune Desk \(schema \d+; this version knows up to \d+\)/);
      assert.equal(error.foundVersion, latestVersion() + 5);
      return true;
    });
    assert.deepEqual(readFileSync(path), before, 'the newer file must not be changed, moved or downgraded');
  } finally {
    again.close();
  }
});

test('a later migration is applied on open; a failing one is rolled back whole', () => {
  const db = new DatabaseSync(':memory:');
  try {
    assert.equal(migrate(db), latestVersion());
    const next: Migration = { version: latestVersion() + 1, description: 'device notes', up: (d) => d.exec('CREATE TABLE device_notes (id TEXT PRIMARY KEY, note TEXT)') };
    assert.equal(migrate(db, [...MIGRATIONS, next]), next.version);
    assert.ok(db.prepare(`SELECT 1 AS found FROM sqlite_schema WHERE name = 'device_notes'`).get());

    const broken: Migration = {
      version: next.version + 1,
      description: 'half done',
      up: (d) => {
        d.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('migration failed midway');
      },
    };
    assert.throws(() => migrate(db, [...MIGRATIONS, next, broken]), /midway/);
    assert.equal(schemaVersion(db), next.version);
    assert.equal(db.prepare(`SELECT 1 AS found FROM sqlite_schema WHERE name = 'half_done'`).get(), undefined);

    assert.throws(() => migrate(db, [...MIGRATIONS, { ...next, version: next.version + 3 }]), /numbered 1, 2, 3/);
  } finally {
    db.close();
  }
});

test('version 2 takes a version 1 file with devices to search in memory: no trigram index, the UPN indexed, the devices kept and found', () => {
  using t = tempInventory();
  t.inventory.close();
  // A version 1 file with a snapshot in slot b and a staging slot a left by a killed sync.
  const db = new DatabaseSync(t.store.path);
  db.exec('DROP TABLE IF EXISTS schema_migrations');
  for (const name of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map((r) => String(r['name']))) db.exec(`DROP TABLE IF EXISTS "${name}"`);
  assert.equal(migrate(db, MIGRATIONS.slice(0, 1)), 1);
  const names = (): string[] => db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'device%' ORDER BY name").all().map((r) => String(r['name']));
  assert.ok(names().includes('device_search_a') && names().includes('device_models_a'), 'version 1 has the index');
  db.exec(`CREATE TABLE devices_b AS SELECT * FROM devices_a`);
  db.exec(`CREATE VIRTUAL TABLE device_search_b USING fts5(name, content='', tokenize='trigram')`);
  assert.equal(migrate(db), latestVersion());
  assert.deepEqual(names().filter((n) => n.startsWith('device_search') || n.startsWith('device_models') || n.startsWith('devices_model')), []);
  assert.ok(names().includes('devices_upn_a') && names().includes('devices_upn_b'), names().join(', '));
  db.close();

  const again = new Inventory({ dataDir: t.dataDir });
  try {
    const { store } = again.openTenant(TENANT);
    const devices = graphDevices(120);
    snapshot(store, devices);
    const one = devices.find((d) => typeof d.userPrincipalName === 'string' && d.userPrincipalName.includes('@') && typeof d.deviceName === 'string' && d.deviceName.length > 9) as { deviceName?: string | null; userPrincipalName?: string | null };
    const found = store.queryDevices({ search: String(one.deviceName).slice(2, 9) }).rows.map((r) => r.deviceName);
    assert.ok(found.includes(one.deviceName ?? ''), `searching part of ${one.deviceName} finds it`);
    const mine = store.queryDevices({ filter: { userPrincipalName: String(one.userPrincipalName) } }).rows;
    assert.ok(mine.length > 0 && mine.every((r) => r.userPrincipalName === one.userPrincipalName));
  } finally {
    again.close();
  }
});
