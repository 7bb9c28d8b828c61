// How devices got into Intune. The enrollment path decides ownership, supervision, join
// type, the management agent and whether there is a primary user; the generator draws a
// profile first and derives those fields from it, so they never contradict each other.
import type { ModelRole, Platform } from './hardware-catalog.ts';

export type NamingStyle =
  | 'assetTag' // CONTOSO-LT-0042: IT's naming template
  | 'oemDefault' // DESKTOP-7H2K9QF / LAPTOP-…: Windows' own random name
  | 'cloudPc' // CPC-adele-7H2K9
  | 'kiosk' // CONTOSO-KIOSK-0007
  | 'appleCorporate' // mostly "iPhone" / "iPad", some renamed by their user
  | 'appleShared' // "iPad": shared devices are never renamed
  | 'possessive' // Lee's iPhone
  | 'macHost' // MacBook-Pro, Lee's MacBook Air
  | 'androidEnterprise' // lee.gu_AndroidEnterprise_5/3/2024_10:41 AM, Intune's default
  | 'marketingName'; // Galaxy S23

export interface EnrollmentProfile {
  readonly key: string;
  readonly platform: Platform;
  readonly weight: number;
  /** deviceEnrollmentType (beta member; v1.0 reads Android Enterprise values as unknownFutureValue). */
  readonly enrollmentType: string;
  readonly agent: string;
  readonly owner: 'company' | 'personal';
  readonly joinType: 'azureADJoined' | 'hybridAzureADJoined' | 'azureADRegistered' | 'unknown';
  /** beta deviceType */
  readonly deviceType: string;
  readonly supervised: boolean;
  /** Shared, kiosk and lab devices have no primary user. */
  readonly userless: boolean;
  /** Android dedicated devices without shared mode are not registered in Entra. */
  readonly entraRegistered: boolean;
  readonly naming: NamingStyle;
  readonly enrollmentProfileName: string | null;
  readonly autopilot: boolean;
  readonly coManaged: boolean;
  readonly modelRoles: readonly ModelRole[];
  /** Category for userless devices; user devices take their department's category. */
  readonly fixedCategory: string | null;
  /** Personal Android work profiles and Apple User Enrollment hide serial, IMEI and UDID. */
  readonly hidesHardwareIds: boolean;
  readonly skuFamily: string;
}

const base = {
  supervised: false, userless: false, entraRegistered: true, autopilot: false, coManaged: false,
  modelRoles: ['standard'] as readonly ModelRole[], fixedCategory: null, hidesHardwareIds: false,
  enrollmentProfileName: null, skuFamily: '',
};

