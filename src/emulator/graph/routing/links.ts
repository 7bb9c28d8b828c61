// Non-contained navigation: references from one entity to entities that live in another
// collection (a device's category, a role assignment's definition, the devices an app was
// detected on). Records keep ids in `links`; this resolves them to live records.
import { EntityCollection } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { managedDevices, navCollection, singleton } from '../model/tenant-graph.ts';

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
function reverseLink(graph: TenantGraph, record: EntityRecord, navName: string): EntityCollection | undefined {
  const id = String(record.props['id'] ?? '').toLowerCase();
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
