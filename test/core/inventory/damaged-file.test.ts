// A damaged inventory file is detected, moved aside (with its -wal and -shm) rather than
// deleted, replaced by a working empty store, and reported as a storeDamaged problem.
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { Inventory, inventoryPath } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import type { OpenedInventory } from '../../../src/core/inventory/index.ts';
import { TENANT, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import type { TempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, graphDevices } from './helpers/tenant-data.ts';

const DEVICES = graphDevices(800, 10);

/** A closed inventory with data, its file then damaged by `damage`; reopened. */
function damagedAndReopened(t: TempInventory, damage: (path: string) => void, check: 'quick' | 'none' = 'quick'): { opened: OpenedInventory; inventory: Inventory } {
  snapshot(t.store, DEVICES);
  const path = t.store.path;
  t.inventory.close();
  damage(path);
  const inventory = new Inventory({ dataDir: t.dataDir, clock: () => ANCHOR, check });
  return { opened: inventory.openTenant(TENANT), inventory };
}

function assertRecovered(t: TempInventory, opened: OpenedInventory, reason: RegExp): void {
  assert.equal(opened.problem?.code, 'storeDamaged');
  assert.match(opened.problem?.message ?? '', reason);
  assert.match(opened.problem?.message ?? '', /Nothing is lost: the damaged file was kept at .*inventory\.damaged-2026-11-01T00-00-00-000Z\.db/);
  assert.ok(opened.damagedFile && existsSync(opened.damagedFile), 'the damaged file is kept');
  // A working, empty store, that takes a new snapshot.
  assert.equal(opened.store.status().deviceCount, 0);
  snapshot(opened.store, DEVICES.slice(0, 100));
  assert.equal(opened.store.queryDevices({ search: String(DEVICES[0]?.deviceName) }).total >= 1, true);
  assert.equal(opened.store.path, inventoryPath(t.dataDir, TENANT));
}

test('garbage in the file: moved aside, a new store, the user told', () => {
  using t = tempInventory();
  const { opened, inventory } = damagedAndReopened(t, (path) => writeFileSync(path, Buffer.from('this is not a database '.repeat(500))));
  try {
    assertRecovered(t, opened, /not a SQLite database/);
  } finally {
    inventory.close();
  }
});

test('a truncated file: moved aside, a new store', () => {
  using t = tempInventory();
  const { opened, inventory } = damagedAndReopened(t, (path) => truncateSync(path, Math.floor(statSync(path).size / 3)));
  try {
    assertRecovered(t, opened, /damaged \(/);
  } finally {
    inventory.close();
  }
});

test('a file truncated to nothing: moved aside, a new store', () => {
  using t = tempInventory();
  const { opened, inventory } = damagedAndReopened(t, (path) => truncateSync(path, 0));
  try {
    assertRecovered(t, opened, /the file is empty/);
  } finally {
    inventory.close();
  }
});

test('pages overwritten in the middle (header intact): the integrity check catches it', () => {
  using t = tempInventory();
  const { opened, inventory } = damagedAndReopened(t, (path) => {
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    try {
      // Leave page 1 (the schema) alone; scribble over a few table pages.
      for (const at of [0.3, 0.5, 0.7]) writeSync(fd, Buffer.alloc(16_384, 0xa5), 0, 16_384, Math.floor((size * at) / 16_384) * 16_384);
    } finally {
      closeSync(fd);
    }
  });
  try {
    assertRecovered(t, opened, /integrity check found|could not be read/);
  } finally {
    inventory.close();
  }
});

test('the -wal and -shm files go aside with the database', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const path = t.store.path;
  t.inventory.close();
  writeFileSync(path, 'garbage');
  writeFileSync(`${path}-wal`, 'old wal');
  writeFileSync(`${path}-shm`, 'old shm');
  const inventory = new Inventory({ dataDir: t.dataDir, clock: () => ANCHOR });
  try {
    const opened = inventory.openTenant(TENANT);
    assert.ok(opened.damagedFile);
    assert.equal(readFileSync(`${opened.damagedFile}-wal`, 'utf8'), 'old wal');
    assert.equal(readFileSync(`${opened.damagedFile}-shm`, 'utf8'), 'old shm');
    // Damaged twice at the same moment: the second copy gets its own name.
    inventory.close();
    writeFileSync(path, 'garbage again');
    const again = new Inventory({ dataDir: t.dataDir, clock: () => ANCHOR }).openTenant(TENANT);
    assert.notEqual(again.damagedFile, opened.damagedFile);
    again.store.close();
    const kept = readdirSync(join(t.dataDir, TENANT)).filter((f) => f.startsWith('inventory.damaged-') && f.endsWith('.db'));
    assert.equal(kept.length, 2);
  } finally {
    inventory.close();
  }
});

/** Overwrites the leaf pages of the live devices table, leaving the rest of the file alone. */
function scribbleOnDeviceRows(path: string): void {
  const db = new DatabaseSync(path);
  let pages: number[];
  try {
    const slot = (db.prepare('SELECT live_slot FROM inventory_state').get() as { live_slot: string }).live_slot;
    pages = db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'`).all(`devices_${slot}`).map((r) => Number(r['pageno']));
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(16_384, 0x5a), 0, 16_384, (page - 1) * 16_384);
  } finally {
    closeSync(fd);
  }
}

test('damage found while the store is in use is reported, and the next open moves the file aside', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const path = t.store.path;
  t.inventory.close();
  scribbleOnDeviceRows(path);
  // Opened without the check (as an app may do, to check later), the damage shows on use.
  const unchecked = new Inventory({ dataDir: t.dataDir, clock: () => ANCHOR, check: 'none' });
  try {
    const { store, problem } = unchecked.openTenant(TENANT);
    assert.equal(problem, undefined);
    assert.throws(() => [...store.exportRows()], (error: unknown) => error instanceof ProblemError && error.problem.code === 'storeDamaged' && /Restart Intune Desk/.test(error.problem.message));
  } finally {
    unchecked.close();
  }
  assert.ok(existsSync(`${path}-damaged`), 'the store leaves a note for the next open');
  const again = new Inventory({ dataDir: t.dataDir, clock: () => ANCHOR, check: 'none' });
  try {
    const opened = again.openTenant(TENANT);
    assert.equal(opened.problem?.code, 'storeDamaged');
    assert.match(opened.problem?.message ?? '', /found while it was in use/);
    assert.equal(existsSync(`${path}-damaged`), false);
    assert.equal(opened.store.status().deviceCount, 0);
  } finally {
    again.close();
  }
});

test('damage met while opening an unchecked file: moved aside all the same', () => {
  using t = tempInventory();
  const { opened, inventory } = damagedAndReopened(t, (path) => {
    const fd = openSync(path, 'r+');
    try {
      // Page 2 onwards: the schema's neighbours, read by every open.
      writeSync(fd, Buffer.alloc(16_384 * 4, 0x5a), 0, 16_384 * 4, 16_384);
    } finally {
      closeSync(fd);
    }
  }, 'none');
  try {
    assertRecovered(t, opened, /could not be read/);
  } finally {
    inventory.close();
  }
});

test('a sound file opens with no problem', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  t.inventory.close();
  const inventory = new Inventory({ dataDir: t.dataDir });
  try {
    const opened = inventory.openTenant(TENANT);
    assert.equal(opened.problem, undefined);
    assert.equal(opened.damagedFile, undefined);
    assert.equal(opened.store.status().deviceCount, DEVICES.length);
  } finally {
    inventory.close();
  }
});
