// Every action the catalog lists runs in every version that has it: accepted, pending at
// once, then done (or, rarely, failed) after the completion delay, and always a valid
// Collection(deviceActionResult) in that version.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVICE_ACTIONS, runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import type { JsonObject } from '../../../src/emulator/graph/model/json.ts';
import {
  androidFullyManaged,
  chromebook,
  coManagedPc,
  mac,
  sharedIpad,
  supervisedIphone,
  windowsPc,
} from './helpers/devices.ts';
import { assertAccepted } from './helpers/outcome.ts';
import { assertConforms, entries, entry } from './helpers/results.ts';
import { COMPLETE_MS, START, harness } from './helpers/tenant.ts';

interface Case {
  readonly device: () => EntityRecord;
  readonly body?: JsonObject;
  /** Not listed in deviceActionResults (Intune does not track it there). */
  readonly untracked?: true;
}

const lostIphone = (): EntityRecord => {
  const d = supervisedIphone('IPHONE-LOST');
  d.props['lostModeState'] = 'enabled';
  return d;
};

const CASES: Readonly<Record<string, Case>> = {
  syncDevice: { device: windowsPc },
  rebootNow: { device: windowsPc },
  shutDown: { device: mac },
  remoteLock: { device: supervisedIphone },
  resetPasscode: { device: androidFullyManaged },
  recoverPasscode: { device: supervisedIphone },
  locateDevice: { device: windowsPc },
  requestRemoteAssistance: { device: windowsPc },
  setDeviceName: { device: windowsPc, body: { deviceName: 'PC-RENAMED' } },
  sendCustomNotificationToCompanyPortal: { device: supervisedIphone, body: { notificationTitle: 'Office closed', notificationBody: 'Work from home today.' }, untracked: true },
  overrideComplianceState: { device: windowsPc, body: { complianceState: 'nonCompliant', remediationUrl: 'https://aka.ms/contoso-it' }, untracked: true },
  activateDeviceEsim: { device: supervisedIphone, body: { carrierUrl: 'https://carrier.example/esim' } },
  retire: { device: windowsPc },
  wipe: { device: windowsPc, body: { keepEnrollmentData: false, keepUserData: false } },
  enableLostMode: { device: supervisedIphone, body: { message: 'Please return to Contoso IT', phoneNumber: '+1 555 0100', footer: 'Contoso' } },
  disableLostMode: { device: lostIphone },
  playLostModeSound: { device: lostIphone, body: { durationInMinutes: '2' } },
  bypassActivationLock: { device: supervisedIphone },
  logoutSharedAppleDeviceActiveUser: { device: sharedIpad },
  deleteUserFromSharedAppleDevice: { device: sharedIpad, body: { userPrincipalName: 'student1@demo.example' } },
  rotateFileVaultKey: { device: mac },
  revokeAppleVppLicenses: { device: supervisedIphone },
  cleanWindowsDevice: { device: windowsPc, body: { keepUserData: true } },
  windowsDefenderScan: { device: windowsPc, body: { quickScan: false } },
  windowsDefenderUpdateSignatures: { device: windowsPc },
  updateWindowsDeviceAccount: {
    device: windowsPc,
    body: {
      updateWindowsDeviceAccountActionParameter: {
        deviceAccount: { '@odata.type': 'microsoft.graph.windowsDeviceAccount', password: 'P@ssw0rd!' },
        deviceAccountEmail: 'room1@demo.example',
        exchangeServer: 'outlook.office365.com',
        calendarSyncEnabled: true,
        passwordRotationEnabled: false,
        sessionInitiationProtocalAddress: 'sip:room1@demo.example',
      },
    },
  },
  rotateBitLockerKeys: { device: windowsPc },
  createDeviceLogCollectionRequest: { device: windowsPc, body: { templateType: { templateType: 'predefined' } }, untracked: true },
  triggerConfigurationManagerAction: { device: coManagedPc, body: { configurationManagerAction: { action: 'refreshMachinePolicy' } } },
  removeDeviceFirmwareConfigurationInterfaceManagement: { device: windowsPc },
  deprovision: { device: chromebook, body: { deprovisionReason: 'retiringDevice' } },
  disable: { device: chromebook },
  reenable: { device: chromebook },
};

describe('every remote action', () => {
  it('has a test case for each catalog entry', () => {
    assert.deepEqual(DEVICE_ACTIONS.map((a) => a.name).filter((n) => !(n in CASES)), []);
  });

  for (const action of DEVICE_ACTIONS) {
    for (const version of action.versions) {
      it(`${action.name} (${version}) goes from pending to done`, () => {
        const testCase = CASES[action.name];
        assert.ok(testCase);
        const device = testCase.device();
        const { deps, scheduler, changed } = harness([device]);
        const outcome = runDeviceAction(deps, device, action.name, testCase.body, version);
        assertAccepted(outcome);
        if (testCase.untracked) {
          assert.equal(entries(device).length, 0);
          return;
        }
        assert.equal(outcome?.status, 204);
        const pending = entry(device, action.name);
        assert.equal(pending['actionState'], 'pending');
        assert.equal(pending['startDateTime'], new Date(START).toISOString());
        assertConforms(device, version);
        assert.ok(changed.length >= 1, 'the journal heard about the pending action');

        scheduler.advance(COMPLETE_MS - 1);
        assert.equal(entry(device, action.name)['actionState'], 'pending', 'not done before the delay');
        scheduler.advance(1);
        const done = entry(device, action.name);
        assert.ok(done['actionState'] === 'done' || done['actionState'] === 'failed', `finished, got ${String(done['actionState'])}`);
        assert.equal(done['startDateTime'], pending['startDateTime']);
        assert.equal(done['lastUpdatedDateTime'], new Date(START + COMPLETE_MS).toISOString());
        assertConforms(device, version);
        assert.ok(changed.length >= 2, 'the journal heard about the completion');
      });
    }
  }
});
