// The actions a helpdesk sends most: sync, restart, lock, passcode, locate, rename,
// remote assistance, notifications, compliance override, eSIM. Platforms per the memdocs
// page of each action (intune/device-management/actions/*.md).
import type { JsonObject } from '../../model/json.ts';
import { managedDevices } from '../../model/tenant-graph.ts';
import type { ActionSpec } from '../spec.ts';
import { digits, geoLocation } from './demo-values.ts';
import { deviceNameProblem } from './device-name.ts';
import { CORPORATE_ANDROID, android, anyOf, corporate, families, supervisedIos } from './support.ts';

function text(params: JsonObject, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}

const syncDevice: ActionSpec = {
  name: 'syncDevice',
  supports: families('windows', 'ios', 'macos', 'android'),
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  // The device checked in: that is what "last sync" means in the device list.
  complete: (ctx) => {
    ctx.device.props['lastSyncDateTime'] = ctx.at;
  },
};

const rebootNow: ActionSpec = {
  name: 'rebootNow',
  supports: anyOf(families('windows', 'macos', 'chromeos'), supervisedIos, android('dedicated', 'fullyManaged', 'aosp')),
  userImpacting: true,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const shutDown: ActionSpec = {
  name: 'shutDown',
  supports: anyOf(supervisedIos, families('macos')),
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const remoteLock: ActionSpec = {
  name: 'remoteLock',
  // Not Windows: Intune answers 400 there (microsoft-graph-docs-contrib#4523).
  supports: anyOf(families('ios', 'macos'), android('dedicated', 'fullyManaged', 'corporateWorkProfile', 'aosp')),
  userImpacting: true,
  destructive: false,
  result: {
    type: 'remoteLockActionResult',
    // A Mac locks behind a six-digit recovery PIN that the admin center then shows.
    done: (ctx): JsonObject => (ctx.platform.family === 'macos' ? { unlockPin: digits(ctx.deps.random, 6) } : {}),
  },
};

const resetPasscode: ActionSpec = {
  name: 'resetPasscode',
  // Android: a new passcode shown to the admin. iOS/iPadOS: "remove passcode", nothing to show.
  supports: anyOf(families('ios'), android('dedicated', 'fullyManaged', 'corporateWorkProfile', 'personalWorkProfile', 'aosp')),
  userImpacting: true,
  destructive: false,
  result: {
    type: 'resetPasscodeActionResult',
    done: (ctx): JsonObject => (ctx.platform.family === 'android' ? { passcode: digits(ctx.deps.random, 6), errorCode: 0 } : { errorCode: 0 }),
  },
};

const recoverPasscode: ActionSpec = {
  name: 'recoverPasscode',
  supports: families('ios'),
  userImpacting: true,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const locateDevice: ActionSpec = {
  name: 'locateDevice',
  supports: anyOf(families('windows'), supervisedIos, CORPORATE_ANDROID),
  userImpacting: false,
  destructive: false,
  unavailable: (device, platform) =>
    platform.family === 'ios' && device.props['lostModeState'] !== 'enabled' ? 'An iOS/iPadOS device can be located only while it is in lost mode. Enable lost mode first.' : undefined,
  result: { type: 'locateDeviceActionResult', done: (ctx) => ({ deviceLocation: geoLocation(ctx.deps.random, ctx.at) }) },
};

const requestRemoteAssistance: ActionSpec = {
  name: 'requestRemoteAssistance',
  supports: families('windows', 'ios', 'macos', 'android'),
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
};

const setDeviceName: ActionSpec = {
  name: 'setDeviceName',
  supports: anyOf(corporate(families('windows', 'macos')), supervisedIos, CORPORATE_ANDROID),
  userImpacting: false,
  destructive: false,
  requires: ['deviceName'],
  invalid: (params, platform) => deviceNameProblem(text(params, 'deviceName'), platform),
  result: { type: 'deviceActionResult' },
  // The list is ordered by deviceName (FACTS §3), so the collection must re-sort this device.
  complete: (ctx) => {
    const previous = { ...ctx.device.props };
    ctx.device.props['deviceName'] = text(ctx.params, 'deviceName');
    managedDevices(ctx.deps.graph).reindex(ctx.device, previous);
  },
};

const TITLE_MAX = 50;
const BODY_MAX = 500;

const sendCustomNotificationToCompanyPortal: ActionSpec = {
  name: 'sendCustomNotificationToCompanyPortal',
  supports: anyOf(families('ios'), android('personalWorkProfile')),
  userImpacting: false,
  destructive: false,
  requires: ['notificationTitle', 'notificationBody'],
  invalid: (params) => {
    const title = text(params, 'notificationTitle');
    const body = text(params, 'notificationBody');
    if (title.trim() === '' || body.trim() === '') return 'A custom notification needs a title and a body.';
    if (title.length > TITLE_MAX) return `The notification title can have at most ${TITLE_MAX} characters.`;
    if (body.length > BODY_MAX) return `The notification body can have at most ${BODY_MAX} characters.`;
    return undefined;
  },
  // "Intune doesn't track sent custom notifications" (send-custom-notification.md): no result entry.
};

const overrideComplianceState: ActionSpec = {
  name: 'overrideComplianceState',
  supports: families('windows', 'ios', 'macos', 'android', 'linux'),
  userImpacting: false,
  destructive: false,
  requires: ['complianceState'],
  // A service-side override, not a device command: it shows at once and is not a device action.
  // Going back to "based on policy" keeps the stored state, which came from policy already.
  accept: (ctx) => {
    if (ctx.params['complianceState'] === 'nonCompliant') ctx.device.props['complianceState'] = 'noncompliant';
  },
};

const activateDeviceEsim: ActionSpec = {
  name: 'activateDeviceEsim',
  supports: anyOf(families('ios'), CORPORATE_ANDROID),
  userImpacting: false,
  destructive: false,
  requires: ['carrierUrl'],
  invalid: (params) => (text(params, 'carrierUrl').trim() === '' ? "The carrier's activation server URL must not be empty." : undefined),
  result: { type: 'activateDeviceEsimActionResult', pending: (ctx) => ({ carrierUrl: text(ctx.params, 'carrierUrl') }) },
};

export const EVERYDAY_ACTIONS: readonly ActionSpec[] = [
  syncDevice,
  rebootNow,
  shutDown,
  remoteLock,
  resetPasscode,
  recoverPasscode,
  locateDevice,
  requestRemoteAssistance,
  setDeviceName,
  sendCustomNotificationToCompanyPortal,
  overrideComplianceState,
  activateDeviceEsim,
];
