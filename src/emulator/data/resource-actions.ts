// Intune RBAC permissions as Intune names them: "Microsoft.Intune_<Resource>_<Action>".
// Role definitions list these in rolePermissions[].resourceActions[].allowedResourceActions;
// the authorization layer maps each Graph endpoint to the one it needs. (The misspelling
// "DeviceCompliancePolices" is Intune's own and must be kept.)
import { INTUNE_PERMISSION_CATEGORIES } from '../../shared/intune/permission-categories.ts';

const A = <R extends string, const K extends readonly string[]>(resource: R, actions: K): { readonly [P in K[number]]: `Microsoft.Intune_${R}_${P}` } =>
  Object.fromEntries(actions.map((a) => [a, `Microsoft.Intune_${resource}_${a}`])) as { readonly [P in K[number]]: `Microsoft.Intune_${R}_${P}` };

export const RESOURCE_ACTIONS = {
  ManagedDevices: A('ManagedDevices', ['Read', 'Update', 'Delete', 'ViewReports']),
  RemoteTasks: A('RemoteTasks', [
    'Wipe', 'Retire', 'RemoteLock', 'RebootNow', 'ShutDown', 'ResetPasscode', 'EnableLostMode', 'DisableLostMode', 'LocateDevice',
    'SyncDevice', 'CleanPC', 'WindowsDefender', 'RotateBitLockerKeys', 'RotateFileVaultKey', 'BypassActivationLock',
    'RequestRemoteAssistance', 'SetDeviceName', 'ManageSharedDeviceUsers', 'UpdateDeviceAccount', 'RevokeAppleVppLicenses',
    // The rest of the remote tasks the demo's device actions need, under Intune's own names
    // (a custom notification is "CustomNotification", log collection is "DeviceLogs").
    'PlayLostModeSound', 'CustomNotification', 'DeviceLogs', 'ConfigurationManagerAction', 'ActivateDeviceEsim', 'RemoveDFCIManagement',
    'InitiateDeviceAttestation', 'OnDemandProactiveRemediation', 'InitiateMDMKeyRecovery', 'RotateLocalAdminPassword',
  ]),
  DeviceConfigurations: A('DeviceConfigurations', ['Read', 'Create', 'Update', 'Delete', 'Assign', 'ViewReports']),
  DeviceCompliancePolices: A('DeviceCompliancePolices', ['Read', 'Create', 'Update', 'Delete', 'Assign', 'ViewReports']),
  MobileApps: A('MobileApps', ['Read', 'Create', 'Update', 'Delete', 'Assign', 'Relate']),
  ManagedApps: A('ManagedApps', ['Read', 'Create', 'Update', 'Delete', 'Assign', 'Wipe']),
  Roles: A('Roles', ['Read', 'Create', 'Update', 'Delete', 'Assign']),
  Organization: A('Organization', ['Read', 'Create', 'Update', 'Delete']),
  EnrollmentProgramToken: A('EnrollmentProgramToken', ['Read', 'Create', 'Update', 'Delete', 'Assign']),
  TermsAndConditions: A('TermsAndConditions', ['Read', 'Create', 'Update', 'Delete', 'Assign']),
  DeviceEnrollmentManagers: A('DeviceEnrollmentManagers', ['Read', 'Update']),
  CorporateDeviceIdentifiers: A('CorporateDeviceIdentifiers', ['Read', 'Create', 'Update', 'Delete']),
  AndroidSync: A('AndroidSync', ['Read', 'UpdateApps']),
  AuditData: A('AuditData', ['Read']),
  SecurityBaselines: A('SecurityBaselines', ['Read', 'Create', 'Update', 'Delete', 'Assign']),
  SecurityTasks: A('SecurityTasks', ['Read', 'Update']),
  MobileThreatDefense: A('MobileThreatDefense', ['Read', 'Update']),
  PartnerDeviceManagement: A('PartnerDeviceManagement', ['Read', 'Update']),
} as const;

export type ResourceKey = keyof typeof RESOURCE_ACTIONS;
export type ResourceActionName = { [R in ResourceKey]: (typeof RESOURCE_ACTIONS)[R][keyof (typeof RESOURCE_ACTIONS)[R]] }[ResourceKey];

/** The resource names the Intune admin center shows for each permission category. */
export const RESOURCE_LABELS: Readonly<Record<ResourceKey, string>> = INTUNE_PERMISSION_CATEGORIES;

const REMOTE_TASK_TEXT: Readonly<Record<string, string>> = {
  Wipe: 'Factory reset a device, removing all data', Retire: 'Remove company data, apps and settings from a device',
  RemoteLock: 'Lock a device remotely', RebootNow: 'Restart a device', ShutDown: 'Shut down a device',
  ResetPasscode: 'Reset the passcode of a device', EnableLostMode: 'Put a supervised iOS/iPadOS device in lost mode',
  DisableLostMode: 'Take a device out of lost mode', LocateDevice: 'Locate a lost or stolen device',
  SyncDevice: 'Force a device to check in with Intune', CleanPC: 'Reinstall Windows while keeping or removing user data',
  WindowsDefender: 'Run a Microsoft Defender scan or update security intelligence', RotateBitLockerKeys: 'Rotate BitLocker recovery keys',
  RotateFileVaultKey: 'Rotate the FileVault recovery key', BypassActivationLock: 'Remove Activation Lock without the user',
  RequestRemoteAssistance: 'Start a remote assistance session', SetDeviceName: 'Rename a device',
  ManageSharedDeviceUsers: 'Sign out or delete users of shared iPads', UpdateDeviceAccount: 'Change the device account of a Surface Hub',
  RevokeAppleVppLicenses: 'Revoke app licenses bought through Apple Business Manager',
  PlayLostModeSound: 'Play a sound on a device in lost mode', CustomNotification: 'Send a custom notification to the Company Portal',
  DeviceLogs: 'Collect diagnostic logs from a device', ConfigurationManagerAction: 'Run a Configuration Manager client action',
  ActivateDeviceEsim: 'Activate the eSIM of a device', RemoveDFCIManagement: 'Remove a device from DFCI firmware management',
  InitiateDeviceAttestation: 'Ask a device to attest its health', OnDemandProactiveRemediation: 'Run a remediation script on a device now',
  InitiateMDMKeyRecovery: 'Recover the MDM key of a device', RotateLocalAdminPassword: 'Rotate the local administrator password (LAPS)',
};

export interface ResourceOperationInfo {
  readonly id: ResourceActionName;
  readonly resource: ResourceKey;
  readonly resourceName: string;
  readonly actionName: string;
  readonly description: string;
}

/** Every permission, with the resource name, action and description resourceOperations shows. */
export function resourceOperations(): readonly ResourceOperationInfo[] {
  const out: ResourceOperationInfo[] = [];
  for (const resource of Object.keys(RESOURCE_ACTIONS) as ResourceKey[]) {
    const label = RESOURCE_LABELS[resource];
    for (const [actionName, id] of Object.entries(RESOURCE_ACTIONS[resource]) as [string, ResourceActionName][]) {
      const description = resource === 'RemoteTasks'
        ? (REMOTE_TASK_TEXT[actionName] ?? actionName)
        : actionName === 'Read' ? `View ${label.toLowerCase()}` : actionName === 'ViewReports' ? `View reports about ${label.toLowerCase()}` : `${actionName} ${label.toLowerCase()}`;
      out.push({ id, resource, resourceName: label, actionName, description });
    }
  }
  return out;
}

export function allResourceActions(): readonly ResourceActionName[] {
  return resourceOperations().map((o) => o.id);
}
