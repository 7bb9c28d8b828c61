// A throw-away data folder with an Inventory over it; `await using` removes it, closing stores first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { CONTOSO } from '../../../../src/emulator/directory/demo-directory.ts';
import { Inventory } from '../../../../src/core/inventory/index.ts';
import type { InventoryStore } from '../../../../src/core/inventory/index.ts';
import { ANCHOR, pages } from './tenant-data.ts';

export const TENANT = CONTOSO.id;

export interface TempInventory extends Disposable {
  readonly dataDir: string;
  readonly inventory: Inventory;
  /** The Contoso store, opened with the anchor as its clock. */
  readonly store: InventoryStore;
  /** Another Inventory (its own connections) on the same folder, as a second process would have. */
  openOther(): { inventory: Inventory; store: InventoryStore };
}

export function tempInventory(options: { clock?: () => number } = {}): TempInventory {
  const dataDir = mkdtempSync(join(tmpdir(), 'inventory-test-'));
  const clock = options.clock ?? (() => ANCHOR);
  const inventory = new Inventory({ dataDir, clock });
  const { store } = inventory.openTenant(TENANT);
  const others: Inventory[] = [];
  return {
    dataDir,
    inventory,
    store,
    openOther() {
      const other = new Inventory({ dataDir, clock });
      others.push(other);
      return { inventory: other, store: other.openTenant(TENANT).store };
    },
    [Symbol.dispose]() {
      for (const other of others) other.close();
      inventory.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A full snapshot of `devices` in pages, committed as of `asOf`. */
export function snapshot(store: InventoryStore, devices: readonly ManagedDevice[], options: { pageSize?: number; asOf?: string } = {}): void {
  const writer = store.beginFullSnapshot();
  for (const page of pages(devices, options.pageSize ?? 1000)) writer.addDevices(page);
  writer.commit(options.asOf ?? new Date(ANCHOR).toISOString());
}

/** Every id the store returns for a query, following `next` to the end. */
export function allIds(store: InventoryStore, query: Parameters<InventoryStore['queryDevices']>[0] = {}): string[] {
  return [...store.exportRows(query)].map((r) => r.id);
}
