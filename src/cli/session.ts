// A command's view of the installation: the settings (machine policy over the user's), the tenant
// profile it works in, the token cache, the offline inventory, and, on demand, a connection to
// the service (auth service and Graph client, and the demo tenant when the profile is a demo's).
// Reads that can be answered offline never need the connection; close() undoes whatever was
// opened, the in-process demo tenant included.
import { join } from 'node:path';
import { AuthService, FEATURE_SCOPES, KeyFileEncryptor, TokenCacheFile, defaultTokenCachePaths, intuneDeskConfigDir } from '../core/auth/index.ts';
import type { ProfileSignIn, ProfileSignIns, TenantProfile } from '../core/auth/index.ts';
import { GraphClient } from '../core/graph/index.ts';
import { Inventory } from '../core/inventory/index.ts';
import type { InventoryStore, OpenedInventory } from '../core/inventory/index.ts';
import { configFilePath, readConfig, withCurrentProfile } from './config/config-file.ts';
import type { CliConfig, StoredProfile } from './config/config-file.ts';
import { GRAPH_BASE_URL, demoTenantProfile, effectiveProfile, entraTenantProfile } from './config/effective-profile.ts';
import type { EffectiveProfile } from './config/effective-profile.ts';
import { policyFilePath, readPolicy } from '../core/config/policy-file.ts';
import type { MachinePolicy } from '../core/config/policy-file.ts';
import type { CliContext } from './context.ts';
import { demoDataDir } from '../core/demo/demo-files.ts';
import { findRunningDemo, inProcessService, lastDemoAddress, startDemo } from '../core/demo/demo-runtime.ts';
import type { DemoService } from '../core/demo/demo-runtime.ts';
import { isReachable } from '../core/reachability.ts';

export interface Connection {
  readonly kind: 'online';
  readonly profile: TenantProfile;
  readonly auth: AuthService;
  readonly graph: GraphClient;
  readonly graphBaseUrl: string;
  readonly demo?: DemoService;
}

export interface Offline {
  readonly kind: 'offline';
  /** Why, in a sentence: "cannot reach graph.microsoft.com", "the demo tenant is not running". */
  readonly reason: string;
}

/**
 * startDemo: the command needs the service (login, sync), so a demo profile with no demo tenant
 * running starts one here. ifReachable: the command can do without (reads), so nothing is started
 * and an unreachable service is reported as offline.
 */
export type ConnectMode = 'startDemo' | 'ifReachable';

export class Session {
  readonly context: CliContext;
  readonly configDir: string;
  readonly configPath: string;
  readonly config: CliConfig;
  readonly policy: MachinePolicy | undefined;
  readonly tokenCache: TokenCacheFile;
  private current: EffectiveProfile;
  private inventory: Inventory | undefined;
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  /** Reads the settings; throws ConfigFileError (named file, what is wrong) or a ProblemError. */
  constructor(context: CliContext) {
    this.context = context;
    this.configDir = intuneDeskConfigDir({ env: context.env, platform: context.platform });
    this.configPath = configFilePath(this.configDir);
    this.policy = readPolicy(policyFilePath(context.env, context.platform));
    this.config = readConfig(this.configPath);
    this.current = effectiveProfile(this.config, this.policy);
    const paths = defaultTokenCachePaths(this.configDir);
    this.tokenCache = new TokenCacheFile({
      path: paths.cacheFile,
      encryptor: new KeyFileEncryptor(paths.keyFile),
      onReset: (reset) => void this.note(`warning: ${reset.problem.message} (the unreadable cache was kept at ${reset.movedTo})`),
    });
  }

  /** The profile commands work in. */
  get profile(): EffectiveProfile {
    return this.current;
  }

  /** Works in `stored` instead (a login to another tenant), with the machine policy's values over its own. */
  useProfile(stored: StoredProfile): void {
    const next = effectiveProfile(withCurrentProfile(this.config, stored), this.policy);
    // Signing in to the demo tenant nobody configured is still "no tenant configured".
    this.current = this.current.source === 'default' && next.id === this.current.id ? { ...next, source: 'default' } : next;
  }

