// The inventories of every tenant under one data folder: open a tenant's store, purge it at
// sign-out. Keeps track of the stores it opened so a purge can close them first (an open file
// cannot be deleted on Windows, and must not be written after deletion anywhere).
import { deleteInventoryFiles, openInventory } from './inventory-files.ts';
import type { OpenedInventory } from './inventory-files.ts';
import type { InventoryStore } from './inventory-store.ts';

export interface InventoryOptions {
  readonly dataDir: string;
  readonly clock?: () => number;
  readonly check?: 'quick' | 'none';
}

export class Inventory {
  private readonly options: InventoryOptions;
  private readonly open = new Map<string, Set<InventoryStore>>();

  constructor(options: InventoryOptions) {
    this.options = options;
  }

  /** Opens (creating, migrating, or replacing a damaged file as needed) one tenant's store. */
  openTenant(tenantId: string): OpenedInventory {
    const key = tenantId.toLowerCase();
    let stores = this.open.get(key);
    if (!stores) this.open.set(key, (stores = new Set()));
    const opened: OpenedInventory = openInventory(
      { ...this.options, tenantId },
      () => {
        stores.delete(opened.store);
      },
    );
    stores.add(opened.store);
    return opened;
  }

  /** Sign-out: closes this tenant's stores and deletes its files, damaged copies included. Returns the files deleted. */
  purgeTenant(tenantId: string): readonly string[] {
    for (const store of [...(this.open.get(tenantId.toLowerCase()) ?? [])]) store.close();
    this.open.delete(tenantId.toLowerCase());
    return deleteInventoryFiles(this.options.dataDir, tenantId);
  }

  close(): void {
    for (const stores of this.open.values()) for (const store of [...stores]) store.close();
    this.open.clear();
  }
}
