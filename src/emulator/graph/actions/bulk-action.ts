// Beta POST /deviceManagement/managedDevices/executeAction: one action on up to 100 devices
// ("Intune supports bulk remote actions … on up to 100 devices at the same time",
// memdocs device-management/actions/index.md). Each device goes through the same checks
// and lifecycle as a single action and lands in one bucket of bulkManagedDeviceActionResult:
//   successfulDeviceIds   the action was issued (it may still end `failed` on the device)
//   notFoundDeviceIds     no such managed device
//   notSupportedDeviceIds the action does not apply to the device's platform
//   failedDeviceIds       refused for this device (already being wiped, a name it refuses…)
// Ids are matched case-insensitively and a repeated id is acted on once.
import type { EntityRecord } from '../model/entity.ts';
import type { Json, JsonObject, MutableJsonObject } from '../model/json.ts';
import { managedDevices } from '../model/tenant-graph.ts';
import { EXECUTE_ACTION } from './bulk-operation.ts';
import { refusal } from './checks.ts';
import type { ActionDeps, ActionOutcome } from './deps.ts';
import { badRequest, intunePath } from './deps.ts';
import { execute, removeDevice } from './lifecycle.ts';
import { readParams } from './params.ts';
import { platformOf } from './platform.ts';
import type { ActionSpec } from './spec.ts';
import { BULK_ONLY_ACTIONS } from './specs/bulk-only.ts';
import { digits } from './specs/demo-values.ts';
import { deviceActionSpec } from './specs/index.ts';

export const BULK_ACTION_CAP = 100;

const PATH = intunePath(undefined, 'executeAction');

interface BulkTarget {
  /** The per-device action that carries the bulk action out. */
  readonly spec: ActionSpec;
  /** The bulk body's parameters this action reads, under the same names. */
  readonly reads: readonly string[];
  /** Fixed parameters (quickScan for the two scans). */
  readonly fixed?: JsonObject;
}

function single(name: string, reads: readonly string[] = [], fixed?: JsonObject): BulkTarget {
  const spec = deviceActionSpec(name) ?? BULK_ONLY_ACTIONS.find((s) => s.name === name);
  if (!spec) throw new Error(`No action behind bulk action ${name}`);
  return fixed ? { spec, reads, fixed } : { spec, reads };
}

/** managedDeviceRemoteAction members, and what each does per device. `delete` is handled apart. */
const TARGETS: Readonly<Record<string, BulkTarget>> = {
  retire: single('retire'),
  wipe: single('wipe', ['keepEnrollmentData', 'keepUserData', 'persistEsimDataPlan']),
  fullScan: single('windowsDefenderScan', [], { quickScan: false }),
  quickScan: single('windowsDefenderScan', [], { quickScan: true }),
  signatureUpdate: single('windowsDefenderUpdateSignatures'),
  customTextNotification: single('sendCustomNotificationToCompanyPortal', ['notificationTitle', 'notificationBody']),
  rebootNow: single('rebootNow'),
  setDeviceName: single('setDeviceName', ['deviceName']),
  syncDevice: single('syncDevice'),
  deprovision: single('deprovision', ['deprovisionReason']),
  disable: single('disable'),
  reenable: single('reenable'),
  moveDeviceToOrganizationalUnit: single('moveDeviceToOrganizationalUnit', ['organizationalUnitPath']),
  activateDeviceEsim: single('activateDeviceEsim', ['carrierUrl']),
  collectDiagnostics: single('createDeviceLogCollectionRequest'),
  initiateOnDemandProactiveRemediation: single('initiateOnDemandProactiveRemediation'),
  initiateDeviceAttestation: single('initiateDeviceAttestation'),
  initiateMobileDeviceManagementKeyRecovery: single('initiateMobileDeviceManagementKeyRecovery'),
};

/**
 * The per-device action a bulk action carries out ('delete' for delete), so authorization
 * can ask for the same Intune permission as the single action; undefined for other names.
 */
export function bulkActionTarget(actionName: string): string | undefined {
  if (actionName === 'delete') return 'delete';
  return Object.hasOwn(TARGETS, actionName) ? TARGETS[actionName]?.spec.name : undefined;
}

