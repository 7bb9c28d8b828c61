// One SQLite connection to a tenant's inventory file, set up the same way everywhere.
import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';

/** Set only when the file is created: 16 KiB pages measured faster to fill than 4 or 8 KiB (fewer WAL frames and B-tree cells). */
const PAGE_SIZE = 16_384;

export interface ConnectionOptions {
  /** How long a writer waits for another connection's write to finish, in ms. */
  readonly busyTimeoutMs?: number;
  /** Page cache per connection, in KiB. */
  readonly cacheKiB?: number;
}

export function openConnection(path: string, options: ConnectionOptions = {}): DatabaseSync {
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: options.busyTimeoutMs ?? 15_000 });
  try {
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    // WAL: readers keep their snapshot while a writer works; NORMAL: durable at checkpoints,
    // never corrupt (a power cut can lose the last commits, which the next sync refetches).
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (mode.journal_mode !== 'wal') throw new Error(`the inventory file could not switch to WAL (it is in ${mode.journal_mode} mode)`);
    db.exec(`PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -${options.cacheKiB ?? 65_536};
      PRAGMA journal_size_limit = 67108864;`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQLite's primary result code from an error node:sqlite threw, if it is one. */
function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
}

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** The file itself is damaged (as opposed to busy, full, or a bug in a statement). */
export function isDamageError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

/** The note a store leaves when it finds its file damaged; openInventory acts on it. */
export function damageNotePath(path: string): string {
  return `${path}-damaged`;
}

function markDamaged(path: string, reason: string): void {
  try {
    writeFileSync(damageNotePath(path), reason);
  } catch {
    // Best effort: the error itself still reaches the user.
  }
}

/**
 * SQLite's "the file is damaged" becomes the problem the user sees, and a note next to the file
 * so that the next open moves it aside even if its quick check passes (damage inside the search
 * index, for one, is only found by using it). Anything else passes through.
 */
export function translateDamage(error: unknown, path: string): unknown {
  if (!isDamageError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  markDamaged(path, reason);
  return new ProblemError({
    code: 'storeDamaged',
    message: `The offline inventory file is damaged (${reason}). Restart Intune Desk: it will keep the damaged file aside (${path}) and start a new inventory, filled again on the next sync.`,
  });
}
