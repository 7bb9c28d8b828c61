// What kind of device a record is, in the terms Intune's remote-action docs use to say
// where an action applies (memdocs intune/device-management/actions/*.md, "Prerequisites").
// Read from stored properties only, so the data generator decides, not a side table.
import type { JsonObject } from '../model/json.ts';

export type OsFamily = 'windows' | 'ios' | 'macos' | 'android' | 'chromeos' | 'linux' | 'other';

/** Android ownership modes as the docs name them: COSU, COBO, COPE, BYOD work profile, AOSP. */
export type AndroidMode = 'dedicated' | 'fullyManaged' | 'corporateWorkProfile' | 'personalWorkProfile' | 'aosp';

export interface DevicePlatform {
  readonly family: OsFamily;
  /** How a message names the platform: "Windows", "iOS/iPadOS". */
  readonly label: string;
  /** Apple supervision (`isSupervised`); false elsewhere. */
  readonly supervised: boolean;
  /** A supervised iPad without a primary user, enrolled by ADE without user affinity. */
  readonly sharedIpad: boolean;
  /** `managedDeviceOwnerType` is company. */
  readonly corporate: boolean;
  readonly android: AndroidMode | undefined;
  /** Co-managed with Configuration Manager (`managementAgent` names the ConfigMgr client). */
  readonly coManaged: boolean;
}

const LABELS: Readonly<Record<OsFamily, string>> = {
  windows: 'Windows',
  ios: 'iOS/iPadOS',
  macos: 'macOS',
  android: 'Android',
  chromeos: 'ChromeOS',
  linux: 'Linux',
  other: 'this platform',
};

function text(props: JsonObject, key: string): string {
  const value = props[key];
  return typeof value === 'string' ? value : '';
}

function familyOf(props: JsonObject): OsFamily {
  const os = text(props, 'operatingSystem').toLowerCase();
  const type = text(props, 'deviceType').toLowerCase();
  if (os.includes('windows') || type.startsWith('win') || type === 'surfacehub' || type === 'hololens') return 'windows';
  if (os === 'ios' || os === 'ipados' || type === 'iphone' || type === 'ipad' || type === 'ipod') return 'ios';
  if (os.includes('mac') || type === 'mac' || type === 'macmdm') return 'macos';
  if (os.includes('android') || type.startsWith('android')) return 'android';
  if (os.includes('chrome') || type === 'chromeos') return 'chromeos';
  if (os.includes('linux') || type === 'linux') return 'linux';
  return 'other';
}

function androidModeOf(props: JsonObject, corporate: boolean): AndroidMode {
  const enrollment = text(props, 'deviceEnrollmentType');
  if (enrollment === 'androidEnterpriseDedicatedDevice') return 'dedicated';
  if (enrollment === 'androidEnterpriseFullyManaged') return 'fullyManaged';
  if (enrollment === 'androidEnterpriseCorporateWorkProfile') return 'corporateWorkProfile';
  if (enrollment.startsWith('androidAOSP')) return 'aosp';
  // Without a specific enrollment type, ownership is the best hint Intune's data gives.
  return corporate ? 'fullyManaged' : 'personalWorkProfile';
}

function isIpad(props: JsonObject): boolean {
  return text(props, 'operatingSystem').toLowerCase() === 'ipados' || text(props, 'deviceType') === 'iPad' || /^ipad/i.test(text(props, 'model'));
}

export function platformOf(props: JsonObject): DevicePlatform {
  const family = familyOf(props);
  const corporate = text(props, 'managedDeviceOwnerType') === 'company';
  const apple = family === 'ios' || family === 'macos';
  const supervised = apple && props['isSupervised'] === true;
  const userless = text(props, 'deviceEnrollmentType') === 'appleBulkWithoutUser' || text(props, 'userPrincipalName') === '';
  return {
    family,
    label: LABELS[family],
    supervised,
    sharedIpad: family === 'ios' && supervised && isIpad(props) && userless,
    corporate,
    android: family === 'android' ? androidModeOf(props, corporate) : undefined,
    coManaged: text(props, 'managementAgent').startsWith('configurationManagerClient'),
  };
}