export const PROFILES: readonly EnrollmentProfile[] = [
  // Windows (55% of the fleet)
  { ...base, key: 'win-autopilot', platform: 'windows', weight: 46, enrollmentType: 'windowsAzureADJoin', agent: 'mdm', owner: 'company', joinType: 'azureADJoined', deviceType: 'desktop', naming: 'assetTag', enrollmentProfileName: 'Autopilot - User driven', autopilot: true, skuFamily: 'Enterprise' },
  { ...base, key: 'win-hybrid', platform: 'windows', weight: 18, enrollmentType: 'windowsAutoEnrollment', agent: 'mdm', owner: 'company', joinType: 'hybridAzureADJoined', deviceType: 'desktop', naming: 'assetTag', skuFamily: 'Enterprise' },
  { ...base, key: 'win-comanaged', platform: 'windows', weight: 12, enrollmentType: 'windowsCoManagement', agent: 'configurationManagerClientMdm', owner: 'company', joinType: 'hybridAzureADJoined', deviceType: 'desktop', naming: 'assetTag', coManaged: true, skuFamily: 'Enterprise' },
  { ...base, key: 'win-oem', platform: 'windows', weight: 8, enrollmentType: 'windowsAzureADJoin', agent: 'mdm', owner: 'company', joinType: 'azureADJoined', deviceType: 'desktop', naming: 'oemDefault', skuFamily: 'Professional' },
  { ...base, key: 'win-cloudpc', platform: 'windows', weight: 5, enrollmentType: 'windowsAzureADJoin', agent: 'mdm', owner: 'company', joinType: 'azureADJoined', deviceType: 'desktop', naming: 'cloudPc', modelRoles: ['cloud'], enrollmentProfileName: 'Windows 365 - Standard', skuFamily: 'Enterprise' },
  { ...base, key: 'win-kiosk', platform: 'windows', weight: 4, enrollmentType: 'windowsAzureADJoinUsingDeviceAuth', agent: 'mdm', owner: 'company', joinType: 'azureADJoined', deviceType: 'desktop', naming: 'kiosk', userless: true, autopilot: true, enrollmentProfileName: 'Autopilot - Self-deploying kiosk', fixedCategory: 'Kiosk', skuFamily: 'Enterprise' },
  { ...base, key: 'win-lab', platform: 'windows', weight: 2, enrollmentType: 'windowsBulkUserless', agent: 'mdm', owner: 'company', joinType: 'azureADJoined', deviceType: 'desktop', naming: 'assetTag', userless: true, modelRoles: ['standard', 'vm'], fixedCategory: 'Lab', enrollmentProfileName: 'Provisioning package - Lab', skuFamily: 'Enterprise' },
  { ...base, key: 'win-byod', platform: 'windows', weight: 5, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'desktop', naming: 'oemDefault', skuFamily: 'Professional' },
  // iPhone
  { ...base, key: 'ios-ade', platform: 'ios', weight: 55, enrollmentType: 'appleBulkWithUser', agent: 'mdm', owner: 'company', joinType: 'azureADRegistered', deviceType: 'iPhone', naming: 'appleCorporate', supervised: true, enrollmentProfileName: 'Corporate iPhone (ADE)' },
  { ...base, key: 'ios-shared', platform: 'ios', weight: 8, enrollmentType: 'appleBulkWithoutUser', agent: 'mdm', owner: 'company', joinType: 'unknown', deviceType: 'iPhone', naming: 'appleShared', supervised: true, userless: true, enrollmentProfileName: 'Shared iPhone - Field (ADE)', fixedCategory: 'Field Service' },
  { ...base, key: 'ios-byod', platform: 'ios', weight: 30, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'iPhone', naming: 'possessive' },
  { ...base, key: 'ios-user-enrollment', platform: 'ios', weight: 7, enrollmentType: 'appleUserEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'iPhone', naming: 'possessive', hidesHardwareIds: true },
  // iPad
  { ...base, key: 'ipad-shared', platform: 'ipados', weight: 45, enrollmentType: 'appleBulkWithoutUser', agent: 'mdm', owner: 'company', joinType: 'unknown', deviceType: 'iPad', naming: 'appleShared', supervised: true, userless: true, enrollmentProfileName: 'Shared iPad - Front desk (ADE)', fixedCategory: 'Front Desk' },
  { ...base, key: 'ipad-ade', platform: 'ipados', weight: 35, enrollmentType: 'appleBulkWithUser', agent: 'mdm', owner: 'company', joinType: 'azureADRegistered', deviceType: 'iPad', naming: 'appleCorporate', supervised: true, enrollmentProfileName: 'Corporate iPad (ADE)' },
  { ...base, key: 'ipad-byod', platform: 'ipados', weight: 20, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'iPad', naming: 'possessive' },
  // Mac
  { ...base, key: 'mac-ade', platform: 'macos', weight: 75, enrollmentType: 'appleBulkWithUser', agent: 'mdm', owner: 'company', joinType: 'azureADRegistered', deviceType: 'macMDM', naming: 'macHost', supervised: true, enrollmentProfileName: 'Corporate Mac (ADE)' },
  { ...base, key: 'mac-byod', platform: 'macos', weight: 15, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'macMDM', naming: 'macHost' },
  { ...base, key: 'mac-lab', platform: 'macos', weight: 10, enrollmentType: 'appleBulkWithoutUser', agent: 'mdm', owner: 'company', joinType: 'unknown', deviceType: 'macMDM', naming: 'macHost', supervised: true, userless: true, fixedCategory: 'Lab', enrollmentProfileName: 'Lab Mac (ADE, userless)' },
  // Android (20%): Company Portal is the work-profile DPC; Google's Android Device Policy runs corporate modes.
  { ...base, key: 'android-byod-wp', platform: 'android', weight: 35, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'androidForWork', naming: 'marketingName', hidesHardwareIds: true },
  { ...base, key: 'android-cope', platform: 'android', weight: 15, enrollmentType: 'androidEnterpriseCorporateWorkProfile', agent: 'googleCloudDevicePolicyController', owner: 'company', joinType: 'azureADRegistered', deviceType: 'androidEnterprise', naming: 'androidEnterprise', enrollmentProfileName: 'Corporate-owned work profile' },
  { ...base, key: 'android-fully-managed', platform: 'android', weight: 25, enrollmentType: 'androidEnterpriseFullyManaged', agent: 'googleCloudDevicePolicyController', owner: 'company', joinType: 'azureADRegistered', deviceType: 'androidEnterprise', naming: 'androidEnterprise', enrollmentProfileName: 'Fully managed - Corporate' },
  { ...base, key: 'android-dedicated', platform: 'android', weight: 15, enrollmentType: 'androidEnterpriseDedicatedDevice', agent: 'googleCloudDevicePolicyController', owner: 'company', joinType: 'unknown', deviceType: 'androidEnterprise', naming: 'kiosk', userless: true, entraRegistered: false, modelRoles: ['rugged'], enrollmentProfileName: 'Dedicated - Warehouse scanners', fixedCategory: 'Kiosk' },
  { ...base, key: 'android-device-admin', platform: 'android', weight: 10, enrollmentType: 'userEnrollment', agent: 'mdm', owner: 'personal', joinType: 'azureADRegistered', deviceType: 'android', naming: 'marketingName' },
];

/** Share of the fleet per platform (Windows ~55%, Android ~20%). */
export const PLATFORM_SHARE: readonly (readonly [Platform, number])[] = [
  ['windows', 55], ['ios', 14], ['ipados', 5], ['macos', 6], ['android', 20],
];
