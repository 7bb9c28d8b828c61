// Intune RBAC: the built-in role definitions (ids fixed across tenants and seeds, as
// Intune's are), one custom role, the assignments that give the directory's role groups
// their roles, the scope tags (beta) and the resourceOperations catalog.
import type { Tenant } from '../directory/model.ts';
import { ROLE_GROUPS } from '../directory/demo-directory.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, frozen, record } from './records.ts';
import { RESOURCE_ACTIONS, resourceOperations } from './resource-actions.ts';
import type { ResourceActionName, ResourceKey } from './resource-actions.ts';
import { namedGuid } from './seeds.ts';
import type { TenantGroups } from './users.ts';

const R = RESOURCE_ACTIONS;
const every = (key: ResourceKey): ResourceActionName[] => Object.values(R[key]);
const reads = (): ResourceActionName[] => (Object.keys(R) as ResourceKey[]).flatMap((k) => Object.entries(R[k]).filter(([a]) => a === 'Read').map(([, v]) => v as ResourceActionName));

export type BuiltInRole =
  | 'Policy and Profile Manager' | 'School Administrator' | 'Help Desk Operator' | 'Application Manager'
  | 'Read Only Operator' | 'Intune Role Administrator' | 'Endpoint Security Manager';

interface RoleSpec {
  readonly description: string;
  readonly allowed: readonly ResourceActionName[];
}

export const BUILT_IN_ROLES: Readonly<Record<BuiltInRole, RoleSpec>> = {
  'Policy and Profile Manager': {
    description: 'Policy and Profile Managers manage compliance policies, configuration profiles, Apple enrollment, corporate device identifiers and security baselines.',
    allowed: [...every('DeviceConfigurations'), ...every('DeviceCompliancePolices'), ...every('TermsAndConditions'), ...every('CorporateDeviceIdentifiers'), ...every('EnrollmentProgramToken'), ...every('DeviceEnrollmentManagers'), R.ManagedDevices.Read, R.ManagedDevices.ViewReports, R.MobileApps.Read, R.ManagedApps.Read, R.Organization.Read, R.AuditData.Read, R.SecurityBaselines.Read, R.RemoteTasks.RotateBitLockerKeys, R.RemoteTasks.RotateFileVaultKey],
  },
  'School Administrator': {
    description: 'School Administrators manage apps and settings for their groups, and can take remote actions on devices such as locking, restarting and retiring them.',
    allowed: [...every('MobileApps'), ...every('ManagedApps'), R.ManagedDevices.Read, R.ManagedDevices.Update, R.ManagedDevices.Delete, R.RemoteTasks.Wipe, R.RemoteTasks.Retire, R.RemoteTasks.RemoteLock, R.RemoteTasks.ResetPasscode, R.RemoteTasks.SyncDevice, R.RemoteTasks.RebootNow, R.RemoteTasks.ManageSharedDeviceUsers, R.RemoteTasks.EnableLostMode, R.RemoteTasks.DisableLostMode, R.RemoteTasks.LocateDevice, R.RemoteTasks.SetDeviceName, R.RemoteTasks.RevokeAppleVppLicenses, ...every('DeviceConfigurations'), ...every('DeviceCompliancePolices'), ...every('EnrollmentProgramToken'), R.Organization.Read, R.Roles.Read, R.AuditData.Read],
  },
  'Help Desk Operator': {
    description: 'Help Desk Operators perform remote tasks on users and devices. They can read everything, but cannot delete devices or change policies.',
    allowed: [...reads(), R.ManagedDevices.Update, R.ManagedDevices.ViewReports, ...every('RemoteTasks'), R.ManagedApps.Wipe, R.DeviceConfigurations.ViewReports, R.DeviceCompliancePolices.ViewReports],
  },
  'Application Manager': {
    description: 'Application Managers manage mobile and managed applications, can read device information and can view device configuration profiles.',
    allowed: [...every('MobileApps'), ...every('ManagedApps'), ...every('AndroidSync'), R.ManagedDevices.Read, R.DeviceConfigurations.Read, R.DeviceCompliancePolices.Read, R.Organization.Read, R.AuditData.Read],
  },
  'Read Only Operator': {
    description: 'Read Only Operators can view user, device, enrollment, configuration and application information but cannot make changes to Intune.',
    allowed: reads(),
  },
  'Intune Role Administrator': {
    description: 'Intune Role Administrators manage custom Intune roles and add assignments for built-in Intune roles.',
    allowed: [...every('Roles'), R.Organization.Read, R.AuditData.Read],
  },
  'Endpoint Security Manager': {
    description: 'Manages security and compliance features such as security baselines, device compliance, conditional access and Microsoft Defender for Endpoint.',
    allowed: [R.ManagedDevices.Read, R.ManagedDevices.Update, R.ManagedDevices.Delete, R.ManagedDevices.ViewReports, ...every('SecurityBaselines'), ...every('SecurityTasks'), ...every('DeviceCompliancePolices'), R.DeviceConfigurations.Read, R.DeviceConfigurations.ViewReports, ...every('MobileThreatDefense'), R.RemoteTasks.RebootNow, R.RemoteTasks.SyncDevice, R.RemoteTasks.WindowsDefender, R.RemoteTasks.RotateBitLockerKeys, R.RemoteTasks.RotateFileVaultKey, R.Organization.Read, R.AuditData.Read, R.ManagedApps.Read, R.MobileApps.Read],
  },
};

