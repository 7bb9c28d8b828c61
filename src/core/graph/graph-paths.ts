// The Graph paths the app uses, typed with Microsoft's published beta definitions so a page of
// devices comes back as ManagedDevice[] without hand-written interfaces. Paths are relative to
// the version root ('/deviceManagement/managedDevices'), as $batch items want them too.
import type {
  ApplePushNotificationCertificate,
  DepOnboardingSetting,
  DetectedApp,
  DeviceAndAppManagementRoleAssignment,
  DeviceCategory,
  DeviceCompliancePolicy,
  DeviceConfiguration,
  DeviceEnrollmentConfiguration,
  DeviceManagement,
  DeviceManagementExchangeConnector,
  DeviceManagementPartner,
  IntuneBrandingProfile,
  ManagedAppPolicy,
  ManagedDevice,
  MobileApp,
  MobileThreatDefenseConnector,
  RoleDefinition,
  TermsAndConditions,
  VppToken,
} from '@microsoft/microsoft-graph-types-beta';

/** A collection path that knows the entity type of its items. */
export interface CollectionPath<T> {
  readonly path: string;
  /** Never set: carries the item type for the compiler. */
  readonly item?: T;
}

/** A single-entity path that knows its entity type. */
export interface EntityPath<T> {
  readonly path: string;
  readonly entity?: T;
}

const collection = <T>(path: string): CollectionPath<T> => ({ path });
const entity = <T>(path: string): EntityPath<T> => ({ path });
const key = (id: string): string => encodeURIComponent(id);

export const managedDevices = collection<ManagedDevice>('/deviceManagement/managedDevices');
export const managedDevice = (id: string): EntityPath<ManagedDevice> => entity(`/deviceManagement/managedDevices/${key(id)}`);
export const userManagedDevices = (userIdOrUpn: string): CollectionPath<ManagedDevice> => collection(`/users/${key(userIdOrUpn)}/managedDevices`);
export const myManagedDevices = collection<ManagedDevice>('/me/managedDevices');
export const deviceDetectedApps = (id: string): CollectionPath<DetectedApp> => collection(`/deviceManagement/managedDevices/${key(id)}/detectedApps`);
export const deviceCategories = collection<DeviceCategory>('/deviceManagement/deviceCategories');
export const deviceConfigurations = collection<DeviceConfiguration>('/deviceManagement/deviceConfigurations');
export const deviceCompliancePolicies = collection<DeviceCompliancePolicy>('/deviceManagement/deviceCompliancePolicies');
export const deviceEnrollmentConfigurations = collection<DeviceEnrollmentConfiguration>('/deviceManagement/deviceEnrollmentConfigurations');
export const mobileApps = collection<MobileApp>('/deviceAppManagement/mobileApps');
export const managedAppPolicies = collection<ManagedAppPolicy>('/deviceAppManagement/managedAppPolicies');
export const roleDefinitions = collection<RoleDefinition>('/deviceManagement/roleDefinitions');
export const roleAssignments = collection<DeviceAndAppManagementRoleAssignment>('/deviceManagement/roleAssignments');

// Tenant-level Intune configuration (FACTS §1, "Service configuration"). depOnboardingSettings
// and intuneBrandingProfiles are beta only.
export const deviceManagement = entity<DeviceManagement>('/deviceManagement');
export const applePushNotificationCertificate = entity<ApplePushNotificationCertificate>('/deviceManagement/applePushNotificationCertificate');
export const depOnboardingSettings = collection<DepOnboardingSetting>('/deviceManagement/depOnboardingSettings');
export const vppTokens = collection<VppToken>('/deviceAppManagement/vppTokens');
export const exchangeConnectors = collection<DeviceManagementExchangeConnector>('/deviceManagement/exchangeConnectors');
export const termsAndConditions = collection<TermsAndConditions>('/deviceManagement/termsAndConditions');
export const mobileThreatDefenseConnectors = collection<MobileThreatDefenseConnector>('/deviceManagement/mobileThreatDefenseConnectors');
export const deviceManagementPartners = collection<DeviceManagementPartner>('/deviceManagement/deviceManagementPartners');
export const intuneBrandingProfiles = collection<IntuneBrandingProfile>('/deviceManagement/intuneBrandingProfiles');

/** managedDevice remote actions (FACTS §2) the app sends, as bound-action names. */
export type DeviceActionName =
  | 'syncDevice'
  | 'rebootNow'
  | 'shutDown'
  | 'remoteLock'
  | 'resetPasscode'
  | 'recoverPasscode'
  | 'retire'
  | 'wipe'
  | 'cleanWindowsDevice'
  | 'locateDevice'
  | 'bypassActivationLock'
  | 'enableLostMode'
  | 'disableLostMode'
  | 'playLostModeSound'
  | 'windowsDefenderScan'
  | 'windowsDefenderUpdateSignatures'
  | 'requestRemoteAssistance'
  | 'deleteUserFromSharedAppleDevice'
  | 'logoutSharedAppleDeviceActiveUser'
  | 'setDeviceName'
  | 'rotateBitLockerKeys'
  | 'rotateFileVaultKey'
  | 'rotateLocalAdminPassword';

export const deviceAction = (id: string, action: DeviceActionName): string => `/deviceManagement/managedDevices/${key(id)}/${action}`;
/** Beta bulk action: {actionName, deviceIds[], …}. */
export const bulkDeviceAction = '/deviceManagement/managedDevices/executeAction';

/**
 * Actions that destroy data or take a device out of management, or cannot be undone. The client
 * never sends one of these twice on its own: after a dropped connection or a gateway timeout the
 * outcome is reported as unknown instead (a second wipe must be a person's decision).
 */
const DESTRUCTIVE_ACTIONS: ReadonlySet<string> = new Set([
  'wipe',
  'retire',
  'cleanwindowsdevice',
  'deleteuserfromsharedappledevice',
  'resetpasscode',
  'bypassactivationlock',
  'executeaction',
  'deprovision',
  'disable',
]);

/** Whether sending this request twice could do harm twice (a wipe, a retire, deleting a device). */
export function isDestructiveRequest(method: string, path: string): boolean {
  const segments = path.split('?', 1)[0]?.split('/').filter(Boolean) ?? [];
  const last = segments[segments.length - 1]?.toLowerCase() ?? '';
  const upper = method.toUpperCase();
  if (upper === 'DELETE') return true;
  return upper === 'POST' && DESTRUCTIVE_ACTIONS.has(last);
}
