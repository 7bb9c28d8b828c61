// Which actions exist in which version, and where Intune refuses them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { idOf } from '../../../src/emulator/graph/model/entity.ts';
import { androidWorkProfile, chromebook, device, mac, personalIphone, sharedIpad, supervisedIphone, windowsPc } from './helpers/devices.ts';
import { assertAccepted, assertRefused } from './helpers/outcome.ts';
import { entries } from './helpers/results.ts';
import { harness } from './helpers/tenant.ts';

const BETA_ONLY = [
  'enableLostMode',
  'playLostModeSound',
  'setDeviceName',
  'rotateFileVaultKey',
  'rotateBitLockerKeys',
  'sendCustomNotificationToCompanyPortal',
  'createDeviceLogCollectionRequest',
  'triggerConfigurationManagerAction',
  'revokeAppleVppLicenses',
  'activateDeviceEsim',
  'deprovision',
  'disable',
  'reenable',
];

function refusedWith(d: EntityRecord, action: string, body: Parameters<typeof runDeviceAction>[3], pattern: RegExp): void {
  const { deps } = harness([d]);
  const error = assertRefused(runDeviceAction(deps, d, action, body, 'beta'));
  assert.match(error.message, pattern);
  assert.equal(entries(d).length, 0, `${action} left no entry`);
}

describe('actions by version', () => {
  for (const action of BETA_ONLY) {
    it(`${action} does not exist in v1.0`, () => {
      const pc = windowsPc();
      const { deps } = harness([pc]);
      assert.equal(runDeviceAction(deps, pc, action, {}, 'v1.0'), undefined);
      assert.notEqual(runDeviceAction(deps, pc, action, {}, 'beta'), undefined);
    });
  }

  it('is not an action: functions, unknown names, executeAction on one device', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    assert.equal(runDeviceAction(deps, pc, 'getFileVaultKey', undefined, 'beta'), undefined);
    assert.equal(runDeviceAction(deps, pc, 'selfDestruct', undefined, 'beta'), undefined);
    assert.equal(runDeviceAction(deps, pc, 'executeAction', undefined, 'beta'), undefined);
  });

  it('takes the segment in any case, with or without the microsoft.graph. prefix', () => {
    const a = windowsPc('A');
    const b = windowsPc('B');
    const { deps } = harness([a, b]);
    assertAccepted(runDeviceAction(deps, a, 'SyncDevice', undefined, 'v1.0'));
    assertAccepted(runDeviceAction(deps, b, 'microsoft.graph.wipe', { keepUserData: false }, 'v1.0'));
  });
});

describe('where Intune refuses an action', () => {
  it('answers 400 at once, naming the platform, with the Intune path for the error', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const error = assertRefused(runDeviceAction(deps, pc, 'remoteLock', undefined, 'v1.0'));
    assert.equal(error.code, 'BadRequest');
    assert.equal(error.message, 'The remoteLock action is not supported on Windows devices.');
    assert.equal(error.path, `/deviceManagement/managedDevices%28%27${idOf(pc)}%27%29/microsoft.management.services.api.remoteLock`);
  });

  it('refuses Windows-only actions elsewhere, and Apple-only ones on Windows', () => {
    refusedWith(mac(), 'cleanWindowsDevice', { keepUserData: true }, /not supported on macOS devices/);
    refusedWith(supervisedIphone(), 'windowsDefenderScan', { quickScan: true }, /not supported on iOS\/iPadOS devices/);
    refusedWith(androidWorkProfile(), 'rotateBitLockerKeys', undefined, /not supported on Android devices/);
    refusedWith(windowsPc(), 'rotateFileVaultKey', undefined, /not supported on Windows devices/);
    refusedWith(windowsPc(), 'resetPasscode', undefined, /not supported on Windows devices/);
    refusedWith(mac(), 'recoverPasscode', undefined, /not supported on macOS devices/);
    refusedWith(chromebook(), 'retire', undefined, /not supported on ChromeOS devices/);
    refusedWith(windowsPc(), 'deprovision', { deprovisionReason: 'x' }, /not supported on Windows devices/);
  });

  it('says what the device lacks when another device of its kind could take the action', () => {
    refusedWith(personalIphone(), 'enableLostMode', { message: 'Return me' }, /available only on supervised iOS\/iPadOS devices/);
    refusedWith(personalIphone(), 'bypassActivationLock', undefined, /available only on supervised/);
    refusedWith(supervisedIphone(), 'logoutSharedAppleDeviceActiveUser', undefined, /available only on Shared iPad/);
    refusedWith(supervisedIphone(), 'deleteUserFromSharedAppleDevice', { userPrincipalName: 'a@b.c' }, /available only on Shared iPad/);
    refusedWith(windowsPc(), 'triggerConfigurationManagerAction', { configurationManagerAction: { action: 'fullScan' } }, /co-managed/);
    refusedWith(device({ operatingSystem: 'Windows', managedDeviceOwnerType: 'personal' }), 'setDeviceName', { deviceName: 'PC-2' }, /corporate-owned Windows/);
    refusedWith(personalIphone(), 'shutDown', undefined, /supervised/);
  });

  it('keeps lost mode and Shared iPad actions to the devices that have them', () => {
    const ipad = sharedIpad();
    const phone = supervisedIphone();
    const pc = windowsPc();
    const { deps } = harness([ipad, phone, pc]);
    assertAccepted(runDeviceAction(deps, ipad, 'logoutSharedAppleDeviceActiveUser', undefined, 'v1.0'));
    assertAccepted(runDeviceAction(deps, phone, 'enableLostMode', { message: 'Call IT' }, 'beta'));
    assertRefused(runDeviceAction(deps, pc, 'enableLostMode', { message: 'Call IT' }, 'beta'));
  });

  it('answers 404 for a device record that is not (or no longer) in managedDevices', () => {
    const listed = windowsPc();
    const stray = windowsPc();
    const { deps } = harness([listed]);
    const error = assertRefused(runDeviceAction(deps, stray, 'syncDevice', undefined, 'v1.0'), 404);
    assert.equal(error.code, 'ResourceNotFound');
  });
});
