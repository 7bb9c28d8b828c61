// Intune role-based access: which resource action each request needs, and whether the
// signed-in user's role assignments allow it. Entra's Intune Administrator and Global
// Administrator roles carry every Intune permission without an Intune role assignment.
import type { Directory } from '../../directory/model.ts';
import { ENTRA_ROLE } from '../../directory/demo-directory.ts';
import { groupsOfUser } from '../../directory/lookup.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { navCollection, singleton } from '../model/tenant-graph.ts';
import { isJsonObject } from '../model/json.ts';
import type { Json } from '../model/json.ts';
import { DEVICE_ACTIONS, bulkActionTarget } from '../actions/index.ts';

const DEVICE_ACTION_NAMES = new Map(DEVICE_ACTIONS.map((a) => [a.name.toLowerCase(), a.name]));

/** Intune's resource names, by the permission-map segment that selects the area. */
const AREA_RESOURCE: Readonly<Record<string, string>> = {
  manageddevices: 'ManagedDevices',
  detectedapps: 'ManagedDevices',
  windowsmalwareinformation: 'ManagedDevices',
  devicecategories: 'DeviceConfigurations',
  deviceconfigurations: 'DeviceConfigurations',
  devicecompliancepolicies: 'DeviceCompliancePolices',
  notificationmessagetemplates: 'DeviceCompliancePolices',
  roledefinitions: 'Roles',
  roleassignments: 'Roles',
  resourceoperations: 'Roles',
  rolescopetags: 'Roles',
  mobileapps: 'MobileApps',
  mobileappcategories: 'MobileApps',
  mobileappconfigurations: 'MobileApps',
  vpptokens: 'MobileApps',
  managedapppolicies: 'ManagedApps',
  iosmanagedappprotections: 'ManagedApps',
  androidmanagedappprotections: 'ManagedApps',
  defaultmanagedappprotections: 'ManagedApps',
  targetedmanagedappconfigurations: 'ManagedApps',
  deviceenrollmentconfigurations: 'Organization',
  applepushnotificationcertificate: 'Organization',
  exchangeconnectors: 'Organization',
  mobilethreatdefenseconnectors: 'Organization',
  devicemanagementpartners: 'Organization',
  intunebrandingprofiles: 'Organization',
  termsandconditions: 'TermsAndConditions',
  deponboardingsettings: 'EnrollmentProgramToken',
};

/**
 * Remote tasks, by device action, in Intune's resource-action words. Every name here is one
 * the generated role definitions can grant (data/resource-actions.ts); a test holds them together.
 */
const REMOTE_TASK: Readonly<Record<string, string>> = {
  syncdevice: 'SyncDevice',
  rebootnow: 'RebootNow',
  shutdown: 'ShutDown',
  remotelock: 'RemoteLock',
  resetpasscode: 'ResetPasscode',
  recoverpasscode: 'ResetPasscode',
  retire: 'Retire',
  wipe: 'Wipe',
  cleanwindowsdevice: 'CleanPC',
  locatedevice: 'LocateDevice',
  bypassactivationlock: 'BypassActivationLock',
  enablelostmode: 'EnableLostMode',
  disablelostmode: 'DisableLostMode',
  playlostmodesound: 'PlayLostModeSound',
  windowsdefenderscan: 'WindowsDefender',
  windowsdefenderupdatesignatures: 'WindowsDefender',
  setdevicename: 'SetDeviceName',
  rotatebitlockerkeys: 'RotateBitLockerKeys',
  rotatefilevaultkey: 'RotateFileVaultKey',
  rotatelocaladminpassword: 'RotateLocalAdminPassword',
  requestremoteassistance: 'RequestRemoteAssistance',
  deleteuserfromsharedappledevice: 'ManageSharedDeviceUsers',
  logoutsharedappledeviceactiveuser: 'ManageSharedDeviceUsers',
  updatewindowsdeviceaccount: 'UpdateDeviceAccount',
  createdevicelogcollectionrequest: 'DeviceLogs',
  sendcustomnotificationtocompanyportal: 'CustomNotification',
  revokeapplevpplicenses: 'RevokeAppleVppLicenses',
  triggerconfigurationmanageraction: 'ConfigurationManagerAction',
  activatedeviceesim: 'ActivateDeviceEsim',
  removedevicefirmwareconfigurationinterfacemanagement: 'RemoveDFCIManagement',
  initiatedeviceattestation: 'InitiateDeviceAttestation',
  initiateondemandproactiveremediation: 'OnDemandProactiveRemediation',
  initiatemobiledevicemanagementkeyrecovery: 'InitiateMDMKeyRecovery',
  // ChromeOS has no remote tasks of its own in Intune's list: deprovision is its retire,
  // disable its lost-device lock (the demo's choice of the nearest permission).
  deprovision: 'Retire',
  disable: 'RemoteLock',
  reenable: 'RemoteLock',
};

/** Device actions that change the device record rather than ask the device to do something. */
const DEVICE_RECORD_ACTIONS: ReadonlySet<string> = new Set(['overridecompliancestate', 'movedevicetoorganizationalunit']);

/** Verbs Intune has no permission for on a resource, and the one it checks instead. */
const NEAREST: Readonly<Record<string, string>> = {
  // Devices are enrolled, never created through Graph; detected apps and malware are reported.
  'Microsoft.Intune_ManagedDevices_Create': 'Microsoft.Intune_ManagedDevices_Update',
  'Microsoft.Intune_Organization_Assign': 'Microsoft.Intune_Organization_Update',
};

