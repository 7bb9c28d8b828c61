// Realistic Graph data for the inventory tests: the demo tenant's generator, serialized exactly as
// a beta list page sends it (what the sync engine will hand the store).
import type { DeviceCompliancePolicy, DeviceConfiguration, ManagedDevice, MobileApp, RoleAssignment, RoleDefinition, User } from '@microsoft/microsoft-graph-types-beta';
import { generateTenantData } from '../../../../src/emulator/data/generate-tenant.ts';
import type { DemoTenantData } from '../../../../src/emulator/data/generate-tenant.ts';
import { CONTOSO, demoDirectory } from '../../../../src/emulator/directory/demo-directory.ts';
import { managedDevices, navCollection, singleton } from '../../../../src/emulator/graph/model/tenant-graph.ts';
import { serializeEntity } from '../../../../src/emulator/graph/odata/serialize.ts';

/** "Now" for the generated data and for the store's clock in tests. */
export const ANCHOR = Date.UTC(2026, 10, 1);
export const DAY = 86_400_000;

const tenants = new Map<string, DemoTenantData>();

export function tenantData(devices: number, seed = 1): DemoTenantData {
  const key = `${devices}/${seed}`;
  let data = tenants.get(key);
  if (!data) {
    data = generateTenantData(demoDirectory(), { tenantId: CONTOSO.id, devices, seed, anchorTime: ANCHOR });
    tenants.set(key, data);
  }
  return data;
}

/** Devices as a beta managedDevices list page carries them. Fresh objects on every call. */
export function graphDevices(count: number, seed = 1): ManagedDevice[] {
  return managedDevices(tenantData(count, seed).graph)
    .values()
    .map((record) => JSON.parse(JSON.stringify(serializeEntity(record, { version: 'beta', inList: true, declaredType: 'managedDevice' }))) as ManagedDevice);
}

export function pages<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function collection<T>(count: number, owner: 'deviceManagement' | 'deviceAppManagement', nav: string, declaredType: string): T[] {
  const found = navCollection(singleton(tenantData(count).graph, owner), nav);
  if (!found) throw new Error(`no ${nav}`);
  return found.values().map((record) => JSON.parse(JSON.stringify(serializeEntity(record, { version: 'beta', inList: true, declaredType }))) as T);
}

export function graphMobileApps(devices = 200): MobileApp[] {
  return collection<MobileApp>(devices, 'deviceAppManagement', 'mobileApps', 'mobileApp');
}

export function graphConfigurations(devices = 200): DeviceConfiguration[] {
  return collection<DeviceConfiguration>(devices, 'deviceManagement', 'deviceConfigurations', 'deviceConfiguration');
}

export function graphCompliancePolicies(devices = 200): DeviceCompliancePolicy[] {
  return collection<DeviceCompliancePolicy>(devices, 'deviceManagement', 'deviceCompliancePolicies', 'deviceCompliancePolicy');
}

export function graphRoleDefinitions(devices = 200): RoleDefinition[] {
  return collection<RoleDefinition>(devices, 'deviceManagement', 'roleDefinitions', 'roleDefinition');
}

export function graphRoleAssignments(devices = 200): RoleAssignment[] {
  return collection<RoleAssignment>(devices, 'deviceManagement', 'roleAssignments', 'roleAssignment');
}

/** The tenant's people as Graph's /users would list them. */
export function graphUsers(devices = 200): User[] {
  return tenantData(devices).users.map((u) => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    mail: u.mail,
    givenName: u.givenName,
    surname: u.surname,
    department: u.department,
    jobTitle: u.jobTitle,
    officeLocation: u.officeLocation,
  }));
}
