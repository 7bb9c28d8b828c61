// Retire and wipe: the actions that end management. The device shows retirePending /
// wipePending at once, the action is done after `delays.completeMs`, and `delays.removeMs`
// later the device leaves managedDevices, as a retired or wiped device does in Intune.
import type { JsonObject } from '../../model/json.ts';
import type { ActionContext, ActionSpec } from '../spec.ts';
import { android, anyOf, families } from './support.ts';

function flag(params: JsonObject, key: string): boolean {
  return params[key] === true;
}

const retire: ActionSpec = {
  name: 'retire',
  // ChromeOS has deprovision instead (chromeos.ts).
  supports: families('windows', 'ios', 'macos', 'android', 'linux'),
  userImpacting: true,
  destructive: true,
  result: { type: 'deviceActionResult' },
  accept: (ctx) => {
    ctx.device.props['managementState'] = 'retirePending';
  },
  unenrols: { staysEnrolled: () => false, reenrol: () => undefined },
};

/**
 * keepEnrollmentData maps to Windows' doWipePersistProvisionedData: the device resets but
 * stays enrolled. So on Windows it comes back (managed again, freshly synced) instead of
 * leaving the list; without keepUserData the people who had signed in to it are gone.
 * Other platforms have no such wipe: the flags are accepted and the device leaves the list.
 */
function staysEnrolled(ctx: ActionContext): boolean {
  return ctx.platform.family === 'windows' && flag(ctx.params, 'keepEnrollmentData');
}

function reenrol(ctx: ActionContext): void {
  const props = ctx.device.props;
  props['managementState'] = 'managed';
  props['lastSyncDateTime'] = ctx.at;
  if (!flag(ctx.params, 'keepUserData') && 'usersLoggedOn' in props) props['usersLoggedOn'] = [];
}

const wipe: ActionSpec = {
  name: 'wipe',
  // A personally owned Android work profile can only be retired (wipe.md lists no BYOD).
  supports: anyOf(families('windows', 'ios', 'macos', 'chromeos'), android('dedicated', 'fullyManaged', 'corporateWorkProfile', 'aosp')),
  userImpacting: true,
  destructive: true,
  result: { type: 'deviceActionResult' },
  accept: (ctx) => {
    ctx.device.props['managementState'] = 'wipePending';
  },
  unenrols: { staysEnrolled, reenrol },
};

export const UNENROL_ACTIONS: readonly ActionSpec[] = [retire, wipe];
