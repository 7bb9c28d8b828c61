// Keeping each tenant's offline inventory fresh: one sync engine (DeviceSync) per tenant
// profile, started by "Sync now", after the first sign-in, and by the automatic refresh the
// settings ask for. The window follows a run through `syncState` events, at most five a second.
// A run that saved the devices goes on to the other entities (entity-refresh.ts).
//
// When Graph cannot be reached the run fails as `offline`, the service watch marks the tenant
// offline, and the app keeps serving the inventory with its as-of time; automatic refreshes wait
// until the watch sees the service again.
import type { GraphClient } from '../../core/graph/index.ts';
import { DeviceSync } from '../../core/sync/index.ts';
import type { SyncEvent, SyncProgress, SyncResult, SyncSettings } from '../../core/sync/index.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Problem, SyncState } from '../../shared/bridge/api.ts';
import { describeError } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import type { TenantEntry } from '../tenants/tenant-directory.ts';
import { refreshEntities } from './entity-refresh.ts';
import { Throttle } from './event-throttle.ts';

/** "At most ~5 events a second" on syncState. */
const PROGRESS_INTERVAL_MS = 200;

interface Run {
  readonly controller: AbortController;
  /** Settles when the run has ended (whatever its outcome); set as soon as the run is claimed. */
  done: Promise<void>;
  progress?: SyncProgress;
}

interface TenantSync {
  readonly tenantId: string;
  readonly engine: DeviceSync;
  readonly throttle: Throttle;
  run?: Run;
  lastProblem?: Problem;
}

export interface SyncManagerOptions {
  /** The sync engine's knobs (tests make partitions small). */
  readonly engine?: Partial<SyncSettings>;
}

export class SyncManager {
  private readonly context: HostContext;
  private readonly options: SyncManagerOptions;
  private readonly syncs = new Map<string, TenantSync>();
  private timer: NodeJS.Timeout | undefined;

  constructor(context: HostContext, options: SyncManagerOptions = {}) {
    this.context = context;
    this.options = options;
  }

  async state(entry: TenantEntry): Promise<SyncState> {
    const signIn = (await this.context.tokenCache.readSignIns())[entry.id];
    return this.stateOf(entry, signIn?.tenantId);
  }

  /** Starts a run in the background and answers at once; a run already going is left to finish. */
  async start(entry: TenantEntry, kind: 'full' | 'incremental' | undefined): Promise<SyncState> {
    const signIn = (await this.context.tokenCache.readSignIns())[entry.id];
    if (!signIn) throw new ProblemError({ code: 'signInRequired', message: `Sign in to ${entry.label} before syncing its devices.` });
    const sync = this.syncOf(entry, signIn.tenantId);
    if (sync.run) return this.stateOf(entry, signIn.tenantId);
    // Claimed before anything is awaited, so two starts at once make one run.
    const controller = new AbortController();
    const run: Run = { controller, done: Promise.resolve() };
    sync.run = run;
    sync.lastProblem = undefined;
    const reached = Promise.withResolvers<undefined>();
    run.done = this.execute(entry, sync, run, kind, reached.promise);
    try {
      const link = await this.context.links.link(entry, true);
      if (!link) throw new ProblemError({ code: 'offline', message: `${entry.label} cannot be reached, so it cannot be synced now.` });
      reached.resolve(undefined);
    } catch (error) {
      reached.reject(error);
      await run.done;
      throw error;
    }
    this.context.changed.sync(entry.id);
    return this.stateOf(entry, signIn.tenantId);
  }

  async cancel(entry: TenantEntry): Promise<SyncState> {
    const signIn = (await this.context.tokenCache.readSignIns())[entry.id];
    const sync = signIn ? this.syncs.get(entry.id) : undefined;
    const run = sync?.run;
    if (run) {
      run.controller.abort();
      await run.done;
    }
    return this.stateOf(entry, signIn?.tenantId);
  }

  /** Resolves when the profile's current run (if any) has ended. For the host's shutdown and for tests. */
  async idle(profileId: string): Promise<void> {
    await this.syncs.get(profileId)?.run?.done;
  }

