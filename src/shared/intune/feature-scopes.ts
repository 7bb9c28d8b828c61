// Incremental consent, as data: each feature and the delegated Graph scopes it needs. The app
// asks for them when the technician first uses the feature, not at sign-in. Shared by the auth
// service (src/core/auth/feature-scopes.ts, which checks every name against scopes.json) and the
// window's first-run page, which shows an admin what to register and when each is asked for.
// The least-privileged choice for each operation follows Microsoft's permission map
// (src/emulator/metadata/intune-permissions.json).
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

