// Intune RBAC as generated: built-in roles with Intune's names and permissions, the
// assignments that give the directory's role groups their roles, and the operation catalog.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLE_GROUPS } from '../../../src/emulator/directory/demo-directory.ts';
import { RESOURCE_ACTIONS, allResourceActions } from '../../../src/emulator/data/resource-actions.ts';
import { roleDefinitionId } from '../../../src/emulator/data/roles.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { collectionOf, contoso, northwind, text } from './fixtures.ts';

const data = contoso({ devices: 100 });
const definitions = collectionOf(data, 'deviceManagement', 'roleDefinitions').values();
const byName = (name: string): EntityRecord => {
  const found = definitions.find((d) => d.props['displayName'] === name);
  assert.ok(found, name);
  return found;
};
function allowed(role: EntityRecord): string[] {
  const permissions = role.props['rolePermissions'];
  assert.ok(Array.isArray(permissions));
  return permissions.flatMap((p) => {
    const actions = (p as { resourceActions: { allowedResourceActions: string[] }[] }).resourceActions;
    return actions.flatMap((a) => a.allowedResourceActions);
  });
}

test('the built-in roles exist under Intune\'s names, built in, with fixed ids', () => {
  for (const name of ['Policy and Profile Manager', 'School Administrator', 'Help Desk Operator', 'Application Manager', 'Read Only Operator', 'Intune Role Administrator', 'Endpoint Security Manager'] as const) {
    const role = byName(name);
    assert.equal(role.props['isBuiltIn'], true);
    assert.equal(role.type, 'deviceAndAppManagementRoleDefinition');
    assert.equal(role.props['id'], roleDefinitionId(name));
  }
  assert.ok(definitions.some((d) => d.props['isBuiltIn'] === false), 'a custom role');
  // Built-in ids are the same in another tenant.
  const other = collectionOf(northwind({ devices: 50 }), 'deviceManagement', 'roleDefinitions');
  assert.ok(other.get(roleDefinitionId('Help Desk Operator')));
});

test('Help Desk Operator: reads, updates devices, runs every remote task, but cannot delete devices or write policies', () => {
  const hdo = allowed(byName('Help Desk Operator'));
  assert.ok(hdo.includes('Microsoft.Intune_RemoteTasks_Wipe'));
  assert.ok(hdo.includes('Microsoft.Intune_RemoteTasks_Retire'));
  assert.ok(hdo.includes('Microsoft.Intune_RemoteTasks_EnableLostMode'));
  assert.ok(hdo.includes('Microsoft.Intune_ManagedDevices_Update'));
  assert.ok(hdo.includes('Microsoft.Intune_DeviceCompliancePolices_Read'));
  assert.ok(!hdo.includes('Microsoft.Intune_ManagedDevices_Delete'));
  const policyWrites = hdo.filter((a) => /_(DeviceConfigurations|DeviceCompliancePolices|MobileApps|Roles)_(Create|Update|Delete|Assign)$/.test(a));
  assert.deepEqual(policyWrites, []);
});

test('Read Only Operator has only _Read actions', () => {
  const roo = allowed(byName('Read Only Operator'));
  assert.ok(roo.length > 5);
  assert.deepEqual(roo.filter((a) => !a.endsWith('_Read')), []);
});

test('resourceOperations list every action any role uses, and the action map is well formed', () => {
  const operations = collectionOf(data, 'deviceManagement', 'resourceOperations');
  for (const role of definitions) for (const action of allowed(role)) assert.ok(operations.get(action), `${action} has a resourceOperation`);
  for (const op of operations.values()) {
    assert.equal(text(op, 'id'), `Microsoft.Intune_${text(op, 'resource')}_${text(op, 'actionName')}`);
    assert.ok(text(op, 'resourceName').length > 0 && text(op, 'description').length > 0);
  }
  assert.equal(operations.size, allResourceActions().length);
  assert.equal(RESOURCE_ACTIONS.ManagedDevices.Delete, 'Microsoft.Intune_ManagedDevices_Delete');
  assert.equal(RESOURCE_ACTIONS.DeviceCompliancePolices.Read, 'Microsoft.Intune_DeviceCompliancePolices_Read');
  for (const a of allResourceActions()) assert.match(a, /^Microsoft\.Intune_[A-Za-z]+_[A-Za-z]+$/);
});

test('role assignments give the directory role groups their roles, linked to the definition', () => {
  const assignments = collectionOf(data, 'deviceManagement', 'roleAssignments').values();
  const holding = (groupId: string): EntityRecord[] => assignments.filter((a) => (a.props['members'] as string[]).includes(groupId));
  const helpdesk = holding(ROLE_GROUPS.contosoHelpdesk.id);
  assert.equal(helpdesk.length, 1);
  assert.deepEqual(helpdesk[0]?.links.get('roleDefinition'), [roleDefinitionId('Help Desk Operator')]);
  assert.deepEqual(helpdesk[0]?.props['resourceScopes'], []);
  assert.equal(helpdesk[0]?.props['scopeType'], 'allDevicesAndLicensedUsers');
  const readers = holding(ROLE_GROUPS.contosoReaders.id);
  assert.deepEqual(readers[0]?.links.get('roleDefinition'), [roleDefinitionId('Read Only Operator')]);
  // The role definition lists its own assignments too.
  const hdo = byName('Help Desk Operator');
  assert.ok((hdo.nav.get('roleAssignments') as { get(id: string): unknown }).get(text(helpdesk[0] as EntityRecord, 'id')));
  const nw = collectionOf(northwind({ devices: 50 }), 'deviceManagement', 'roleAssignments').values();
  assert.ok(nw.some((a) => (a.props['members'] as string[]).includes(ROLE_GROUPS.northwindHelpdesk.id)));
  assert.ok(!nw.some((a) => (a.props['members'] as string[]).includes(ROLE_GROUPS.contosoHelpdesk.id)));
});

test('a scoped assignment exists, and its members are not the personas', () => {
  const scoped = collectionOf(data, 'deviceManagement', 'roleAssignments').values().find((a) => (a.props['resourceScopes'] as string[]).length > 0);
  assert.ok(scoped);
  const groupIds = scoped.props['members'] as string[];
  const personas = new Set(data.users.filter((u) => u.fromDirectory).map((u) => u.id));
  for (const g of data.groups.filter((x) => groupIds.includes(x.id))) assert.ok(g.memberIds.every((m) => !personas.has(m)));
});
