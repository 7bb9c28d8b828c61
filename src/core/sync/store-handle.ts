// The sync engine's hold on a tenant's inventory. It opens the store on first use through the
// function it was given (the app's Inventory.openTenant, or openInventory for the CLI), which
// checks the file and, when it is damaged, moves it aside and starts a new one; the engine
// passes that news on as a `storeDamaged` event. When the file turns out damaged in the middle
// of a run, reopen() goes through the same check again.
import type { OpenedInventory } from '../inventory/inventory-files.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import type { SyncListener } from './sync-model.ts';

export class StoreHandle {
  private readonly open: () => OpenedInventory;
  private readonly emit: SyncListener;
  private store: InventoryStore | undefined;
  private rebuilt = false;

  constructor(open: () => OpenedInventory, emit: SyncListener) {
    this.open = open;
    this.emit = emit;
  }

  get isOpen(): boolean {
    return this.store?.isOpen === true;
  }

  /** The open store; opens it (and reports a rebuilt file) the first time. */
  get(): InventoryStore {
    if (this.store?.isOpen) return this.store;
    const opened = this.open();
    this.store = opened.store;
    if (opened.problem) {
      this.rebuilt = true;
      try {
        this.emit({ kind: 'storeDamaged', problem: opened.problem, ...(opened.damagedFile === undefined ? {} : { damagedFile: opened.damagedFile }) });
      } catch {
        // The listener's trouble is not the sync's.
      }
    }
    return this.store;
  }

  /** Whether the file was found damaged and started anew since this was last asked. */
  takeRebuilt(): boolean {
    const rebuilt = this.rebuilt;
    this.rebuilt = false;
    return rebuilt;
  }

  /** Closes and opens again, so the file is checked (and set aside if damaged) anew. */
  reopen(): InventoryStore {
    this.close();
    return this.get();
  }

  close(): void {
    try {
      this.store?.close();
    } catch {
      // A damaged file may fail even to close; the next open deals with it.
    }
    this.store = undefined;
  }
}
