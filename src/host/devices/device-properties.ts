// What the device panel shows of a device, and nothing more: its overview and hardware fields,
// by Graph property name, as plain values. The whole managedDevice (a few kilobytes, with nested
// objects the panel never reads) stays in the host.
import type { DeviceActionResult, ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DeviceActionRecord } from '../../shared/bridge/api.ts';

const PANEL_PROPERTIES = [
  // Overview
  'deviceName', 'managedDeviceName', 'userDisplayName', 'userPrincipalName', 'emailAddress', 'managedDeviceOwnerType',
  'complianceState', 'managementState', 'managementAgent', 'deviceEnrollmentType', 'enrollmentProfileName', 'joinType',
  'lastSyncDateTime', 'enrolledDateTime', 'deviceCategoryDisplayName', 'deviceRegistrationState', 'partnerReportedThreatState',
  'complianceGracePeriodExpirationDateTime', 'managementCertificateExpirationDate', 'autopilotEnrolled', 'azureADRegistered', 'azureADDeviceId',
  // Hardware and operating system
  'operatingSystem', 'osVersion', 'skuFamily', 'manufacturer', 'model', 'serialNumber', 'imei', 'meid', 'phoneNumber',
  'wiFiMacAddress', 'ethernetMacAddress', 'processorArchitecture', 'physicalMemoryInBytes', 'totalStorageSpaceInBytes', 'freeStorageSpaceInBytes',
  'isEncrypted', 'isSupervised', 'jailBroken', 'requireUserEnrollmentApproval', 'lostModeState', 'subscriberCarrier', 'androidSecurityPatchLevel',
] as const satisfies readonly (keyof ManagedDevice)[];

export type PanelProperties = Readonly<Record<string, string | number | boolean | null>>;

/** The panel's fields the device has, as plain values (nested objects and lists are left out). */
export function panelProperties(device: ManagedDevice): PanelProperties {
  const source = device as Readonly<Record<string, unknown>>;
  const out: Record<string, string | number | boolean | null> = {};
  for (const name of PANEL_PROPERTIES) {
    const value = source[name];
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[name] = value;
  }
  return out;
}

/** The device's remote actions as the panel lists them, newest first. */
export function actionRecords(results: readonly DeviceActionResult[] | null | undefined): readonly DeviceActionRecord[] {
  const records = (results ?? []).map((r) => ({
    action: r.actionName ?? 'unknown',
    state: r.actionState ?? 'unknown',
    ...(r.startDateTime ? { startedAt: r.startDateTime } : {}),
    ...(r.lastUpdatedDateTime ? { lastUpdatedAt: r.lastUpdatedDateTime } : {}),
  }));
  return records.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}
