// The apps published in the tenant (mobileApps): what each is, who gets it and how.
// Windows and web apps live in app-catalog-windows.ts; Apple and Android ones here.
// "{org}", "{orgLower}" and "{domain}" are filled in per tenant.
import type { MutableJsonObject } from '../graph/model/json.ts';
import { WINDOWS_APP_SPECS } from './app-catalog-windows.ts';
import type { AppCategoryName } from './categories.ts';
import type { GroupKey } from './users.ts';

export type Intent = 'required' | 'available' | 'uninstall' | 'availableWithoutEnrollment';
export type TargetRef = 'allUsers' | 'allDevices' | GroupKey | `exclude:${GroupKey}`;

export interface AppSpec {
  readonly type: string;
  readonly displayName: string;
  readonly publisher: string;
  readonly category: AppCategoryName;
  readonly description: string;
  readonly featured?: boolean;
  readonly state?: 'published' | 'processing' | 'notPublished';
  readonly targets: readonly (readonly [Intent, TargetRef])[];
  /** Type-specific properties. */
  readonly props: MutableJsonObject;
}

const IPHONE_AND_IPAD = { iPad: true, iPhoneAndIPod: true };
const IOS_16 = { v8_0: false, v9_0: false, v10_0: false, v11_0: false, v12_0: false, v13_0: false, v14_0: false, v15_0: true };
const ANDROID_9 = { v4_0: false, v4_0_3: false, v4_1: false, v4_2: false, v4_3: false, v4_4: false, v5_0: false, v5_1: false, v6_0: false, v7_0: false, v7_1: false, v8_0: false, v8_1: true };
const MACOS_13 = { v10_7: false, v10_8: false, v10_9: false, v10_10: false, v10_11: false, v10_12: false, v10_13: false, v10_14: false, v10_15: false, v11_0: false, v12_0: false, v13_0: true };

function iosStore(name: string, publisher: string, category: AppCategoryName, bundleId: string, storeId: string, targets: AppSpec['targets']): AppSpec {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    type: 'iosStoreApp', displayName: name, publisher, category, description: `${name} from the App Store.`, targets,
    props: { bundleId, appStoreUrl: `https://apps.apple.com/us/app/${slug}/id${storeId}`, applicableDeviceType: IPHONE_AND_IPAD, minimumSupportedOperatingSystem: IOS_16 },
  };
}

function managedPlay(name: string, publisher: string, category: AppCategoryName, packageId: string, targets: AppSpec['targets']): AppSpec {
  return {
    type: 'managedAndroidStoreApp', displayName: name, publisher, category, description: `${name} from managed Google Play.`, targets,
    props: { packageId, appStoreUrl: `https://play.google.com/store/apps/details?id=${packageId}`, appAvailability: 'global', version: null, minimumSupportedOperatingSystem: ANDROID_9 },
  };
}

const ms = 'Microsoft Corporation';

