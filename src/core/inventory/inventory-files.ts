// Where each tenant's inventory lives (<dataDir>/<tenantId>/inventory.db), opening it safely,
// and removing it at sign-out.
//
// A damaged file (not SQLite, fails to open, or fails PRAGMA quick_check) is never repaired in
// place and never deleted: it is renamed aside with a timestamp, with its -wal and -shm, a new
// inventory is created, and the caller gets a storeDamaged problem saying where the old file is.
// The inventory is a cache of Graph, so the next sync fills the new one.
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, readSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import { damageNotePath, isDamageError, openConnection } from './connection.ts';
import { InventoryStore } from './inventory-store.ts';
import { migrate } from './migrations.ts';

export const INVENTORY_FILE = 'inventory.db';
const SIDE_FILES = ['-wal', '-shm'] as const;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenInventoryOptions {
  /** The app's data folder; each tenant gets a folder inside it. */
  readonly dataDir: string;
  readonly tenantId: string;
  /** The store's "now": staleness filters and facets, timestamps of runs and of damaged files. */
  readonly clock?: () => number;
  /** `quick` (default) checks every page's structure when opening; `none` skips it (tests of other layers). */
  readonly check?: 'quick' | 'none';
}

export interface OpenedInventory {
  readonly store: InventoryStore;
  /** Set when the file was damaged and has been replaced: tell the user (code storeDamaged). */
  readonly problem?: Problem;
  /** Where the damaged file was moved, when it was. */
  readonly damagedFile?: string;
}

/**
 * Tenant ids become folder names, so only GUID-like ids (and domain-like names) are accepted,
 * in lower case: one tenant, one folder, on case-sensitive file systems too.
 */
export function tenantFolder(dataDir: string, tenantId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/.test(tenantId) || tenantId.includes('..')) {
    throw new ProblemError({ code: 'badRequest', message: `"${tenantId}" is not a tenant id the inventory can use as a folder name.` });
  }
  return join(dataDir, tenantId.toLowerCase());
}

export function inventoryPath(dataDir: string, tenantId: string): string {
  return join(tenantFolder(dataDir, tenantId), INVENTORY_FILE);
}

export function openInventory(options: OpenInventoryOptions, onClose?: () => void): OpenedInventory {
  const clock = options.clock ?? Date.now;
  const folder = tenantFolder(options.dataDir, options.tenantId);
  const path = join(folder, INVENTORY_FILE);
  mkdirSync(folder, { recursive: true });

  let damage: { reason: string; movedTo: string } | undefined;
  const note = damageNotePath(path);
  if (existsSync(path)) {
    const reason = existsSync(note) ? `found while it was in use: ${readFileSync(note, 'utf8')}` : damageOf(path, options.check ?? 'quick');
    if (reason !== undefined) damage = { reason, movedTo: moveAside(path, clock()) };
  }
  rmSync(note, { force: true });
  if (!existsSync(path)) {
    // A -wal without its database belongs to nothing we can read.
    for (const suffix of SIDE_FILES) rmSync(path + suffix, { force: true });
    createFresh(path, clock);
  }

  let store: InventoryStore;
  try {
    store = openStore(path, options.tenantId, clock, onClose);
  } catch (error) {
    // Damage the quick check did not see (or that it was told to skip): same remedy.
    if (!isDamageError(error) || damage) throw error;
    damage = { reason: `it could not be read: ${error instanceof Error ? error.message : String(error)}`, movedTo: moveAside(path, clock()) };
    rmSync(note, { force: true });
    createFresh(path, clock);
    store = openStore(path, options.tenantId, clock, onClose);
  }
  if (!damage) return { store };
  return {
    store,
    damagedFile: damage.movedTo,
    problem: {
      code: 'storeDamaged',
      message: `The offline inventory for this tenant was damaged (${damage.reason}), so Intune Desk started a new one; it fills again on the next sync. Nothing is lost: the damaged file was kept at ${damage.movedTo}.`,
    },
  };
}

function openStore(path: string, tenantId: string, clock: () => number, onClose: (() => void) | undefined): InventoryStore {
  const db = openConnection(path);
  try {
    migrate(db, undefined, clock);
    return new InventoryStore({ db, path, tenantId, clock, ...(onClose ? { onClose } : {}) });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Why the file cannot be used, or undefined if it is a sound SQLite database. */
function damageOf(path: string, check: 'quick' | 'none'): string | undefined {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return 'the file is empty';
  if (read < header.length || !header.equals(SQLITE_HEADER)) return 'the file is not a SQLite database';
  let db: DatabaseSync | undefined;
  try {
    // The check reads every page once; a big cache would only hold on to memory.
    db = openConnection(path, { cacheKiB: 2048 });
    if (check === 'quick') {
      const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      const findings = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (findings.length > 0) return `the integrity check found: ${findings.slice(0, 3).join('; ')}`;
    } else {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    }
    return undefined;
  } catch (error) {
    return `it could not be read: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    db?.close();
  }
}

/** Renames the file and its -wal/-shm to inventory.damaged-<timestamp>.db…; returns the new name. */
function moveAside(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = path.replace(/\.db$/, `.damaged-${stamp}.db`);
  for (let n = 2; existsSync(target); n++) target = path.replace(/\.db$/, `.damaged-${stamp}-${n}.db`);
  renameSync(path, target);
  for (const suffix of SIDE_FILES) if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  return target;
}

/**
 * Builds the schema under a temporary name and links it into place, so inventory.db is
 * either absent or complete: a zero-length or half-made inventory.db is always damage.
 * If another process got there first, its file is kept and ours discarded.
 */
function createFresh(path: string, clock: () => number): void {
  const temporary = `${path}.new-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  try {
    const db = openConnection(temporary);
    try {
      migrate(db, undefined, clock);
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } finally {
    for (const file of [temporary, ...SIDE_FILES.map((s) => temporary + s)]) rmSync(file, { force: true });
  }
}

/** Every file of a tenant's inventory: the database, its -wal/-shm, damaged copies kept aside. */
export function inventoryFiles(dataDir: string, tenantId: string): readonly string[] {
  const folder = tenantFolder(dataDir, tenantId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name === INVENTORY_FILE || name.startsWith('inventory.db-') || name.startsWith('inventory.damaged-') || name.startsWith('inventory.db.new-'))
    .map((name) => join(folder, name));
}

/** Deletes the tenant's inventory files (sign-out). The store must be closed first. */
export function deleteInventoryFiles(dataDir: string, tenantId: string): readonly string[] {
  const files = inventoryFiles(dataDir, tenantId);
  for (const file of files) unlinkSync(file);
  const folder = tenantFolder(dataDir, tenantId);
  // The folder goes too if nothing else (another service's files) lives there.
  if (existsSync(folder) && statSync(folder).isDirectory() && readdirSync(folder).length === 0) rmSync(folder, { recursive: true, force: true });
  return files;
}