interface Buckets {
  readonly successfulDeviceIds: string[];
  readonly failedDeviceIds: string[];
  readonly notFoundDeviceIds: string[];
  readonly notSupportedDeviceIds: string[];
}

/**
 * Bulk rename names many devices at once, so the admin center has the name carry
 * {{serialnumber}} or {{rand:x}} (x random digits); both are filled in per device.
 */
function nameFor(template: string, device: EntityRecord, deps: ActionDeps): string {
  const serial = typeof device.props['serialNumber'] === 'string' ? device.props['serialNumber'] : '';
  return template.replace(/\{\{serialnumber\}\}/gi, serial).replace(/\{\{rand:(\d{1,2})\}\}/gi, (_m, n: string) => digits(deps.random, Number(n)));
}

function paramsFor(target: BulkTarget, body: JsonObject, device: EntityRecord, deps: ActionDeps): JsonObject {
  const params: MutableJsonObject = { ...(target.fixed ?? {}) };
  for (const name of target.reads) {
    const value = body[name];
    if (value !== undefined && value !== null) params[name] = value;
  }
  if (target.spec.name === 'setDeviceName' && typeof params['deviceName'] === 'string') params['deviceName'] = nameFor(params['deviceName'], device, deps);
  return params;
}

/** The device ids, each once (first spelling kept), or a message saying what is wrong. */
function deviceIdsOf(body: JsonObject): readonly string[] | string {
  const ids = body['deviceIds'];
  if (!Array.isArray(ids) || ids.length === 0) return 'Select at least one device (deviceIds).';
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string') continue;
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    unique.push(id);
  }
  if (unique.length > BULK_ACTION_CAP) return `A bulk device action can target at most ${BULK_ACTION_CAP} devices; this request names ${unique.length}.`;
  return unique;
}

function runOn(deps: ActionDeps, actionName: string, target: BulkTarget | undefined, body: JsonObject, id: string, buckets: Buckets): void {
  const device = managedDevices(deps.graph).get(id);
  if (!device) {
    buckets.notFoundDeviceIds.push(id);
    return;
  }
  // Delete takes the device out of Intune at once, whatever else is pending on it.
  if (!target) {
    removeDevice(deps, device);
    buckets.successfulDeviceIds.push(id);
    return;
  }
  const params = paramsFor(target, body, device, deps);
  const platform = platformOf(device.props);
  const refused = refusal(target.spec, device, params, platform, intunePath(id, actionName));
  if (refused) {
    (refused.kind === 'notSupported' ? buckets.notSupportedDeviceIds : buckets.failedDeviceIds).push(id);
    return;
  }
  execute(deps, target.spec, device, params, platform, 'beta');
  buckets.successfulDeviceIds.push(id);
}

/** Runs a bulk action. Beta only: executeAction does not exist in v1.0. */
export function runBulkAction(deps: ActionDeps, body: Json | undefined): ActionOutcome {
  const read = readParams('beta', EXECUTE_ACTION, body, ['deviceIds']);
  if (!read.ok) return badRequest(read.message, PATH);
  const actionName = String(read.params['actionName']);
  const target = TARGETS[actionName];
  if (!target && actionName !== 'delete') return badRequest(`'${actionName}' is not a bulk device action.`, PATH);
  const ids = deviceIdsOf(read.params);
  if (typeof ids === 'string') return badRequest(ids, PATH);
  const missing = (target?.spec.requires ?? []).filter((name) => read.params[name] === undefined || read.params[name] === null);
  if (missing.length > 0) {
    return badRequest(`One or more parameters of the operation 'executeAction' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`, PATH);
  }
  const buckets: Buckets = { successfulDeviceIds: [], failedDeviceIds: [], notFoundDeviceIds: [], notSupportedDeviceIds: [] };
  for (const id of ids) runOn(deps, actionName, target, read.params, id, buckets);
  return { status: 200, body: { ...buckets }, context: 'microsoft.graph.bulkManagedDeviceActionResult' };
}
