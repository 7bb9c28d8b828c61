// The desktop app's logic, composed: tenants and first run, the demo tenant, sign-in, the Graph
// clients, the offline inventories, the sync manager, the activity log, settings, and the one
// handler table the window's bridge is served from. Plain Node: the Electron main process gives
// it a HostPlatform and forwards IPC to serve(); the browser harness does the same over a
// loopback WebSocket. Tests run it against the demo tenant.
//
//   const host = new DesktopHost(platform);
//   await host.start();
//   host.onEvent((name, payload) => send(`event.${name}`, payload));
//   const answer = await host.serve('devices.window', { offset: 0, limit: 100 });
//   await host.shutdown();
import { join } from 'node:path';
import { AuthService, TokenCacheFile } from '../core/auth/index.ts';
import { ConfigFileError } from '../core/config/config-error.ts';
import { readPolicy } from '../core/config/policy-file.ts';
import type { MachinePolicy } from '../core/config/policy-file.ts';
import type { SyncSettings } from '../core/sync/index.ts';
import type { AppInfo, BridgeEvents, BridgeResult, FeatureName, Problem, SessionState, Settings, SyncState } from '../shared/bridge/api.ts';
import type { EventName } from '../shared/bridge/channels.ts';
import { ActivityLog } from './activity/activity-log.ts';
import { createHandlers } from './bridge/handlers.ts';
import { createServe, safePayload } from './bridge/serve.ts';
import type { Serve } from './bridge/serve.ts';
import { ServiceWatch } from './connection/service-watch.ts';
import { TenantLinks } from './connection/tenant-links.ts';
import type { TenantLink } from './connection/tenant-links.ts';
import { DemoTenantHost } from './demo/demo-tenant-host.ts';
import { DeviceDetails } from './devices/device-detail.ts';
import { DeviceExport } from './devices/device-export.ts';
import { DeviceList } from './devices/device-list.ts';
import { RemoteActions } from './devices/remote-actions.ts';
import { TenantInventories } from './devices/tenant-inventories.ts';
import { HostEvents } from './events.ts';
import type { HostEventListener } from './events.ts';
import { currentTenant, describeError } from './host-context.ts';
import type { HostContext } from './host-context.ts';
import type { HostPlatform } from './platform.ts';
import { SessionService } from './session/session-service.ts';
import { SettingsService } from './settings/settings-service.ts';
import { SyncManager } from './sync/sync-manager.ts';
import { TenantDirectory } from './tenants/tenant-directory.ts';
import type { TenantEntry } from './tenants/tenant-directory.ts';
import { TenantSetup } from './tenants/tenant-setup.ts';

export interface DesktopHostOptions {
  /** Devices in the demo tenant the first time it is made (default 2,000; the harness's --devices). */
  readonly demoDevices?: number;
  /** How often the current tenant's service is checked while nothing else reaches it (default 15 s). */
  readonly serviceCheckMs?: number;
  /** The sync engine's knobs. */
  readonly sync?: Partial<SyncSettings>;
  readonly now?: () => number;
}

export class DesktopHost {
  readonly platform: HostPlatform;
  readonly context: HostContext;
  readonly demo: DemoTenantHost;
  readonly tenants: TenantSetup;
  readonly session: SessionService;
  readonly sync: SyncManager;
  readonly devices: DeviceList;
  readonly details: DeviceDetails;
  readonly exports: DeviceExport;
  readonly actions: RemoteActions;
  readonly activity: ActivityLog;
  readonly settings: SettingsService;
  private readonly events: HostEvents;
  private readonly policyProblem: Problem | undefined;
  private readonly serveBridge: Serve;
  private stopped = false;