function deviceActionPermission(action: string): string {
  if (DEVICE_RECORD_ACTIONS.has(action)) return 'Microsoft.Intune_ManagedDevices_Update';
  const known = REMOTE_TASK[action];
  if (known) return `Microsoft.Intune_RemoteTasks_${known}`;
  const name = DEVICE_ACTION_NAMES.get(action) ?? action;
  return `Microsoft.Intune_RemoteTasks_${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * A bulk action asks for what the same action on one device asks for (a bulk wipe needs
 * Wipe, a bulk delete needs ManagedDevices_Delete). An unknown name still needs a write
 * permission; the handler then refuses the name itself.
 */
function bulkActionPermission(body: Json | undefined): string {
  const actionName = isJsonObject(body) && typeof body['actionName'] === 'string' ? body['actionName'] : '';
  const target = bulkActionTarget(actionName);
  if (target === 'delete') return 'Microsoft.Intune_ManagedDevices_Delete';
  return target === undefined ? 'Microsoft.Intune_ManagedDevices_Update' : deviceActionPermission(target.toLowerCase());
}

/** The resource action a request needs, e.g. 'Microsoft.Intune_ManagedDevices_Delete'. */
export function resourceActionFor(method: string, pattern: string, body?: Json): string | undefined {
  const parts = pattern.split('/').filter(Boolean);
  const root = parts[0];
  if (root === 'me' || root === 'users') return 'Microsoft.Intune_ManagedDevices_Read';
  if (parts.length < 2) return 'Microsoft.Intune_Organization_' + (method === 'GET' ? 'Read' : 'Update');
  const resource = AREA_RESOURCE[parts[1] as string] ?? 'Organization';
  const last = parts[parts.length - 1] as string;
  const m = method.toUpperCase();
  if (parts[1] === 'manageddevices' && m === 'POST') {
    if (last === 'executeaction' && parts.length === 3) return bulkActionPermission(body);
    if (DEVICE_ACTION_NAMES.has(last) || REMOTE_TASK[last] || DEVICE_RECORD_ACTIONS.has(last)) return deviceActionPermission(last);
  }
  const verb = m === 'GET' ? 'Read'
    : last === 'assign' || last === 'assignments' ? 'Assign'
      : m === 'DELETE' ? 'Delete'
        : m === 'POST' && last !== '{id}' && parts.length === 2 ? 'Create'
          : 'Update';
  const action = `Microsoft.Intune_${resource}_${verb}`;
  return NEAREST[action] ?? action;
}

export type RoleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: 'noIntuneRole' | 'missingPermission'; readonly resourceAction: string };

export function checkIntuneRole(
  directory: Directory,
  graph: TenantGraph,
  user: { readonly tenantId: string; readonly userId: string; readonly wids: readonly string[] },
  resourceAction: string,
): RoleVerdict {
  if (user.wids.includes(ENTRA_ROLE.intuneAdministrator) || user.wids.includes(ENTRA_ROLE.globalAdministrator)) return { allowed: true };
  const allowed = allowedActions(directory, graph, user.tenantId, user.userId);
  if (allowed === undefined) return { allowed: false, reason: 'noIntuneRole', resourceAction };
  return allowed.has(resourceAction.toLowerCase()) ? { allowed: true } : { allowed: false, reason: 'missingPermission', resourceAction };
}

/** The union of resource actions of every role assigned to one of the user's groups; undefined = no Intune role at all. */
function allowedActions(directory: Directory, graph: TenantGraph, tenantId: string, userId: string): Set<string> | undefined {
  const groups = new Set(groupsOfUser(directory, tenantId, userId).map((g) => g.toLowerCase()));
  const dm = singleton(graph, 'deviceManagement');
  const assignments = navCollection(dm, 'roleAssignments')?.values() ?? [];
  const definitions = navCollection(dm, 'roleDefinitions');
  let found = false;
  const out = new Set<string>();
  for (const assignment of assignments) {
    const members = assignment.props['members'];
    if (!Array.isArray(members) || !members.some((m) => typeof m === 'string' && groups.has(m.toLowerCase()))) continue;
    for (const defId of assignment.links.get('roleDefinition') ?? []) {
      const def = definitions?.get(defId);
      if (!def) continue;
      found = true;
      for (const action of resourceActionsOf(def.props['rolePermissions'])) out.add(action.toLowerCase());
    }
  }
  return found ? out : undefined;
}

function* resourceActionsOf(rolePermissions: unknown): Generator<string> {
  if (!Array.isArray(rolePermissions)) return;
  for (const permission of rolePermissions) {
    if (!isJsonObject(permission)) continue;
    // v1.0 rolePermission carries `resourceActions`; the older beta shape had `actions`.
    const direct = permission['actions'];
    if (Array.isArray(direct)) for (const a of direct) if (typeof a === 'string') yield a;
    const resourceActions = permission['resourceActions'];
    if (!Array.isArray(resourceActions)) continue;
    for (const ra of resourceActions) {
      if (!isJsonObject(ra)) continue;
      const allowed = ra['allowedResourceActions'];
      if (Array.isArray(allowed)) for (const a of allowed) if (typeof a === 'string') yield a;
    }
  }
}
