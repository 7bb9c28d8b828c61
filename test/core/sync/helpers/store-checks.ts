// What the reliability tests check on an inventory file after something went wrong: SQLite's own
// integrity check (on a bare connection, before the store touches the file), and the snapshot
// readers see, by the ids it holds.
import { DatabaseSync } from 'node:sqlite';
import { createHash } from 'node:crypto';
import { inventoryPath, openInventory } from '../../../../src/core/inventory/inventory-files.ts';
import type { InventoryStore } from '../../../../src/core/inventory/inventory-store.ts';
import type { SyncRun } from '../../../../src/core/inventory/sync-runs.ts';
import { TENANT_ID } from './sync-tenant.ts';

/** PRAGMA integrity_check's findings: ['ok'] for a sound file. */
export function integrityCheck(dataDir: string): string[] {
  const db = new DatabaseSync(inventoryPath(dataDir, TENANT_ID));
  try {
    return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

export interface SnapshotView {
  readonly count: number;
  readonly asOf: string | undefined;
  /** SHA-256 over the sorted ids: two snapshots with the same devices have the same digest. */
  readonly idsDigest: string;
  readonly ids: ReadonlySet<string>;
}

export function snapshotOf(store: InventoryStore): SnapshotView {
  const ids: string[] = [];
  for (const row of store.exportRows({ sort: { column: 'id', direction: 'asc' } })) ids.push(row.id.toLowerCase());
  const status = store.status();
  return { count: status.deviceCount, asOf: status.asOf, idsDigest: digest(ids), ids: new Set(ids) };
}

/** Opens the tenant's inventory as the app would, reads the snapshot and the run history, closes it. */
export function readInventory(dataDir: string): { readonly snapshot: SnapshotView; readonly runs: readonly SyncRun[] } {
  const { store } = openInventory({ dataDir, tenantId: TENANT_ID });
  try {
    return { snapshot: snapshotOf(store), runs: store.syncRuns(50, 'devices') };
  } finally {
    store.close();
  }
}

export function digest(ids: Iterable<string>): string {
  const sorted = [...ids].map((id) => id.toLowerCase()).sort();
  return createHash('sha256').update(sorted.join('\n')).digest('hex');
}
