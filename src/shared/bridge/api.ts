// The one bridge between the window and the main process, as the renderer sees it:
// window.intuneDesk. The preload (Electron) and the browser harness (tests, development) both
// build it from METHODS and EVENTS (channels.ts) with buildBridge (build-bridge.ts); the main
// process and the harness host serve it from one handler table, checking every argument against
// the schemas in schemas.ts. Every value crossing it is plain data: no token, no device JSON
// beyond what a panel shows, no class instances. Failures are values (BridgeResult), never
// thrown across the process boundary, so a Problem keeps its fields.
import type { Problem } from '../../core/problem.ts';
import type { DeviceFacets } from '../../core/inventory/device-facets.ts';
import type { DeviceRow } from '../../core/inventory/device-columns.ts';
import type { DeviceFilter, DeviceSort } from '../../core/inventory/device-query.ts';
import type { SyncProgress, SyncResult } from '../../core/sync/sync-model.ts';

export type { Problem, DeviceFacets, DeviceRow, DeviceFilter, DeviceSort, SyncProgress, SyncResult };

export type BridgeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

// ── App and tenants ─────────────────────────────────────────────────────────────────────────

export interface AppInfo {
  readonly version: string;
  /** electron: the desktop app; web: the browser harness (development and tests only). */
  readonly shell: 'electron' | 'web';
  readonly platform: string;
}

export type TenantKind = 'demo' | 'entra';

export interface TenantSummary {
  /** The tenant profile's id: stable, used in every call that names a tenant. */
  readonly profileId: string;
  /** What the technician calls it: "Contoso (demo)", "fabrikam.onmicrosoft.com". */
  readonly label: string;
  readonly kind: TenantKind;
  /** The tenant GUID once known (after the first sign-in), else the authority's tenant segment. */
  readonly tenant: string;
  readonly clientId: string;
  /** Set by IT's machine policy: the technician cannot remove or edit it. */
  readonly managed: boolean;
  readonly signedIn?: { readonly username: string; readonly name?: string };
  /** Devices in the offline inventory and when they were read from Graph. */
  readonly inventory: { readonly deviceCount: number; readonly asOf?: string };
}

export interface SetupState {
  /** No tenant chosen yet: the first-run page shows. */
  readonly firstRun: boolean;
  readonly tenants: readonly TenantSummary[];
  readonly currentProfileId?: string;
  /** IT's policy forbids adding tenants (the "Connect your tenant" choice is hidden). */
  readonly tenantsLocked: boolean;
}

export interface ConnectTenantRequest {
  /** The app registration's Application (client) ID: a GUID. */
  readonly clientId: string;
  /** Tenant GUID, verified domain (contoso.onmicrosoft.com), "organizations" or "common". */
  readonly tenant: string;
  readonly label?: string;
}

// ── Sign-in ─────────────────────────────────────────────────────────────────────────────────

/** Features as the app asks for them (incremental consent): see src/core/auth/feature-scopes.ts. */
export type FeatureName =
  | 'browseDevices' | 'remoteActions' | 'wipeRetire' | 'editDevices' | 'apps' | 'editApps'
  | 'policies' | 'editPolicies' | 'roles' | 'editRoles' | 'tenantSettings' | 'editTenantSettings';

export interface SessionState {
  readonly profileId: string;
  readonly signedIn: boolean;
  readonly account?: { readonly username: string; readonly name?: string; readonly tenantId: string };
  /** Scopes granted, from the token's scp. */
  readonly grantedScopes: readonly string[];
  /** Intune roles where they can be read. */
  readonly intuneRoles?: readonly string[];
  /** Features whose scopes are all granted. */
  readonly features: readonly FeatureName[];
}

// ── Devices ─────────────────────────────────────────────────────────────────────────────────

export interface DeviceListRequest {
  readonly search?: string;
  readonly filter?: DeviceFilter;
  readonly sort?: DeviceSort;
  /** First row of the window, 0-based (the grid scrolls anywhere in 100,000 rows). */
  readonly offset: number;
  /** Rows in the window, 1–500. */
  readonly limit: number;
}

export interface DeviceWindow {
  readonly offset: number;
  readonly rows: readonly DeviceRow[];
  /** Devices matching the search and filters. */
  readonly total: number;
  readonly asOf?: string;
}

export interface DeviceSection<T> {
  /** live: read from Graph just now; cached: from the offline inventory (asOf says when). */
  readonly source: 'live' | 'cached' | 'unavailable';
  readonly asOf?: string;
  readonly value?: T;
  /** Why live data is missing: offline, 403 (with the scope), throttled. */
  readonly problem?: Problem;
}

export interface PolicyState {
  readonly id: string;
  readonly displayName: string;
  readonly state: string;
  readonly lastReported?: string;
}

export interface DetectedApp {
  readonly id: string;
  readonly displayName: string;
  readonly version?: string;
  readonly publisher?: string;
}

export interface DeviceActionRecord {
  readonly action: string;
  readonly state: string;
  readonly startedAt?: string;
  readonly lastUpdatedAt?: string;
}

export interface PrimaryUser {
  readonly id?: string;
  readonly displayName?: string;
  readonly userPrincipalName?: string;
  readonly email?: string;
}

/** The device panel: every section says where it came from. */
export interface DeviceDetail {
  readonly id: string;
  readonly row: DeviceRow;
  /** The panel's overview and hardware fields, by Graph property name (plain values only). */
  readonly properties: DeviceSection<Readonly<Record<string, string | number | boolean | null>>>;
  readonly compliance: DeviceSection<readonly PolicyState[]>;
  readonly configuration: DeviceSection<readonly PolicyState[]>;
  readonly detectedApps: DeviceSection<readonly DetectedApp[]>;
  readonly primaryUser: DeviceSection<PrimaryUser>;
  readonly actionHistory: DeviceSection<readonly DeviceActionRecord[]>;
}

