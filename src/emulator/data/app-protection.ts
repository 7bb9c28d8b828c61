// App protection (MAM) policies for iOS and Android, the defaults for unassigned users,
// and the app configuration policies (MAM and MDM channels). Settings follow the levels
// of Microsoft's data protection framework: Level 2 for staff, Level 3 for executives.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { allUsers, assignments, exclude, group } from './assignments.ts';
import type { AssignmentTarget } from './assignments.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, attachEntity, record, tagged } from './records.ts';
import { DAY, HOUR, YEAR, iso } from './time.ts';
import type { TenantGroups } from './users.ts';

export type MamPlatform = 'ios' | 'android';

const PROTECTED_APPS: Readonly<Record<MamPlatform, readonly string[]>> = {
  ios: ['com.microsoft.office.outlook', 'com.microsoft.skype.teams', 'com.microsoft.office.word', 'com.microsoft.office.excel', 'com.microsoft.office.powerpoint', 'com.microsoft.skydrive', 'com.microsoft.msedge', 'com.microsoft.onenote', 'com.microsoft.sharepoint', 'com.microsoft.to-do'],
  android: ['com.microsoft.office.outlook', 'com.microsoft.teams', 'com.microsoft.office.word', 'com.microsoft.office.excel', 'com.microsoft.office.powerpoint', 'com.microsoft.skydrive', 'com.microsoft.emmx', 'com.microsoft.office.onenote', 'com.microsoft.sharepoint', 'com.microsoft.todos'],
};

/** The `apps` of a MAM policy: ids are "<bundle or package id>.<platform>", as Intune writes them. */
export function managedApps(platform: MamPlatform, identifiers: readonly string[]): EntityRecord[] {
  return identifiers.map((appId) => record('managedMobileApp', {
    id: `${appId}.${platform}`,
    mobileAppIdentifier: platform === 'ios' ? tagged('iosMobileAppIdentifier', { bundleId: appId }) : tagged('androidMobileAppIdentifier', { packageId: appId }),
    version: null,
  }));
}

function deploymentSummary(id: string, name: string, platform: MamPlatform, identifiers: readonly string[], users: number, anchor: number): EntityRecord {
  return record('managedAppPolicyDeploymentSummary', {
    id,
    displayName: name,
    configurationDeployedUserCount: users,
    lastRefreshTime: iso(anchor - 3 * HOUR),
    version: '"0a000f3c-0000-0100-0000-000000000000"',
    configurationDeploymentSummaryPerApp: identifiers.map((appId, i) => ({
      mobileAppIdentifier: platform === 'ios' ? tagged('iosMobileAppIdentifier', { bundleId: appId }) : tagged('androidMobileAppIdentifier', { packageId: appId }),
      configurationAppliedUserCount: Math.max(0, Math.round(users * (0.9 - i * 0.07))),
    })),
  });
}

/** Settings every protection policy shares; `strict` is Level 3. */
function protection(strict: boolean, platform: MamPlatform): MutableJsonObject {
  return {
    allowedDataStorageLocations: ['oneDriveForBusiness', 'sharePoint'],
    allowedInboundDataTransferSources: strict ? 'managedApps' : 'allApps',
    allowedOutboundClipboardSharingLevel: strict ? 'managedApps' : 'managedAppsWithPasteIn',
    allowedOutboundDataTransferDestinations: 'managedApps',
    contactSyncBlocked: false,
    dataBackupBlocked: true,
    deviceComplianceRequired: true,
    disableAppPinIfDevicePinIsSet: !strict,
    fingerprintBlocked: false,
    managedBrowser: 'microsoftEdge',
    managedBrowserToOpenLinksRequired: true,
    maximumPinRetries: 5,
    minimumPinLength: strict ? 6 : 4,
    minimumRequiredAppVersion: null,
    minimumRequiredOsVersion: platform === 'ios' ? (strict ? '17.0' : '16.0') : strict ? '13.0' : '11.0',
    minimumWarningAppVersion: null,
    minimumWarningOsVersion: platform === 'ios' ? '17.5' : '14.0',
    organizationalCredentialsRequired: false,
    periodBeforePinReset: strict ? 'P365D' : 'PT0S',
    periodOfflineBeforeAccessCheck: 'PT12H',
    periodOfflineBeforeWipeIsEnforced: 'P90D',
    periodOnlineBeforeAccessCheck: 'PT30M',
    pinCharacterSet: 'numeric',
    pinRequired: true,
    printBlocked: strict,
    saveAsBlocked: true,
    simplePinBlocked: true,
    allowedDataIngestionLocations: ['oneDriveForBusiness', 'sharePoint', 'camera'],
    allowedOutboundClipboardSharingExceptionLength: 0,
    appActionIfDeviceComplianceRequired: 'block',
    appActionIfMaximumPinRetriesExceeded: strict ? 'wipe' : 'block',
    blockDataIngestionIntoOrganizationDocuments: false,
    dialerRestrictionLevel: 'allApps',
    maximumAllowedDeviceThreatLevel: strict ? 'secured' : 'notConfigured',
    mobileThreatDefenseRemediationAction: 'block',
    notificationRestriction: strict ? 'blockOrganizationalData' : 'allow',
    pinRequiredInsteadOfBiometricTimeout: 'PT30M',
    previousPinBlockCount: 0,
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
  };
}

const IOS_EXEMPT: Json = [{ name: 'Default', value: 'skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;' }];

