// Which requests fall under the devices service's doubled limits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { throttleAreaOf } from '../../../src/emulator/graph/throttling/area.ts';

describe('throttleAreaOf', () => {
  it('puts every entity the devices service covers in the devices area', () => {
    for (const path of [
      '/deviceManagement/managedDevices',
      '/deviceManagement/managedDevices/5a0c/wipe',
      "/deviceManagement/managedDevices('5a0c')",
      '/deviceManagement/manageddevices/5a0c/windowsProtectionState/detectedMalwareState',
      '/deviceManagement/managedDevices/5a0c/logCollectionRequests/1/createDownloadUrl',
      '/deviceManagement/detectedApps',
      '/deviceManagement/detectedApps/9/managedDevices',
      '/deviceManagement/windowsMalwareInformation',
      '/deviceManagement/applePushNotificationCertificate',
      '/deviceManagement/applePushNotificationCertificate/downloadApplePushNotificationCertificateSigningRequest()',
      '/users/u1/managedDevices',
      '/me/managedDevices/5a0c',
    ]) {
      assert.equal(throttleAreaOf(path), 'devices', path);
    }
  });

  it('leaves the other Intune areas at the standard limits', () => {
    for (const path of [
      '/deviceManagement',
      '/deviceManagement/deviceConfigurations',
      '/deviceManagement/deviceCategories',
      '/deviceManagement/roleDefinitions',
      '/deviceAppManagement/mobileApps/1/assign',
      '/deviceManagement/managedDeviceOverview',
      '/deviceManagement/deviceEnrollmentConfigurations',
    ]) {
      assert.equal(throttleAreaOf(path), 'other', path);
    }
  });
});