export interface ExportRequest {
  readonly search?: string;
  readonly filter?: DeviceFilter;
  readonly sort?: DeviceSort;
  /** Columns in the order shown. */
  readonly columns: readonly string[];
}

export interface ExportResult {
  /** saved: written where the user chose (Electron); content: the CSV itself (the browser harness downloads it). */
  readonly kind: 'saved' | 'content' | 'cancelled';
  readonly rows: number;
  readonly path?: string;
  readonly fileName?: string;
  readonly content?: string;
}

/**
 * Remote actions the device panel sends now. They change nothing that cannot be undone, so they
 * need no typed confirmation; retire, wipe and delete come with their confirmation flow later.
 */
export type QuickAction = 'syncDevice' | 'rebootNow' | 'remoteLock';

export interface ActionOutcome {
  readonly action: QuickAction;
  readonly deviceId: string;
  /** accepted: Intune took it (204); the action history shows its progress. */
  readonly status: 'accepted';
  readonly at: string;
}

// ── Sync and activity ───────────────────────────────────────────────────────────────────────

export interface SyncState {
  readonly profileId: string;
  readonly running: boolean;
  readonly progress?: SyncProgress;
  readonly asOf?: string;
  readonly deviceCount: number;
  /** The service could not be reached at the last attempt: the app shows the cache and says so. */
  readonly offline: boolean;
  readonly lastProblem?: Problem;
}

export interface ActivityEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: 'sync' | 'signIn' | 'signOut' | 'export' | 'action' | 'problem';
  readonly profileId: string;
  readonly summary: string;
  readonly problem?: Problem;
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────

export type ThemeName = 'system' | 'light' | 'dark' | 'highContrast';

export interface Settings {
  readonly theme: ThemeName;
  /** Device grid columns in display order. */
  readonly deviceColumns: readonly string[];
  /** The "stale" filter chip's N days. */
  readonly staleDays: number;
  /** Minutes between automatic incremental refreshes; 0 turns them off. */
  readonly autoRefreshMinutes: number;
}

// ── The bridge ──────────────────────────────────────────────────────────────────────────────

type Call<A, R> = (args: A) => Promise<BridgeResult<R>>;
type NoArgs = Readonly<Record<string, never>>;

export interface IntuneDeskApi {
  readonly app: {
    readonly info: Call<NoArgs, AppInfo>;
  };
  readonly tenants: {
    readonly setup: Call<NoArgs, SetupState>;
    readonly useDemo: Call<NoArgs, SetupState>;
    readonly connect: Call<ConnectTenantRequest, SetupState>;
    readonly switchTo: Call<{ readonly profileId: string }, SetupState>;
    readonly remove: Call<{ readonly profileId: string }, SetupState>;
  };
  readonly session: {
    readonly state: Call<NoArgs, SessionState>;
    /** Interactive sign-in (system browser, or the app's own window for the demo tenant). */
    readonly signIn: Call<{ readonly feature?: FeatureName }, SessionState>;
    /** Asks for one feature's scopes if the profile lacks them (incremental consent). */
    readonly ensureFeature: Call<{ readonly feature: FeatureName }, SessionState>;
    readonly signOut: Call<NoArgs, SessionState>;
  };
  readonly devices: {
    readonly window: Call<DeviceListRequest, DeviceWindow>;
    readonly facets: Call<{ readonly staleDays?: number }, DeviceFacets>;
    readonly categories: Call<NoArgs, readonly string[]>;
    readonly detail: Call<{ readonly id: string; readonly live: boolean }, DeviceDetail>;
    /** The signed-in user's devices, from Graph when online (/me/managedDevices), else the cache by UPN. */
    readonly mine: Call<NoArgs, DeviceWindow>;
    readonly exportCsv: Call<ExportRequest, ExportResult>;
    /** Asks for the remoteActions feature's scope first (incremental consent). */
    readonly runAction: Call<{ readonly id: string; readonly action: QuickAction }, ActionOutcome>;
  };
  readonly sync: {
    readonly state: Call<NoArgs, SyncState>;
    readonly start: Call<{ readonly kind?: 'full' | 'incremental' }, SyncState>;
    readonly cancel: Call<NoArgs, SyncState>;
  };
  readonly activity: {
    readonly list: Call<{ readonly limit?: number }, readonly ActivityEntry[]>;
  };
  readonly settings: {
    readonly get: Call<NoArgs, Settings>;
    readonly update: Call<Partial<Settings>, Settings>;
  };
  /** Pushed by the main process; each returns its unsubscribe. */
  readonly on: {
    readonly syncState: (listener: (state: SyncState) => void) => () => void;
    readonly setupChanged: (listener: (state: SetupState) => void) => () => void;
    readonly sessionChanged: (listener: (state: SessionState) => void) => () => void;
    readonly settingsChanged: (listener: (settings: Settings) => void) => () => void;
  };
}

export type BridgeEvents = {
  readonly [K in keyof IntuneDeskApi['on']]: Parameters<Parameters<IntuneDeskApi['on'][K]>[0]>[0];
};

declare global {
  interface Window {
    /** Set by the preload (Electron) or the harness bridge (browser). */
    readonly intuneDesk: IntuneDeskApi;
  }
}
