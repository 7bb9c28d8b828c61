// Whether Intune takes an action for this device now. Every refusal is a 400 at once, the
// way Intune answers an action a device cannot take (remoteLock on Windows 10:
// microsoft-graph-docs-contrib#4523), rather than an accepted action that later reads
// `notSupported`: a technician learns at the click, and a client sees what Intune sends.
import type { EntityRecord } from '../model/entity.ts';
import type { JsonObject } from '../model/json.ts';
import type { ActionError } from './deps.ts';
import { badRequest } from './deps.ts';
import { unenrolling } from './lifecycle.ts';
import type { DevicePlatform } from './platform.ts';
import { currentResult } from './results.ts';
import type { ActionSpec } from './spec.ts';

export type Refusal = { readonly kind: 'notSupported' | 'refused'; readonly error: ActionError };

// What a device would need for an action it lacks, said in the docs' words.
const NEEDS: readonly (readonly [string, Partial<DevicePlatform>])[] = [
  ['supervised', { supervised: true }],
  ['corporate-owned', { corporate: true }],
  ['Shared iPad', { sharedIpad: true }],
  ['co-managed (Configuration Manager)', { coManaged: true }],
];

function notSupportedMessage(spec: ActionSpec, platform: DevicePlatform): string {
  const need = NEEDS.find(([, change]) => spec.supports({ ...platform, ...change }));
  if (need) return `The ${spec.name} action is available only on ${need[0]} ${platform.label} devices.`;
  return `The ${spec.name} action is not supported on ${platform.label} devices.`;
}

/**
 * A second retire or wipe is never carried out: while one is pending (managementState
 * retirePending/wipePending) another is refused, and so is a repeat of any destructive
 * action still pending. Refused with 400, as Intune answers actions it will not run.
 */
function duplicateMessage(spec: ActionSpec, device: EntityRecord): string | undefined {
  if (spec.unenrols && unenrolling(device)) {
    return `This device already has a ${String(device.props['managementState'])} action; Intune carries out a retire or wipe only once.`;
  }
  if (spec.destructive && currentResult(device, spec.name)?.['actionState'] === 'pending') {
    return `A ${spec.name} action is already pending for this device.`;
  }
  return undefined;
}

export function refusal(spec: ActionSpec, device: EntityRecord, params: JsonObject, platform: DevicePlatform, path: string): Refusal | undefined {
  if (!spec.supports(platform)) return { kind: 'notSupported', error: badRequest(notSupportedMessage(spec, platform), path) };
  const message = spec.invalid?.(params, platform) ?? duplicateMessage(spec, device) ?? spec.unavailable?.(device, platform);
  return message === undefined ? undefined : { kind: 'refused', error: badRequest(message, path) };
}
