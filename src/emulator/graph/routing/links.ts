// Non-contained navigation: references from one entity to entities that live in another
// collection (a device's category, a role assignment's definition, the devices an app was
// detected on). Records keep ids in `links`; this resolves them to live records.
import { EntityCollection } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { managedDevices, navCollection, singleton } from '../model/tenant-graph.ts';
import { deviceDetail } from '../../data/device-detail.ts';
import { managedAppPolicies } from '../../data/managed-app-policies.ts';

/** The seed each tenant's per-device detail is derived from (set once when the tenant is made). */
const detailSeeds = new WeakMap<TenantGraph, number>();

export function setDeviceDetailSeed(graph: TenantGraph, seed: number): void {
  detailSeeds.set(graph, seed);
}

/** Where entities of each referenced type live. */
const HOME: Readonly<Record<string, readonly [('deviceManagement' | 'deviceAppManagement'), string]>> = {
  deviceCategory: ['deviceManagement', 'deviceCategories'],
  detectedApp: ['deviceManagement', 'detectedApps'],
  roleDefinition: ['deviceManagement', 'roleDefinitions'],
  deviceAndAppManagementRoleDefinition: ['deviceManagement', 'roleDefinitions'],
  mobileAppCategory: ['deviceAppManagement', 'mobileAppCategories'],
};

/** Navigation properties whose target is found by the link name rather than the record's own type. */
const LINK_TARGET: Readonly<Record<string, string>> = {
  deviceCategory: 'deviceCategory',
  detectedApps: 'detectedApp',
  roleDefinition: 'roleDefinition',
  categories: 'mobileAppCategory',
};

/**
 * A collection, a record, null (a reference that points nowhere), or undefined when
 * `navName` is not a reference navigation of this record.
 */
export function resolveLink(graph: TenantGraph, record: EntityRecord, navName: string): EntityCollection | EntityRecord | null | undefined {
  const reverse = reverseLink(graph, record, navName);
  if (reverse !== undefined) return reverse;
  const ids = record.links.get(navName);
  const targetType = LINK_TARGET[navName];
  if (!ids || !targetType) return undefined;
  const home = homeCollection(graph, targetType);
  if (!home) return undefined;
  const found = ids.map((id) => home.get(id)).filter((r): r is EntityRecord => r !== undefined);
  if (navName === 'deviceCategory' || navName === 'roleDefinition') return found[0] ?? null;
  const view = new EntityCollection(home.elementType);
  for (const r of found) view.put(r);
  return view;
}

function homeCollection(graph: TenantGraph, type: string): EntityCollection | undefined {
  const home = HOME[type];
  if (!home) return undefined;
  return navCollection(singleton(graph, home[0]), home[1]);
}

/** References held on the other side: assignments of a role, devices an app was seen on. */
function reverseLink(graph: TenantGraph, record: EntityRecord, navName: string): EntityCollection | EntityRecord | null | undefined {
  const id = String(record.props['id'] ?? '').toLowerCase();
  const derived = derivedDetail(graph, record, navName);
  if (derived !== undefined) return derived;
  if (navName === 'managedAppPolicies' && record.type === 'deviceAppManagement') {
    return viewOf('managedAppPolicy', managedAppPolicies(graph));
  }
  if (navName === 'roleAssignments' && record.type.toLowerCase().endsWith('roledefinition')) {
    const all = navCollection(singleton(graph, 'deviceManagement'), 'roleAssignments');
    const view = new EntityCollection('roleAssignment');
    for (const a of all?.values() ?? []) {
      if ((a.links.get('roleDefinition') ?? []).some((x) => x.toLowerCase() === id)) view.put(a);
    }
    return view;
  }
  if (navName === 'managedDevices' && record.type === 'detectedApp') {
    const view = new EntityCollection('managedDevice');
    for (const d of managedDevices(graph).values()) {
      if ((d.links.get('detectedApps') ?? []).some((x) => x.toLowerCase() === id)) view.put(d);
    }
    return view;
  }
  return undefined;
}

/**
 * A device's compliance and configuration states and Windows protection state are derived
 * from the device on demand: storing them for 100,000 devices would cost more than they are read.
 */
function derivedDetail(graph: TenantGraph, record: EntityRecord, navName: string): EntityCollection | EntityRecord | null | undefined {
  if (record.type !== 'managedDevice' && !record.type.endsWith('ManagedDevice')) return undefined;
  if (navName !== 'deviceCompliancePolicyStates' && navName !== 'deviceConfigurationStates' && navName !== 'windowsProtectionState') return undefined;
  const seed = detailSeeds.get(graph);
  if (seed === undefined) return undefined;
  const detail = deviceDetail(record, graph, seed);
  if (navName === 'windowsProtectionState') return detail.windowsProtectionState ?? null;
  return viewOf(navName === 'deviceCompliancePolicyStates' ? 'deviceCompliancePolicyState' : 'deviceConfigurationState',
    navName === 'deviceCompliancePolicyStates' ? detail.compliancePolicyStates : detail.configurationStates);
}

function viewOf(elementType: string, records: readonly EntityRecord[]): EntityCollection {
  const view = new EntityCollection(elementType);
  for (const r of records) view.put(r);
  return view;
}
