// The sync engine of one tenant's devices: Graph in, the offline inventory out.
//
//   const sync = new DeviceSync({ client, openStore: () => inventory.openTenant(tenantId), onEvent });
//   await sync.refresh();            // incremental, or full when a reconcile is due
//   await sync.fullSync({ signal }); // every device, swapped in whole
//
// One run at a time per engine. A run that finds the inventory file damaged has it checked
// again, moved aside and rebuilt (the user is told with a `storeDamaged` event), and runs once
// more as a full sync into the new file.
import type { OpenedInventory } from '../inventory/inventory-files.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import { systemTime } from '../graph/time.ts';
import type { TimeSource } from '../graph/time.ts';
import { ProblemError } from '../problem.ts';
import type { DeviceLister } from './device-pages.ts';
import { runFullSync } from './full-sync.ts';
import { runIncrementalSync } from './incremental-sync.ts';
import { fullSyncNeeded } from './reconcile-policy.ts';
import { StoreHandle } from './store-handle.ts';
import { alreadyRunningProblem, isStoreDamage, problemOf } from './sync-problems.ts';
import { openingProgress } from './progress-meter.ts';
import type { FullSyncReason, FullSyncResult, SyncEvent, SyncKind, SyncListener, SyncResult } from './sync-model.ts';
import type { SyncSettings } from './sync-settings.ts';
import { DEFAULT_SYNC_SETTINGS, checkedSettings } from './sync-settings.ts';

export interface DeviceSyncOptions {
  /** The tenant's Graph client (beta: the inventory keeps beta's device properties). */
  readonly client: DeviceLister;
  /** Opens the tenant's inventory, checking the file and rebuilding it when damaged. */
  readonly openStore: () => OpenedInventory;
  readonly settings?: Partial<SyncSettings>;
  /** The client's time source, so progress and as-of times follow the same clock. */
  readonly time?: TimeSource;
  readonly onEvent?: SyncListener;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
}

export class DeviceSync {
  readonly settings: SyncSettings;
  private readonly client: DeviceLister;
  private readonly time: TimeSource;
  private readonly listeners = new Set<SyncListener>();
  private readonly storeHandle: StoreHandle;
  private running = false;

  constructor(options: DeviceSyncOptions) {
    this.settings = checkedSettings({ ...DEFAULT_SYNC_SETTINGS, ...options.settings });
    this.client = options.client;
    this.time = options.time ?? systemTime;
    if (options.onEvent) this.listeners.add(options.onEvent);
    this.storeHandle = new StoreHandle(options.openStore, (event) => this.emit(event));
  }

  /** Subscribes to progress and notices; returns the unsubscribe function. */
  subscribe(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The store the engine writes (opened on first use). Readers may open their own. */
  get store(): InventoryStore {
    return this.storeHandle.get();
  }

  /** Every device into a new snapshot, swapped in whole at the end. */
  fullSync(options: RunOptions = {}): Promise<FullSyncResult> {
    return this.exclusive(() => this.withStore('full', (store, rebuilt) => this.full(store, rebuilt ? 'storeRebuilt' : 'requested', options), options));
  }

  /** The devices changed since the last run; a full sync when there is no snapshot to add to yet. */
  incrementalSync(options: RunOptions = {}): Promise<SyncResult> {
    return this.exclusive(() => this.withStore('incremental', (store, rebuilt) => (rebuilt ? this.full(store, 'storeRebuilt', options) : this.incremental(store, options)), options));
  }

  /**
   * What the app runs on a timer and on "Sync now": incremental, or full when there is no
   * snapshot yet, a reconcile is due, or so many devices changed that fetching all is as cheap.
   */
  refresh(options: RunOptions = {}): Promise<SyncResult> {
    return this.exclusive(() =>
      this.withStore('incremental', (store, rebuilt) => {
        const reason = rebuilt ? 'storeRebuilt' : this.fullSyncReason(store);
        return reason === undefined ? this.incremental(store, options) : this.full(store, reason, options);
      }, options),
    );
  }

  /** Closes the inventory file the engine opened. */
  close(): void {
    this.storeHandle.close();
  }

  private fullSyncReason(store: InventoryStore): FullSyncReason | undefined {
    const runs = store.syncRuns(2 * this.settings.reconcileEveryIncrementals + 10, 'devices');
    return fullSyncNeeded(store.status(), runs, this.time.now(), this.settings);
  }

  private async incremental(store: InventoryStore, options: RunOptions): Promise<SyncResult> {
    if (store.status().deviceWatermark === undefined) return this.full(store, 'noSnapshot', options);
    const outcome = await runIncrementalSync(this.deps(store), options.signal);
    return outcome.kind === 'tooManyChanges' ? this.full(store, 'tooManyChanges', options) : outcome;
  }

  private full(store: InventoryStore, reason: FullSyncReason, options: RunOptions): Promise<FullSyncResult> {
    if (reason !== 'requested') this.emit({ kind: 'fullSyncChosen', reason });
    return runFullSync(this.deps(store), reason, options.signal);
  }

  /**
   * Runs `work` on the open store. If the file proves damaged, it is checked again on reopening
   * (and moved aside and rebuilt when damaged), and `work` runs once more, told the store is new.
   */
  private async withStore<T>(kind: SyncKind, work: (store: InventoryStore, rebuilt: boolean) => Promise<T>, options: RunOptions): Promise<T> {
    // Opening checks the whole file (PRAGMA quick_check), which takes a moment on a large one.
    if (!this.storeHandle.isOpen) this.emit({ kind: 'progress', progress: openingProgress(kind) });
    let store: InventoryStore;
    try {
      store = this.storeHandle.get();
    } catch (error) {
      if (!isStoreDamage(error)) throw error;
      store = this.storeHandle.reopen();
    }
    try {
      return await work(store, this.storeHandle.takeRebuilt());
    } catch (error) {
      if (!isStoreDamage(error) || options.signal?.aborted) throw error;
      const reopened = this.storeHandle.reopen();
      this.storeHandle.takeRebuilt();
      return work(reopened, true);
    }
  }

  private async exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (this.running) throw new ProblemError(alreadyRunningProblem());
    this.running = true;
    try {
      return await run();
    } catch (error) {
      // A file still damaged after it was checked and reopened: said as a Problem like the rest.
      if (!(error instanceof ProblemError) && isStoreDamage(error)) throw new ProblemError(problemOf(error, undefined, undefined));
      throw error;
    } finally {
      this.running = false;
    }
  }

  private deps(store: InventoryStore): { client: DeviceLister; store: InventoryStore; time: TimeSource; settings: SyncSettings; emit: SyncListener } {
    return { client: this.client, store, time: this.time, settings: this.settings, emit: (event) => this.emit(event) };
  }

  private emit(event: SyncEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One listener's failure is not the sync's, nor another listener's.
      }
    }
  }
}
