// ChromeOS devices synced through the Chrome Enterprise connector (memdocs
// actions/deprovision.md, lost-mode.md): Chrome Enterprise's "disable" is Intune's lost mode.
import type { JsonObject } from '../../model/json.ts';
import type { ActionSpec } from '../spec.ts';
import { families } from './support.ts';

const chromeos = families('chromeos');

function text(params: JsonObject, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}

const deprovision: ActionSpec = {
  name: 'deprovision',
  supports: chromeos,
  userImpacting: false,
  // Google Admin policies are removed and the device cannot re-enrol before a factory reset.
  destructive: true,
  requires: ['deprovisionReason'],
  invalid: (params) => (text(params, 'deprovisionReason').trim() === '' ? 'Give a reason for deprovisioning (deprovisionReason).' : undefined),
  result: { type: 'deviceActionResult' },
};

const disable: ActionSpec = {
  name: 'disable',
  supports: chromeos,
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => {
    ctx.device.props['lostModeState'] = 'enabled';
  },
};

const reenable: ActionSpec = {
  name: 'reenable',
  supports: chromeos,
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => {
    ctx.device.props['lostModeState'] = 'disabled';
  },
};

export const CHROMEOS_ACTIONS: readonly ActionSpec[] = [deprovision, disable, reenable];