  get inventoryDir(): string {
    return join(this.configDir, 'inventory');
  }

  get demoDataDir(): string {
    return demoDataDir(this.configDir);
  }

  /** Who the current profile is signed in as, from the token cache (no network). */
  async signIn(): Promise<ProfileSignIn | undefined> {
    return (await this.signIns())[this.profile.id];
  }

  signIns(): Promise<ProfileSignIns> {
    return this.tokenCache.readSignIns();
  }

  /** The tenant's offline inventory; a damaged file has been set aside and a new one started (the user is told). */
  openStore(tenantId: string): InventoryStore {
    const opened = this.openInventory(tenantId);
    return opened.store;
  }

  /** For the sync engine, which opens (and reopens) the store itself. */
  openInventory(tenantId: string): OpenedInventory {
    this.inventory ??= new Inventory({ dataDir: this.inventoryDir });
    const opened = this.inventory.openTenant(tenantId);
    if (opened.problem) void this.note(`warning: ${opened.problem.message}`);
    return opened;
  }

  purgeTenant(tenantId: string): void {
    this.inventory ??= new Inventory({ dataDir: this.inventoryDir });
    this.inventory.purgeTenant(tenantId);
  }

  async connect(mode: ConnectMode): Promise<Connection | Offline> {
    if (this.profile.kind === 'entra') {
      if (mode === 'ifReachable' && !(await isReachable(`${GRAPH_BASE_URL}/v1.0/`, undefined))) {
        return { kind: 'offline', reason: `cannot reach ${new URL(GRAPH_BASE_URL).host}` };
      }
      return this.online(entraTenantProfile(this.profile), GRAPH_BASE_URL, undefined, undefined);
    }
    const demo = await this.demoService(mode);
    if (!demo) {
      const last = lastDemoAddress(this.configDir);
      return { kind: 'offline', reason: `the demo tenant${last ? ` (last at ${last})` : ''} is not running; "intune-desk demo" starts it` };
    }
    return this.online(demoTenantProfile(this.profile, demo), demo.baseUrl, demo.caCertificatePem, demo);
  }

  /** Runs at close(), last registered first. */
  onClose(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        await this.note(`warning: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.inventory?.close();
    this.inventory = undefined;
  }

  note(text: string): Promise<void> {
    return this.context.err.write(`${text}\n`);
  }

  private async demoService(mode: ConnectMode): Promise<DemoService | undefined> {
    const running = await findRunningDemo(this.configDir);
    if (running) return running;
    if (mode !== 'startDemo') return undefined;
    const why = this.profile.source === 'default' ? 'No tenant is configured, so the demo tenant is used; it is not running' : 'The demo tenant is not running';
    await this.note(`${why}, so this command starts it in its own process until it ends (data folder ${this.demoDataDir}). Run "intune-desk demo" in another terminal to keep one running.`);
    const started = await startDemo(this.configDir, {}, (m) => void this.note(`demo tenant: ${m}`));
    const service = inProcessService(started);
    this.onClose(() => service.stop());
    return service;
  }

  private online(profile: TenantProfile, graphBaseUrl: string, caCertificatePem: string | undefined, demo: DemoService | undefined): Connection {
    const auth = new AuthService({
      profiles: [profile],
      tokenCache: this.tokenCache,
      openBrowser: this.context.openBrowser,
      purgeTenantData: async (tenantId) => this.purgeTenant(tenantId),
      ...(this.context.env['INTUNE_DESK_DEBUG'] ? { log: (level: string, message: string) => void this.note(`msal ${level}: ${message}`) } : {}),
    });
    const graph = new GraphClient({
      baseUrl: graphBaseUrl,
      version: 'beta',
      tokenProvider: async (scopes) => (await auth.getAccessToken(profile.id, scopes)).token,
      scopes: FEATURE_SCOPES.browseDevices,
      ...(caCertificatePem !== undefined ? { caCertificatePem } : {}),
      userAgent: 'IntuneDesk-CLI/0.1',
    });
    this.onClose(() => graph.close());
    return { kind: 'online', profile, auth, graph, graphBaseUrl, ...(demo ? { demo } : {}) };
  }
}