  constructor(platform: HostPlatform, options: DesktopHostOptions = {}) {
    this.platform = platform;
    const now = options.now ?? Date.now;
    const dataDir = platform.dataDir;
    this.events = new HostEvents((error) => platform.log('error', 'A listener of the host\'s events failed.', { error: describeError(error) }));
    this.activity = new ActivityLog({ path: join(dataDir, 'activity.jsonl'), now, warn: (m) => platform.log('warn', m) });
    this.settings = new SettingsService(platform.settings);
    const policy = readMachinePolicy(platform.policyPath);
    this.policyProblem = policy.problem;
    const directory = new TenantDirectory(join(dataDir, 'tenants.json'), policy.policy, policy.policy?.tenant !== undefined || policy.problem !== undefined);
    const tokenCache = new TokenCacheFile({
      path: join(dataDir, 'token-cache.bin'),
      encryptor: platform.encryptor,
      onReset: (reset) => this.activity.record('problem', directory.current()?.id ?? '', `${reset.problem.message} The unreadable sign-in cache was kept at ${reset.movedTo}.`, reset.problem),
    });
    this.demo = new DemoTenantHost({ dataDir, ...(options.demoDevices !== undefined ? { devices: options.demoDevices } : {}), log: (m) => platform.log('info', `demo tenant: ${m}`) });
    const inventories = new TenantInventories(join(dataDir, 'inventory'), (tenantId, problem) => this.activity.record('problem', directory.current()?.id ?? '', problem.message, problem));
    const auth = new AuthService({
      profiles: [],
      tokenCache,
      openBrowser: (url) => this.openSignInPage(url),
      purgeTenantData: async (tenantId) => {
        await this.sync.forgetTenant(tenantId);
        inventories.purge(tenantId);
      },
      log: (level, message) => platform.log(level === 'warning' ? 'warn' : level, `sign-in: ${message}`),
    });
    const links = new TenantLinks(auth, this.demo, `IntuneDesk/${platform.version} (${platform.shell})`, (profileId, link) => this.linked(profileId, link));
    const watch = new ServiceWatch(options.serviceCheckMs ?? 15_000, (offline) => this.serviceChanged(offline));
    this.context = {
      platform, now, directory, tokenCache, auth, links, watch, inventories, activity: this.activity, events: this.events, settings: this.settings,
      changed: {
        setup: () => void this.push('setupChanged', () => this.tenants.setup()),
        session: (profileId) => void this.push('sessionChanged', () => this.sessionStateOf(profileId)),
        sync: (profileId) => void this.push('syncState', () => this.syncStateOf(profileId)),
      },
    };
    this.session = new SessionService(this.context);
    this.sync = new SyncManager(this.context, options.sync ? { engine: options.sync } : {});
    this.tenants = new TenantSetup(this.context, this.demo, this.session, () => this.currentChanged());
    this.devices = new DeviceList(this.context);
    this.details = new DeviceDetails(this.context);
    this.exports = new DeviceExport(this.context);
    this.actions = new RemoteActions(this.context, this.session);
    this.serveBridge = createServe(createHandlers(this), platform.log);
    this.settings.onChange((settings) => {
      this.sync.schedule(settings.autoRefreshMinutes);
      void this.push('settingsChanged', async () => settings);
    });
  }

  /** Reads settings and tenants, and opens the current tenant (starting the demo tenant for a demo profile). */
  async start(): Promise<void> {
    const settingsProblem = this.settings.load();
    if (settingsProblem) this.activity.record('problem', '', settingsProblem.message, settingsProblem);
    if (this.policyProblem) this.activity.record('problem', '', this.policyProblem.message, this.policyProblem);
    const tenantsProblem = this.context.directory.load(this.context.now());
    if (tenantsProblem) this.activity.record('problem', '', tenantsProblem.message, tenantsProblem);
    this.sync.schedule(this.settings.get().autoRefreshMinutes);
    this.currentChanged();
  }

  /** Answers one bridge call; never throws. */
  serve(channel: string, raw: unknown): Promise<BridgeResult<unknown>> {
    if (this.stopped) return Promise.resolve({ ok: false, problem: { code: 'internal', message: 'Intune Desk is closing.' } });
    return this.serveBridge(channel, raw);
  }

  /** Pushed state for the window; returns the unsubscribe. */
  onEvent(listener: HostEventListener): () => void {
    return this.events.onEvent(listener);
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.session.cancelPending();
    await this.sync.close();
    this.context.watch.stop();
    this.context.links.close();
    this.context.inventories.close();
    await this.demo.stop();
  }

  appInfo(): AppInfo {
    return { version: this.platform.version, shell: this.platform.shell, platform: process.platform };
  }

  // Calls on the current tenant, as the handler table makes them.

  sessionState(): Promise<SessionState> {
    return this.session.state(currentTenant(this.context));
  }

  async signIn(feature: FeatureName | undefined): Promise<SessionState> {
    const entry = currentTenant(this.context);
    const state = await this.session.signIn(entry, feature);
    this.refreshIfDue(entry);
    return state;
  }

  ensureFeature(feature: FeatureName): Promise<SessionState> {
    return this.session.ensureFeature(currentTenant(this.context), feature);
  }

  signOut(): Promise<SessionState> {
    return this.session.signOut(currentTenant(this.context));
  }

  syncState(): Promise<SyncState> {
    return this.sync.state(currentTenant(this.context));
  }

  startSync(kind: 'full' | 'incremental' | undefined): Promise<SyncState> {
    return this.sync.start(currentTenant(this.context), kind);
  }

