// The names the Intune admin center shows for each category of Intune role permissions
// (the `Microsoft.Intune_<Category>_<Action>` resource actions). The demo tenant names its
// resourceOperations with them, and the app uses them to explain a missing role permission.
export const INTUNE_PERMISSION_CATEGORIES = {
  ManagedDevices: 'Managed devices',
  RemoteTasks: 'Remote tasks',
  DeviceConfigurations: 'Device configurations',
  DeviceCompliancePolices: 'Device compliance policies',
  MobileApps: 'Mobile apps',
  ManagedApps: 'Managed apps',
  Roles: 'Intune roles',
  Organization: 'Organization',
  EnrollmentProgramToken: 'Enrollment programs',
  TermsAndConditions: 'Terms and conditions',
  DeviceEnrollmentManagers: 'Device enrollment managers',
  CorporateDeviceIdentifiers: 'Corporate device identifiers',
  AndroidSync: 'Android for work',
  AuditData: 'Audit data',
  SecurityBaselines: 'Security baselines',
  SecurityTasks: 'Security tasks',
  MobileThreatDefense: 'Mobile Threat Defense',
  PartnerDeviceManagement: 'Partner device management',
} as const satisfies Readonly<Record<string, string>>;

export type IntunePermissionCategory = keyof typeof INTUNE_PERMISSION_CATEGORIES;

export function permissionCategoryLabel(category: string): string | undefined {
  return (INTUNE_PERMISSION_CATEGORIES as Readonly<Record<string, string>>)[category];
}
