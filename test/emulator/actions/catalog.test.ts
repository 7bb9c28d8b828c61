// DEVICE_ACTIONS covers every action the schema binds to managedDevice, in the right versions,
// and marks the user-impacting ones scopes.json lists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVICE_ACTIONS } from '../../../src/emulator/graph/actions/index.ts';
import { GRAPH_VERSIONS, intuneSchema } from '../../../src/emulator/graph/model/schema.ts';

// scopes.json, PrivilegedOperations: Retire, Wipe, Reset/Recover Passcode, Remote Lock,
// Enable/Disable Lost Mode, Clean PC, Reboot, Delete User from Shared Device.
const USER_IMPACTING = [
  'retire',
  'wipe',
  'resetPasscode',
  'recoverPasscode',
  'remoteLock',
  'enableLostMode',
  'disableLostMode',
  'cleanWindowsDevice',
  'rebootNow',
  'deleteUserFromSharedAppleDevice',
];

describe('DEVICE_ACTIONS', () => {
  for (const version of GRAPH_VERSIONS) {
    it(`lists every managedDevice action of ${version}`, () => {
      const inSchema = intuneSchema
        .operations(version, 'managedDevice')
        .filter((op) => op.kind === 'Action' && op.boundTo === 'managedDevice')
        .map((op) => op.name)
        .sort();
      const listed = DEVICE_ACTIONS.filter((a) => a.versions.includes(version))
        .map((a) => a.name)
        .sort();
      assert.deepEqual(listed, inSchema);
    });
  }

  it('has enableLostMode in beta only and wipe in both', () => {
    assert.deepEqual(DEVICE_ACTIONS.find((a) => a.name === 'enableLostMode')?.versions, ['beta']);
    assert.deepEqual(DEVICE_ACTIONS.find((a) => a.name === 'wipe')?.versions, ['v1.0', 'beta']);
  });

  it('marks the user-impacting actions of scopes.json', () => {
    assert.deepEqual(
      DEVICE_ACTIONS.filter((a) => a.userImpacting)
        .map((a) => a.name)
        .sort(),
      [...USER_IMPACTING].sort(),
    );
  });

  it('marks retire, wipe, Fresh Start and deprovision as destructive', () => {
    assert.deepEqual(
      DEVICE_ACTIONS.filter((a) => a.destructive)
        .map((a) => a.name)
        .sort(),
      ['cleanWindowsDevice', 'deprovision', 'retire', 'wipe'],
    );
  });
});