function platformSettings(platform: MamPlatform, strict: boolean, appCount: number): MutableJsonObject {
  if (platform === 'ios') {
    return {
      appDataEncryptionType: 'whenDeviceLocked', customBrowserProtocol: null, deployedAppCount: appCount, faceIdBlocked: false,
      minimumRequiredSdkVersion: null, appActionIfIosDeviceModelNotAllowed: 'block', disableProtectionOfManagedOutboundOpenInData: false,
      filterOpenInToOnlyManagedApps: false, protectInboundDataFromUnknownSources: strict, thirdPartyKeyboardsBlocked: strict, exemptedAppProtocols: IOS_EXEMPT,
    };
  }
  return {
    customBrowserDisplayName: null, customBrowserPackageId: null, deployedAppCount: appCount, disableAppEncryptionIfDeviceEncryptionIsEnabled: false,
    encryptAppData: true, minimumRequiredPatchVersion: strict ? '2024-06-01' : '2023-12-01', minimumWarningPatchVersion: '2024-09-01', screenCaptureBlocked: strict,
    appActionIfAndroidDeviceManufacturerNotAllowed: 'block', appActionIfAndroidDeviceModelNotAllowed: 'block', appActionIfAndroidSafetyNetAppsVerificationFailed: 'warn',
    appActionIfAndroidSafetyNetDeviceAttestationFailed: strict ? 'block' : 'warn', appActionIfDeviceLockNotSet: 'warn', biometricAuthenticationBlocked: false,
    blockAfterCompanyPortalUpdateDeferralInDays: 0, connectToVpnOnLaunch: false, deviceLockRequired: strict, keyboardsRestricted: false,
    requireClass3Biometrics: strict, requirePinAfterBiometricChange: true, requiredAndroidSafetyNetAppsVerificationType: 'enabled',
    requiredAndroidSafetyNetDeviceAttestationType: strict ? 'basicIntegrityAndDeviceCertification' : 'basicIntegrity', requiredAndroidSafetyNetEvaluationType: strict ? 'hardwareBacked' : 'basic',
    warnAfterCompanyPortalUpdateDeferralInDays: 0, wipeAfterCompanyPortalUpdateDeferralInDays: 0,
  };
}

export interface AppProtection {
  readonly ios: readonly EntityRecord[];
  readonly android: readonly EntityRecord[];
  readonly defaults: readonly EntityRecord[];
}

export function generateAppProtection(groups: TenantGroups, rng: SeededRandom, anchor: number, userCount: number): AppProtection {
  const make = (platform: MamPlatform, level: 2 | 3): EntityRecord => {
    const strict = level === 3;
    const id = `T_${rng.guid()}`;
    const name = `${platform === 'ios' ? 'iOS/iPadOS' : 'Android'} - ${strict ? 'High data protection (Level 3)' : 'Enterprise data protection (Level 2)'}`;
    const apps = PROTECTED_APPS[platform];
    const created = anchor - YEAR - rng.next() * YEAR;
    const targets: AssignmentTarget[] = strict ? [group(groups.byKey.executives.id)] : [allUsers, exclude(groups.byKey.executives.id)];
    const policy = record(`${platform}ManagedAppProtection`, {
      id,
      displayName: name,
      description: strict ? 'Executives and other users with access to the most sensitive data.' : `All staff on ${platform === 'ios' ? 'iPhone and iPad' : 'Android'}, enrolled or not.`,
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      version: `"${rng.hex(8)}-0000-0100-0000-${rng.hex(12)}"`,
      isAssigned: true,
      appGroupType: 'selectedPublicApps',
      targetedAppManagementLevels: 'unspecified',
      ...protection(strict, platform),
      ...platformSettings(platform, strict, apps.length),
    });
    attachCollection(policy, 'apps', managedApps(platform, apps));
    attachCollection(policy, 'assignments', assignments('targetedManagedAppPolicyAssignment', id, targets));
    attachEntity(policy, 'deploymentSummary', deploymentSummary(id, name, platform, apps, Math.round(userCount * (strict ? 0.02 : 0.7)), anchor));
    return policy;
  };
  const makeDefault = (platform: MamPlatform): EntityRecord => {
    const id = `D_${rng.guid()}`;
    const apps = PROTECTED_APPS[platform];
    const policy = record('defaultManagedAppProtection', {
      id,
      displayName: platform === 'ios' ? 'Default iOS policy' : 'Default Android policy',
      description: 'Applies to users no targeted policy covers.',
      createdDateTime: iso(anchor - 3 * YEAR),
      lastModifiedDateTime: iso(anchor - 2 * YEAR),
      version: `"${rng.hex(8)}-0000-0100-0000-${rng.hex(12)}"`,
      ...protection(false, platform),
      appDataEncryptionType: 'whenDeviceLocked',
      customSettings: [],
      deployedAppCount: apps.length,
      disableAppEncryptionIfDeviceEncryptionIsEnabled: false,
      encryptAppData: true,
      faceIdBlocked: false,
      screenCaptureBlocked: false,
      minimumRequiredPatchVersion: null,
      minimumWarningPatchVersion: null,
    });
    attachCollection(policy, 'apps', managedApps(platform, apps));
    return policy;
  };
  return {
    ios: [make('ios', 2), make('ios', 3)],
    android: [make('android', 2), make('android', 3)],
    defaults: [makeDefault('ios'), makeDefault('android')],
  };
}