  cancelSync(): Promise<SyncState> {
    return this.sync.cancel(currentTenant(this.context));
  }

  updateSettings(change: Partial<Settings>): Settings {
    return this.settings.update(change);
  }

  // Internals

  /** The open tenant changed (or the host started): watch its service, and tell the window. */
  private currentChanged(): void {
    const entry = this.context.directory.current();
    this.context.changed.setup();
    if (!entry) {
      this.context.watch.watch(undefined, false);
      return;
    }
    this.context.changed.session(entry.id);
    this.context.changed.sync(entry.id);
    const known = this.context.links.known(entry.id);
    this.context.watch.watch(known?.target, false);
    // A demo profile uses the demo tenant: it starts now, in the background.
    this.context.links.link(entry, entry.kind === 'demo').then(async (link) => {
      if (this.context.directory.current()?.id !== entry.id) return;
      if (!link) {
        this.context.watch.watch(undefined, true);
        return;
      }
      if (await this.context.watch.probe()) this.refreshIfDue(entry);
    }).catch((error: unknown) => {
      if (this.context.directory.current()?.id !== entry.id) return;
      this.context.watch.watch(undefined, true);
      this.activity.record('problem', entry.id, `${entry.label} cannot be reached: ${describeError(error)}`, { code: 'offline', message: describeError(error) });
    });
  }

  /** A link was made (first use, or the demo tenant started again): watch it if it is the open tenant's. */
  private linked(profileId: string, link: TenantLink): void {
    if (this.context.directory.current()?.id !== profileId) return;
    this.context.watch.watch(link.target, this.context.watch.offline);
    void this.context.watch.probe();
  }

  private serviceChanged(offline: boolean): void {
    const entry = this.context.directory.current();
    if (!entry) return;
    this.platform.log('info', `${entry.label} is ${offline ? 'offline: the window shows the offline inventory' : 'reachable again'}.`);
    this.context.changed.sync(entry.id);
  }

  /** After a sign-in or on opening: a refresh when the inventory is older than the automatic refresh interval (or empty). */
  private refreshIfDue(entry: TenantEntry): void {
    const minutes = this.settings.get().autoRefreshMinutes;
    if (minutes <= 0 || this.context.watch.offline) return;
    void (async () => {
      const signIn = (await this.context.tokenCache.readSignIns())[entry.id];
      if (!signIn) return;
      const asOf = this.context.inventories.store(signIn.tenantId).status().asOf;
      if (asOf !== undefined && this.context.now() - Date.parse(asOf) < minutes * 60_000) return;
      await this.sync.start(entry, undefined);
    })().catch((error: unknown) => this.platform.log('info', `No refresh of ${entry.label} now: ${describeError(error)}`));
  }

  private async sessionStateOf(profileId: string): Promise<SessionState | undefined> {
    const entry = this.context.directory.get(profileId);
    return entry ? this.session.state(entry) : undefined;
  }

  private async syncStateOf(profileId: string): Promise<SyncState | undefined> {
    const entry = this.context.directory.get(profileId);
    return entry ? this.sync.state(entry) : undefined;
  }

  private async push<K extends EventName>(name: K, state: () => Promise<BridgeEvents[K] | undefined>): Promise<void> {
    if (this.stopped) return;
    try {
      const payload = safePayload(await state(), `the ${name} event`, this.platform.log);
      if (payload !== undefined) this.events.emit(name, payload as BridgeEvents[K]);
    } catch (error) {
      this.platform.log('warn', `The ${name} event could not be made.`, { error: describeError(error) });
    }
  }

  /** The demo tenant's pages open in the app's own window; any other sign-in page in the system browser. */
  private async openSignInPage(url: string): Promise<void> {
    const demo = this.demo.endpoint;
    if (demo && new URL(url).origin === new URL(demo.baseUrl).origin) {
      await this.platform.openDemoSignIn(url, { serverCertificateSpkiSha256: demo.serverCertificateSpkiSha256 });
      return;
    }
    await this.platform.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: HostPlatform.openExternal, not Electron's shell: the Electron shell allow-lists the URL (src/main/security/sign-in-url.ts) */
  }
}

/** IT's machine policy; a file that exists but cannot be used locks the tenant list and is reported. */
function readMachinePolicy(path: string | undefined): { readonly policy?: MachinePolicy; readonly problem?: Problem } {
  try {
    const policy = readPolicy(path);
    return policy ? { policy } : {};
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    return {
      policy: { path: error.path, allowDemo: false },
      problem: { code: 'badRequest', message: `Your organization's machine policy could not be read (${error.message}), so tenants cannot be added or removed until IT fixes it.` },
    };
  }
}
