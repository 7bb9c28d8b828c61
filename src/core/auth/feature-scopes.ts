// Incremental consent: each feature names the delegated Graph scopes it needs, and the app asks
// for them when the technician first uses the feature, not at sign-in. Names come from the
// shared scopes contract (src/shared/intune/scopes.json); the least-privileged choice for each
// operation follows Microsoft's permission map (src/emulator/metadata/intune-permissions.json).
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };

/** The eleven Intune delegated permissions, by their Graph names. */
export const INTUNE_SCOPE_NAMES: readonly string[] = intuneScopes.scopes.map((s) => s.name);

const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const WRITE_DEVICES = 'DeviceManagementManagedDevices.ReadWrite.All';
const PRIVILEGED = 'DeviceManagementManagedDevices.PrivilegedOperations.All';

export const FEATURE_SCOPES = {
  /** Device lists, device detail, detected apps, action results, `devices --mine`, sync. */
  browseDevices: [READ_DEVICES],
  /** Sync, restart, remote lock, passcode reset, lost mode, locate, Defender scan, rename. */
  remoteActions: [PRIVILEGED],
  /** Retire needs the privileged scope; wipe is listed under ReadWrite as its least privilege. */
  wipeRetire: [PRIVILEGED, WRITE_DEVICES],
  /** Delete a device record, change its category, collect logs, request remote assistance. */
  editDevices: [WRITE_DEVICES],
  /** Apps, app protection and app configuration policies. */
  apps: ['DeviceManagementApps.Read.All'],
  editApps: ['DeviceManagementApps.ReadWrite.All'],
  /** Configuration profiles and compliance policies. */
  policies: ['DeviceManagementConfiguration.Read.All'],
  editPolicies: ['DeviceManagementConfiguration.ReadWrite.All'],
  /** Intune role definitions and assignments. */
  roles: ['DeviceManagementRBAC.Read.All'],
  editRoles: ['DeviceManagementRBAC.ReadWrite.All'],
  /** Enrollment, connectors, terms, branding: the tenant's Intune configuration. */
  tenantSettings: ['DeviceManagementServiceConfig.Read.All'],
  editTenantSettings: ['DeviceManagementServiceConfig.ReadWrite.All'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type Feature = keyof typeof FEATURE_SCOPES;

export const FEATURES: readonly Feature[] = Object.keys(FEATURE_SCOPES) as Feature[];

export function isFeature(value: unknown): value is Feature {
  return typeof value === 'string' && Object.hasOwn(FEATURE_SCOPES, value);
}

/** The scopes a feature needs. */
export function scopesFor(feature: Feature): readonly string[] {
  return FEATURE_SCOPES[feature];
}

// A typo here would only show as invalid_scope at a technician's first click; fail at load instead.
for (const [feature, scopes] of Object.entries(FEATURE_SCOPES)) {
  for (const scope of scopes) {
    if (!INTUNE_SCOPE_NAMES.includes(scope)) throw new Error(`FEATURE_SCOPES.${feature} names ${scope}, which is not in src/shared/intune/scopes.json`);
  }
}
