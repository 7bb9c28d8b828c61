// POST …/managedDevices/{id}/{action}: one remote action on one device.
import type { EntityRecord } from '../model/entity.ts';
import type { Json } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import type { BoundOperation, GraphVersion } from '../model/schema.ts';
import { refusal } from './checks.ts';
import type { ActionDeps, ActionOutcome } from './deps.ts';
import { badRequest, intunePath } from './deps.ts';
import { execute, isListed } from './lifecycle.ts';
import { readParams } from './params.ts';
import { platformOf } from './platform.ts';
import { deviceActionSpec } from './specs/index.ts';

/** The action bound to managedDevice in this version; the segment may carry `microsoft.graph.`. */
export function deviceActionOperation(version: GraphVersion, segment: string): BoundOperation | undefined {
  const name = segment.replace(/^microsoft\.graph\./i, '').toLowerCase();
  return intuneSchema.operations(version, 'managedDevice').find((op) => op.kind === 'Action' && op.boundTo === 'managedDevice' && op.name.toLowerCase() === name);
}

/**
 * Runs `action` on `device`. Undefined when managedDevice has no such action in this
 * version (beta-only actions on v1.0, functions, typos): the router answers that itself.
 */
export function runDeviceAction(deps: ActionDeps, device: EntityRecord, action: string, body: Json | undefined, version: GraphVersion): ActionOutcome | undefined {
  const op = deviceActionOperation(version, action);
  if (!op) return undefined;
  const id = typeof device.props['id'] === 'string' ? device.props['id'] : undefined;
  const path = intunePath(id, op.name);
  const spec = deviceActionSpec(op.name);
  if (!spec) return badRequest(`The ${op.name} action is not available in the demo tenant.`, path);
  // Retired, wiped or deleted since the router found it.
  if (!isListed(deps, device)) return { status: 404, code: 'ResourceNotFound', message: `The managed device ${id ?? ''} was not found.`, path };
  const read = readParams(version, op, body, spec.requires);
  if (!read.ok) return badRequest(read.message, path);
  const platform = platformOf(device.props);
  const refused = refusal(spec, device, read.params, platform, path);
  if (refused) return refused.error;
  return execute(deps, spec, device, read.params, platform, version);
}