/** Built-in role ids are the same in every tenant. */
export function roleDefinitionId(role: BuiltInRole): string {
  return namedGuid(`intune-role:${role}`);
}

function definition(id: string, displayName: string, description: string, isBuiltIn: boolean, allowed: readonly ResourceActionName[]): EntityRecord {
  return record('deviceAndAppManagementRoleDefinition', {
    id,
    displayName,
    description,
    isBuiltIn,
    isBuiltInRoleDefinition: isBuiltIn,
    rolePermissions: [{ resourceActions: [{ allowedResourceActions: [...new Set(allowed)], notAllowedResourceActions: [] }] }],
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
  });
}

/** Which directory role group holds which built-in role. */
const DIRECTORY_ROLE_GROUPS: readonly (readonly [groupId: string, tenantId: string, role: BuiltInRole])[] = [
  [ROLE_GROUPS.contosoHelpdesk.id, ROLE_GROUPS.contosoHelpdesk.tenantId, 'Help Desk Operator'],
  [ROLE_GROUPS.contosoReaders.id, ROLE_GROUPS.contosoReaders.tenantId, 'Read Only Operator'],
  [ROLE_GROUPS.northwindHelpdesk.id, ROLE_GROUPS.northwindHelpdesk.tenantId, 'Help Desk Operator'],
];

export interface Roles {
  readonly definitions: readonly EntityRecord[];
  readonly assignments: readonly EntityRecord[];
  readonly operations: readonly EntityRecord[];
  readonly scopeTags: readonly EntityRecord[];
}

export function generateRoles(tenant: Tenant, org: string, groups: TenantGroups): Roles {
  const definitions = (Object.keys(BUILT_IN_ROLES) as BuiltInRole[]).map((role) => definition(roleDefinitionId(role), role, BUILT_IN_ROLES[role].description, true, BUILT_IN_ROLES[role].allowed));
  const tier1 = R.RemoteTasks;
  definitions.push(definition(namedGuid(`custom-role:${tenant.id}:tier1`), `${org} Tier 1 Support`, 'Custom role: first-line support can look up devices and run non-destructive remote actions.', false,
    [R.ManagedDevices.Read, tier1.SyncDevice, tier1.RebootNow, tier1.RemoteLock, tier1.ResetPasscode, tier1.LocateDevice, R.MobileApps.Read, R.Organization.Read]));

  const assignment = (id: string, displayName: string, description: string, members: readonly string[], role: BuiltInRole, scope: readonly string[]): EntityRecord => {
    const a = record('deviceAndAppManagementRoleAssignment', {
      id,
      displayName,
      description,
      members: [...members],
      resourceScopes: [...scope],
      // Empty resourceScopes with this scope type is how the admin center stores "All users and all devices".
      scopeType: scope.length === 0 ? 'allDevicesAndLicensedUsers' : 'resourceScope',
    });
    a.links.set('roleDefinition', frozen([roleDefinitionId(role)]));
    return a;
  };
  const assignments = DIRECTORY_ROLE_GROUPS.filter(([, tenantId]) => tenantId === tenant.id).map(([groupId, , role]) => {
    const groupName = groups.all.find((g) => g.id === groupId)?.displayName ?? 'Role group';
    return assignment(namedGuid(`role-assignment:${groupId}`), `${groupName} - ${role}`, `Gives ${groupName} the ${role} role for all users and devices.`, [groupId], role, []);
  });
  const emea = groups.byKey.emeaServiceDesk;
  assignments.push(assignment(namedGuid(`role-assignment:${emea.id}`), 'EMEA service desk - Help Desk Operator (EMEA scope)', 'Regional service desk, limited to devices of EMEA users.', [emea.id], 'Help Desk Operator', [groups.byKey.emeaUsers.id]));

  for (const def of definitions) {
    const mine = assignments.filter((a) => a.links.get('roleDefinition')?.[0] === def.props['id']);
    attachCollection(def, 'roleAssignments', mine);
  }

  const operations = resourceOperations().map((o) => record('resourceOperation', {
    id: o.id,
    resourceName: o.resourceName,
    actionName: o.actionName,
    description: o.description,
    resource: o.resource,
    enabledForScopeValidation: o.resource !== 'Organization' && o.resource !== 'Roles' && o.resource !== 'AuditData',
  }));
  const scopeTags = [
    record('roleScopeTag', { id: '0', displayName: 'Default', description: 'Built-in scope tag: objects without another tag.', isBuiltIn: true }),
    record('roleScopeTag', { id: '1', displayName: 'EMEA', description: 'Objects administered by the EMEA service desk.', isBuiltIn: false }),
    record('roleScopeTag', { id: '2', displayName: 'Americas', description: 'Objects administered by the Americas service desk.', isBuiltIn: false }),
  ];
  return { definitions, assignments, operations, scopeTags };
}