  /** Runs a refresh every `minutes` for the open tenant while it is signed in and reachable; 0 stops. */
  schedule(minutes: number): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (minutes <= 0) return;
    this.timer = setInterval(() => void this.refreshCurrent(), minutes * 60_000);
    this.timer.unref();
  }

  /** A tenant's data is being purged (sign-out): its runs stop and its engines let go of the file. */
  async forgetTenant(tenantId: string): Promise<void> {
    for (const [profileId, sync] of [...this.syncs]) {
      if (sync.tenantId.toLowerCase() !== tenantId.toLowerCase()) continue;
      sync.run?.controller.abort();
      await sync.run?.done;
      sync.throttle.cancel();
      sync.engine.close();
      this.syncs.delete(profileId);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const sync of this.syncs.values()) sync.run?.controller.abort();
    await Promise.all([...this.syncs.values()].map((s) => s.run?.done));
    for (const sync of this.syncs.values()) {
      sync.throttle.cancel();
      sync.engine.close();
    }
    this.syncs.clear();
  }

  private async refreshCurrent(): Promise<void> {
    const entry = this.context.directory.current();
    if (!entry || this.context.watch.offline) return;
    try {
      await this.start(entry, 'incremental');
    } catch (error) {
      this.context.platform.log('info', `Automatic refresh of ${entry.label} did not start: ${describeError(error)}`);
    }
  }

  private syncOf(entry: TenantEntry, tenantId: string): TenantSync {
    const existing = this.syncs.get(entry.id);
    if (existing && existing.tenantId === tenantId) return existing;
    if (existing) {
      // The profile now works in another tenant (another account signed in): a new engine for it.
      existing.engine.close();
      existing.throttle.cancel();
    }
    const sync: TenantSync = {
      tenantId,
      // The engine reaches Graph through the link of the moment, which changes if the demo tenant restarts elsewhere.
      engine: new DeviceSync({
        client: {
          pages: (path, options) => this.graphOf(entry).pages(path, options),
          rawPages: (path, options) => this.graphOf(entry).rawPages(path, options),
        },
        openStore: () => this.context.inventories.openForSync(tenantId),
        settings: this.options.engine ?? {},
        onEvent: (event) => this.onEngineEvent(entry, event),
      }),
      throttle: new Throttle(PROGRESS_INTERVAL_MS, () => this.context.changed.sync(entry.id)),
    };
    this.syncs.set(entry.id, sync);
    return sync;
  }

  private graphOf(entry: TenantEntry): GraphClient {
    const link = this.context.links.known(entry.id);
    if (!link) throw new ProblemError({ code: 'offline', message: `${entry.label} cannot be reached.` });
    return link.graph;
  }

  private async execute(entry: TenantEntry, sync: TenantSync, run: Run, kind: 'full' | 'incremental' | undefined, reached: Promise<void>): Promise<void> {
    const started = this.context.now();
    const signal = run.controller.signal;
    try {
      await reached;
    } catch {
      // The tenant could not be reached: start() says so to its caller; there was no run.
      if (sync.run === run) sync.run = undefined;
      return;
    }
    try {
      const result = kind === 'full' ? await sync.engine.fullSync({ signal }) : await sync.engine.refresh({ signal });
      this.context.watch.saw(true);
      this.context.activity.record('sync', entry.id, summary(entry, result));
      this.context.inventories.prepareSearchSoon(sync.tenantId);
      // Still inside the run, so a cancel reaches it and a sign-out waits for it before closing the store.
      await refreshEntities(this.context, entry, sync.engine.store, signal);
      // The entities' commits come from the sync's connection, so the window's store takes them
      // for a change of its data and would read its search text again on the next keystroke.
      this.context.inventories.prepareSearchSoon(sync.tenantId);
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : { code: 'internal' as const, message: 'The sync stopped on an unexpected error; it was written to the log.' };
      if (!(error instanceof ProblemError)) this.context.platform.log('error', `Sync of ${entry.label} failed.`, { error: describeError(error) });
      if (problem.code === 'offline') this.context.watch.saw(false);
      if (problem.code === 'cancelled') {
        this.context.activity.record('sync', entry.id, `Sync of ${entry.label} cancelled after ${Math.round((this.context.now() - started) / 1000)} s. ${problem.message}`);
      } else {
        sync.lastProblem = problem;
        this.context.activity.record('problem', entry.id, `Sync of ${entry.label} failed: ${problem.message}`, problem);
      }
    } finally {
      if (sync.run === run) sync.run = undefined;
      sync.throttle.flush();
      this.context.changed.setup();
    }
  }

  private onEngineEvent(entry: TenantEntry, event: SyncEvent): void {
    const sync = this.syncs.get(entry.id);
    switch (event.kind) {
      case 'progress':
        if (sync?.run) sync.run.progress = event.progress;
        // A new phase shows at once (within the rate); pages in between are dropped.
        sync?.throttle.request();
        break;
      case 'storeDamaged':
        this.context.activity.record('problem', entry.id, event.problem.message, event.problem);
        break;
      case 'countUnavailable':
        this.context.activity.record('sync', entry.id, 'Intune did not give a total count of devices, so this sync cannot check that it received every one.');
        break;
      case 'fullSyncChosen':
        this.context.platform.log('info', `Full sync of ${entry.label}: ${event.reason}.`);
        break;
    }
  }

  private stateOf(entry: TenantEntry, tenantId: string | undefined): SyncState {
    const sync = this.syncs.get(entry.id);
    const current = this.context.directory.current()?.id === entry.id;
    let deviceCount = 0;
    let asOf: string | undefined;
    if (tenantId !== undefined) {
      try {
        const status = this.context.inventories.store(tenantId).status();
        deviceCount = status.deviceCount;
        asOf = status.asOf;
      } catch (error) {
        this.context.platform.log('warn', `The inventory of ${entry.label} could not be read.`, { error: describeError(error) });
      }
    }
    const run = sync?.tenantId === tenantId ? sync?.run : undefined;
    return {
      profileId: entry.id,
      running: run !== undefined,
      ...(run?.progress ? { progress: run.progress } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      deviceCount,
      offline: current && this.context.watch.offline,
      ...(sync?.lastProblem ? { lastProblem: sync.lastProblem } : {}),
    };
  }
}

function summary(entry: TenantEntry, result: SyncResult): string {
  if (result.kind === 'full') {
    return `Full sync of ${entry.label}: ${result.deviceCount.toLocaleString('en-US')} devices in ${result.seconds.toFixed(1)} s${result.completeness.checked ? '' : ' (the total could not be checked)'}.`;
  }
  return `Incremental sync of ${entry.label}: ${result.upserted.toLocaleString('en-US')} devices changed since ${result.since}, ${result.seconds.toFixed(1)} s.`;
}
