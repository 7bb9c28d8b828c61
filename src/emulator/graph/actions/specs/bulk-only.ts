// Bulk actions (managedDeviceRemoteAction members) with no per-device action in the stored
// beta schema. They still run per device, as Intune's bulk action does; platforms per the
// memdocs bulk-action tables, [U] where the docs say only "if the device is capable".
import type { JsonObject } from '../../model/json.ts';
import type { ActionSpec } from '../spec.ts';
import { families } from './support.ts';

function text(params: JsonObject, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}

export const BULK_ONLY_ACTIONS: readonly ActionSpec[] = [
  {
    name: 'moveDeviceToOrganizationalUnit',
    supports: families('chromeos'),
    userImpacting: false,
    destructive: false,
    requires: ['organizationalUnitPath'],
    invalid: (params) => (text(params, 'organizationalUnitPath').trim() === '' ? 'Name the organizational unit to move the devices to.' : undefined),
    result: { type: 'deviceActionResult' },
  },
  {
    name: 'initiateOnDemandProactiveRemediation',
    supports: families('windows'),
    userImpacting: false,
    destructive: false,
    result: { type: 'deviceActionResult' },
  },
  {
    name: 'initiateDeviceAttestation',
    supports: families('windows', 'ios', 'macos'),
    userImpacting: false,
    destructive: false,
    result: { type: 'deviceActionResult' },
  },
  {
    name: 'initiateMobileDeviceManagementKeyRecovery',
    supports: families('windows'),
    userImpacting: false,
    destructive: false,
    result: { type: 'deviceActionResult' },
  },
];
