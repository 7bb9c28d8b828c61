// Small managed devices for action tests, one per kind of device the docs distinguish.
// Built here rather than by the data generator, so these tests stand on their own.
import { entityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { MutableJsonObject } from '../../../../src/emulator/graph/model/json.ts';

let counter = 0;

/** A GUID-shaped id that sorts in creation order within a test run. */
export function deviceId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function device(props: MutableJsonObject): EntityRecord {
  return entityRecord('managedDevice', {
    id: deviceId(),
    deviceName: 'DEVICE',
    managementState: 'managed',
    managedDeviceOwnerType: 'company',
    complianceState: 'compliant',
    isSupervised: false,
    lastSyncDateTime: '2026-01-01T00:00:00.000Z',
    userPrincipalName: 'adele@demo.example',
    serialNumber: 'SN0001',
    deviceActionResults: [],
    lostModeState: 'disabled',
    activationLockBypassCode: null,
    usersLoggedOn: [{ userId: '11111111-1111-4111-8111-111111111111', lastLogOnDateTime: '2026-01-01T00:00:00.000Z' }],
    ...props,
  });
}

export const windowsPc = (name = 'DESKTOP-01'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'Windows', deviceType: 'windowsRT', managementAgent: 'mdm', deviceEnrollmentType: 'windowsAzureADJoin' });

export const coManagedPc = (name = 'DESKTOP-CM'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'Windows', managementAgent: 'configurationManagerClientMdm' });

export const supervisedIphone = (name = 'IPHONE-01'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'iOS', deviceType: 'iPhone', model: 'iPhone 15', isSupervised: true, deviceEnrollmentType: 'appleBulkWithUser', activationLockBypassCode: 'ABCD-EFGH-IJKL' });

export const personalIphone = (name = 'IPHONE-BYOD'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'iOS', deviceType: 'iPhone', model: 'iPhone 13', managedDeviceOwnerType: 'personal', deviceEnrollmentType: 'userEnrollment' });

export const sharedIpad = (name = 'IPAD-CART-01'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'iPadOS', deviceType: 'iPad', model: 'iPad (10th generation)', isSupervised: true, deviceEnrollmentType: 'appleBulkWithoutUser', userPrincipalName: '' });

export const mac = (name = 'MAC-01'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'macOS', deviceType: 'macMDM', model: 'MacBook Air', isSupervised: true, deviceEnrollmentType: 'appleBulkWithUser' });

export const androidFullyManaged = (name = 'ANDROID-COBO'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'Android', deviceType: 'androidEnterprise', deviceEnrollmentType: 'androidEnterpriseFullyManaged' });

export const androidWorkProfile = (name = 'ANDROID-BYOD'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'Android', deviceType: 'androidForWork', managedDeviceOwnerType: 'personal', deviceEnrollmentType: 'userEnrollment' });

export const chromebook = (name = 'CHROMEBOOK-01'): EntityRecord =>
  device({ deviceName: name, operatingSystem: 'ChromeOS', deviceType: 'chromeOS', managementAgent: 'googleCloudDevicePolicyController' });
