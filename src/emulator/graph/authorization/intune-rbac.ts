// Intune role-based access: which resource action each request needs, and whether the
// signed-in user's role assignments allow it. Entra's Intune Administrator and Global
// Administrator roles carry every Intune permission without an Intune role assignment.
import type { Directory } from '../../directory/model.ts';
import { ENTRA_ROLE } from '../../directory/demo-directory.ts';
import { groupsOfUser } from '../../directory/lookup.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { navCollection, singleton } from '../model/tenant-graph.ts';
import { isJsonObject } from '../model/json.ts';
import { DEVICE_ACTIONS } from '../actions/index.ts';

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

/** Remote tasks, by device action, in Intune's resource-action words. */
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
  playlostmodesound: 'EnableLostMode',
  windowsdefenderscan: 'WindowsDefender',
  windowsdefenderupdatesignatures: 'WindowsDefender',
  setdevicename: 'SetDeviceName',
  rotatebitlockerkeys: 'RotateBitLockerKeys',
  rotatefilevaultkey: 'RotateFileVaultKey',
  requestremoteassistance: 'RequestRemoteAssistance',
  deleteuserfromsharedappledevice: 'ManageSharedDeviceUsers',
  logoutsharedappledeviceactiveuser: 'ManageSharedDeviceUsers',
  updatewindowsdeviceaccount: 'UpdateDeviceAccount',
  createdevicelogcollectionrequest: 'CollectDiagnostics',
  sendcustomnotificationtocompanyportal: 'SendCustomNotificationToCompanyPortal',
  revokeapplevpplicenses: 'RevokeAppleVppLicenses',
  triggerconfigurationmanageraction: 'ConfigurationManagerAction',
  executeaction: 'BulkDeviceActions',
};

/** The resource action a request needs, e.g. 'Microsoft.Intune_ManagedDevices_Delete'. */
export function resourceActionFor(method: string, pattern: string): string | undefined {
  const parts = pattern.split('/').filter(Boolean);
  const root = parts[0];
  if (root === 'me' || root === 'users') return 'Microsoft.Intune_ManagedDevices_Read';
  if (parts.length < 2) return 'Microsoft.Intune_Organization_' + (method === 'GET' ? 'Read' : 'Update');
  const resource = AREA_RESOURCE[parts[1] as string] ?? 'Organization';
  const last = parts[parts.length - 1] as string;
  const m = method.toUpperCase();
  const deviceAction = DEVICE_ACTION_NAMES.get(last);
  if (parts[1] === 'manageddevices' && m === 'POST' && (deviceAction || REMOTE_TASK[last])) {
    const pascal = deviceAction ? deviceAction.charAt(0).toUpperCase() + deviceAction.slice(1) : last;
    return `Microsoft.Intune_RemoteTasks_${REMOTE_TASK[last] ?? pascal}`;
  }
  if (m === 'GET') return `Microsoft.Intune_${resource}_Read`;
  if (last === 'assign' || last === 'assignments') return `Microsoft.Intune_${resource}_Assign`;
  if (m === 'DELETE') return `Microsoft.Intune_${resource}_Delete`;
  if (m === 'POST' && last !== '{id}' && parts.length === 2) return `Microsoft.Intune_${resource}_Create`;
  return `Microsoft.Intune_${resource}_Update`;
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
