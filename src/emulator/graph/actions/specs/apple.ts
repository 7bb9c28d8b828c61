// Apple-only actions: lost mode, Activation Lock, Shared iPad users, FileVault, VPP.
// Lost mode and its sound need a supervised iPhone/iPad (lost-mode.md, play-lost-mode-sound.md).
import type { JsonObject } from '../../model/json.ts';
import type { ActionSpec } from '../spec.ts';
import { CORPORATE_ANDROID, anyOf, families, supervisedIos } from './support.ts';

function text(params: JsonObject, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}

const enableLostMode: ActionSpec = {
  name: 'enableLostMode',
  supports: supervisedIos,
  userImpacting: true,
  destructive: false,
  // Apple's EnableLostMode command needs a message or a phone number for the lock screen.
  invalid: (params) =>
    text(params, 'message').trim() === '' && text(params, 'phoneNumber').trim() === '' ? 'Lost mode needs a message or a phone number to show on the lock screen.' : undefined,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => {
    ctx.device.props['lostModeState'] = 'enabled';
  },
};

const disableLostMode: ActionSpec = {
  name: 'disableLostMode',
  supports: supervisedIos,
  userImpacting: true,
  destructive: false,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => {
    ctx.device.props['lostModeState'] = 'disabled';
  },
};

const playLostModeSound: ActionSpec = {
  name: 'playLostModeSound',
  supports: anyOf(supervisedIos, CORPORATE_ANDROID),
  userImpacting: false,
  destructive: false,
  // The parameter is a String in the CSDL; it still has to read as a number of minutes.
  invalid: (params) => {
    const duration = params['durationInMinutes'];
    if (duration === undefined || duration === null) return undefined;
    return typeof duration === 'string' && /^[1-9][0-9]{0,3}$/.test(duration.trim()) ? undefined : 'durationInMinutes must be a whole number of minutes.';
  },
  unavailable: (device, platform) =>
    platform.family === 'ios' && device.props['lostModeState'] !== 'enabled' ? 'The lost mode sound plays only on a device in lost mode. Enable lost mode first.' : undefined,
  result: { type: 'deviceActionResult' },
};

const bypassActivationLock: ActionSpec = {
  name: 'bypassActivationLock',
  supports: anyOf(supervisedIos, (p) => p.family === 'macos' && p.supervised),
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  // Once used, the bypass code is gone from Intune (disable-activation-lock.md).
  complete: (ctx) => {
    ctx.device.props['activationLockBypassCode'] = null;
  },
};

const logoutSharedAppleDeviceActiveUser: ActionSpec = {
  name: 'logoutSharedAppleDeviceActiveUser',
  supports: (p) => p.sharedIpad,
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const deleteUserFromSharedAppleDevice: ActionSpec = {
  name: 'deleteUserFromSharedAppleDevice',
  supports: (p) => p.sharedIpad,
  userImpacting: true,
  destructive: false,
  requires: ['userPrincipalName'],
  invalid: (params) => (text(params, 'userPrincipalName').trim() === '' ? 'Name the user to remove from the Shared iPad (userPrincipalName).' : undefined),
  result: { type: 'deleteUserFromSharedAppleDeviceActionResult', pending: (ctx) => ({ userPrincipalName: text(ctx.params, 'userPrincipalName') }) },
};

const rotateFileVaultKey: ActionSpec = {
  name: 'rotateFileVaultKey',
  supports: families('macos'),
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const revokeAppleVppLicenses: ActionSpec = {
  name: 'revokeAppleVppLicenses',
  supports: families('ios', 'macos'),
  userImpacting: false,
  destructive: false,
  result: {
    type: 'revokeAppleVppLicensesActionResult',
    done: (ctx) => ({ totalLicensesCount: ctx.deps.random.int(0, 8), failedLicensesCount: 0 }),
  },
};

export const APPLE_ACTIONS: readonly ActionSpec[] = [
  enableLostMode,
  disableLostMode,
  playLostModeSound,
  bypassActivationLock,
  logoutSharedAppleDeviceActiveUser,
  deleteUserFromSharedAppleDevice,
  rotateFileVaultKey,
  revokeAppleVppLicenses,
];