const APPLE_AND_ANDROID: readonly AppSpec[] = [
  iosStore('Microsoft Outlook', ms, 'Productivity', 'com.microsoft.Office.Outlook', '951937596', [['required', 'iosDevices'], ['available', 'byodUsers']]),
  iosStore('Microsoft Teams', ms, 'Collaboration & Social', 'com.microsoft.skype.teams', '1113153706', [['required', 'iosDevices'], ['available', 'byodUsers']]),
  iosStore('Microsoft Authenticator', ms, 'Business', 'com.microsoft.azureauthenticator', '983156458', [['required', 'iosDevices']]),
  iosStore('Microsoft Edge: AI browser', ms, 'Productivity', 'com.microsoft.msedge', '1288723196', [['available', 'allUsers']]),
  iosStore('Microsoft Word', ms, 'Productivity', 'com.microsoft.Office.Word', '586447913', [['available', 'allUsers']]),
  iosStore('Microsoft Excel', ms, 'Productivity', 'com.microsoft.Office.Excel', '586683407', [['available', 'allUsers']]),
  iosStore('Microsoft PowerPoint', ms, 'Productivity', 'com.microsoft.Office.Powerpoint', '586449534', [['available', 'allUsers']]),
  iosStore('Microsoft OneDrive', ms, 'Data management', 'com.microsoft.skydrive', '477537958', [['available', 'allUsers']]),
  iosStore('Zoom Workplace', 'Zoom Video Communications, Inc.', 'Collaboration & Social', 'us.zoom.videomeetings', '546505307', [['available', 'allUsers']]),
  iosStore('Slack', 'Slack Technologies, Inc.', 'Collaboration & Social', 'com.tinyspeck.chatlyio', '618783545', [['available', 'sales']]),
  iosStore('Salesforce', 'salesforce.com', 'Business', 'com.salesforce.chatter', '404249815', [['available', 'sales']]),
  { type: 'iosVppApp', displayName: 'Intune Company Portal', publisher: ms, category: 'Computer management', description: 'Company Portal, licensed per device through Apps and Books.', featured: true, targets: [['required', 'ipadDevices'], ['required', 'iosDevices']],
    props: { bundleId: 'com.microsoft.CompanyPortal', appStoreUrl: 'https://apps.apple.com/us/app/intune-company-portal/id719171358', applicableDeviceType: IPHONE_AND_IPAD, licensingType: { supportsUserLicensing: true, supportsDeviceLicensing: true, supportUserLicensing: true, supportDeviceLicensing: true }, releaseDateTime: '2013-11-07T08:00:00Z', totalLicenseCount: 2500, usedLicenseCount: 1874, vppTokenAccountType: 'business', vppTokenAppleId: 'vpp-us@{domain}', vppTokenOrganizationName: '{org}' } },
  { type: 'iosVppApp', displayName: 'Microsoft Defender: Security', publisher: ms, category: 'Business', description: 'Mobile threat defense, licensed per device.', targets: [['required', 'iosDevices']],
    props: { bundleId: 'com.microsoft.scmx', appStoreUrl: 'https://apps.apple.com/us/app/microsoft-defender-security/id1526737990', applicableDeviceType: IPHONE_AND_IPAD, licensingType: { supportsUserLicensing: true, supportsDeviceLicensing: true, supportUserLicensing: true, supportDeviceLicensing: true }, releaseDateTime: '2020-09-22T07:00:00Z', totalLicenseCount: 2500, usedLicenseCount: 1650, vppTokenAccountType: 'business', vppTokenAppleId: 'vpp-us@{domain}', vppTokenOrganizationName: '{org}' } },
  { type: 'iosVppApp', displayName: 'Adobe Acrobat Reader: PDF Maker', publisher: 'Adobe Inc.', category: 'Productivity', description: 'PDF reader, user-licensed.', targets: [['available', 'allUsers']],
    props: { bundleId: 'com.adobe.Adobe-Reader', appStoreUrl: 'https://apps.apple.com/us/app/adobe-acrobat-reader-pdf-maker/id469337564', applicableDeviceType: IPHONE_AND_IPAD, licensingType: { supportsUserLicensing: true, supportsDeviceLicensing: true, supportUserLicensing: true, supportDeviceLicensing: true }, releaseDateTime: '2011-09-28T07:00:00Z', totalLicenseCount: 300, usedLicenseCount: 300, vppTokenAccountType: 'business', vppTokenAppleId: 'vpp-emea@{domain}', vppTokenOrganizationName: '{org}' } },
  { type: 'managedIOSStoreApp', displayName: 'Microsoft Word (app protection)', publisher: ms, category: 'Productivity', description: 'Word as a managed app for app protection policies.', targets: [],
    props: { bundleId: 'com.microsoft.Office.Word', appStoreUrl: 'https://apps.apple.com/us/app/microsoft-word/id586447913', applicableDeviceType: IPHONE_AND_IPAD, minimumSupportedOperatingSystem: IOS_16, appAvailability: 'global', version: null } },
  { type: 'iosLobApp', displayName: '{org} Field Service', publisher: '{org}', category: 'Line-of-business', description: 'Work orders and parts for field technicians (in-house, signed with the enterprise certificate).', targets: [['required', 'fieldService'], ['required', 'ipadDevices']],
    props: { fileName: 'FieldService-4.2.0.ipa', size: 88604672, committedContentVersion: '2', bundleId: 'com.{orgLower}.fieldservice', buildNumber: '420', versionNumber: '4.2.0', applicableDeviceType: IPHONE_AND_IPAD, minimumSupportedOperatingSystem: IOS_16, expirationDateTime: '{lobExpiry}' } },
  { type: 'macOSLobApp', displayName: '{org} VPN for Mac', publisher: '{org}', category: 'Line-of-business', description: 'VPN client package for macOS.', targets: [['required', 'macDevices']],
    props: { fileName: 'VpnClient-2.1.0.pkg', size: 31457280, committedContentVersion: '1', bundleId: 'com.{orgLower}.vpnclient', buildNumber: '2.1.0', versionNumber: '2.1.0', childApps: [{ bundleId: 'com.{orgLower}.vpnclient', buildNumber: '2.1.0', versionNumber: '2.1.0' }], ignoreVersionDetection: false, installAsManaged: true, md5Hash: [], md5HashChunkSize: 0, minimumSupportedOperatingSystem: MACOS_13 } },
  { type: 'macOSLobApp', displayName: 'Zoom for macOS', publisher: 'Zoom Video Communications, Inc.', category: 'Collaboration & Social', description: 'Zoom Workplace IT package for Mac.', targets: [['available', 'macDevices']],
    props: { fileName: 'ZoomInstallerIT.pkg', size: 94371840, committedContentVersion: '1', bundleId: 'us.zoom.xos', buildNumber: '45300', versionNumber: '6.3.1', childApps: [{ bundleId: 'us.zoom.xos', buildNumber: '45300', versionNumber: '6.3.1' }], ignoreVersionDetection: true, installAsManaged: false, md5Hash: [], md5HashChunkSize: 0, minimumSupportedOperatingSystem: MACOS_13 } },
  managedPlay('Microsoft Outlook', ms, 'Productivity', 'com.microsoft.office.outlook', [['required', 'androidEnterpriseDevices'], ['available', 'byodUsers']]),
  managedPlay('Microsoft Teams', ms, 'Collaboration & Social', 'com.microsoft.teams', [['required', 'androidEnterpriseDevices'], ['available', 'byodUsers']]),
  managedPlay('Microsoft Authenticator', ms, 'Business', 'com.azure.authenticator', [['required', 'androidEnterpriseDevices']]),
  managedPlay('Intune Company Portal', ms, 'Computer management', 'com.microsoft.windowsintune.companyportal', [['required', 'androidEnterpriseDevices']]),
  managedPlay('Managed Home Screen', ms, 'Computer management', 'com.microsoft.launcher.enterprise', [['required', 'kioskDevices']]),
  managedPlay('Microsoft Edge: AI browser', ms, 'Productivity', 'com.microsoft.emmx', [['available', 'allUsers']]),
  managedPlay('Zoom Workplace', 'zoom.us', 'Collaboration & Social', 'us.zoom.videomeetings', [['available', 'allUsers']]),
  managedPlay('Microsoft Defender: Antivirus', ms, 'Business', 'com.microsoft.scmx', [['required', 'androidEnterpriseDevices']]),
  managedPlay('Workday', 'Workday, Inc.', 'Business', 'com.workday.workdroidapp', [['available', 'allUsers']]),
  { type: 'androidStoreApp', displayName: 'Intune Company Portal (device administrator)', publisher: ms, category: 'Computer management', description: 'For the remaining device administrator enrollments.', targets: [['available', 'byodUsers']],
    props: { packageId: 'com.microsoft.windowsintune.companyportal', appStoreUrl: 'https://play.google.com/store/apps/details?id=com.microsoft.windowsintune.companyportal', minimumSupportedOperatingSystem: ANDROID_9 } },
  { type: 'androidLobApp', displayName: '{org} Warehouse Scanner', publisher: '{org}', category: 'Line-of-business', description: 'Barcode scanning for the warehouse (sideloaded APK).', targets: [['required', 'kioskDevices']],
    props: { fileName: 'warehouse-scanner-1.9.4.apk', size: 15728640, committedContentVersion: '4', packageId: 'com.{orgLower}.scanner', versionName: '1.9.4', versionCode: '194', minimumSupportedOperatingSystem: ANDROID_9 } },
];

export const APP_SPECS: readonly AppSpec[] = [...WINDOWS_APP_SPECS, ...APPLE_AND_ANDROID];
