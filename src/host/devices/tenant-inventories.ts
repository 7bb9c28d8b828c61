// The offline inventories of the tenants the technician works in, under <dataDir>/inventory: one
// open store per tenant for the window's reads, and a connection of its own for each sync, so a
// sync's writes reach the reads as another connection's commits (which is also how a kept list
// order knows it is out of date). A file found damaged on opening is set aside and a new one
// started; the host says so in the activity log.
import { Inventory } from '../../core/inventory/index.ts';
import type { InventoryStore, OpenedInventory } from '../../core/inventory/index.ts';
import type { Problem } from '../../shared/bridge/api.ts';

export class TenantInventories {
  private readonly inventory: Inventory;
  private readonly stores = new Map<string, InventoryStore>();
  private readonly onDamage: (tenantId: string, problem: Problem) => void;

  constructor(dataDir: string, onDamage: (tenantId: string, problem: Problem) => void) {
    this.inventory = new Inventory({ dataDir });
    this.onDamage = onDamage;
  }

  /**
   * Reads the window's search text ahead of the next keystroke (100,000 devices: ~0.1 s), once
   * the current work is done: after a sync commits, the first search would pay it instead.
   */
  prepareSearchSoon(tenantId: string): void {
    setTimeout(() => {
      try {
        const open = this.stores.get(tenantId.toLowerCase());
        if (open?.isOpen) open.prepareSearch();
      } catch {
        // Only a head start: a search reads what it needs itself, and reports what goes wrong.
      }
    }, 0).unref();
  }

  /** The store the window reads, opened on first use. */
  store(tenantId: string): InventoryStore {
    const key = tenantId.toLowerCase();
    const open = this.stores.get(key);
    if (open?.isOpen) return open;
    const opened = this.inventory.openTenant(tenantId);
    if (opened.problem) this.onDamage(tenantId, opened.problem);
    this.stores.set(key, opened.store);
    return opened.store;
  }

  /** A connection of its own, for a sync engine (which reopens it after damage). */
  openForSync(tenantId: string): OpenedInventory {
    const opened = this.inventory.openTenant(tenantId);
    if (opened.problem) this.onDamage(tenantId, opened.problem);
    return opened;
  }

  /** Sign-out or removal: closes the tenant's stores and deletes its files. */
  purge(tenantId: string): void {
    this.stores.delete(tenantId.toLowerCase());
    this.inventory.purgeTenant(tenantId);
  }

  close(): void {
    this.stores.clear();
    this.inventory.close();
  }
}
