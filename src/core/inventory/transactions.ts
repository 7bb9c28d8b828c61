// Transactions on a node:sqlite connection. Every read is a read transaction, so a query and
// the live-slot name it depends on come from one snapshot of the file.
import type { DatabaseSync } from 'node:sqlite';

/** Rolls back if a transaction is open; never throws (it runs while another error is in flight). */
export function rollbackQuietly(db: DatabaseSync): void {
  try {
    if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite may already have rolled back (after SQLITE_FULL, for one); nothing left to undo.
  }
}

export function inTransaction<T>(db: DatabaseSync, mode: 'read' | 'write', work: () => T, onRollback?: () => void): T {
  db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    rollbackQuietly(db);
    onRollback?.();
    throw error;
  }
}
