// One tenant's Graph data: the two Intune singletons and everything reachable from them.
import type { EntityCollection, EntityRecord } from './entity.ts';
import { DeviceCollection } from './device-collection.ts';

export interface TenantGraph {
  readonly tenantId: string;
  /** `deviceManagement` and `deviceAppManagement`, by lower-cased name. */
  readonly singletons: Map<string, EntityRecord>;
}

export function singleton(graph: TenantGraph, name: 'deviceManagement' | 'deviceAppManagement'): EntityRecord {
  const found = graph.singletons.get(name.toLowerCase());
  if (!found) throw new Error(`Tenant ${graph.tenantId} has no ${name}`);
  return found;
}

/** A contained collection under a record, by navigation name (case-insensitive, as Graph's segments are). */
export function navCollection(record: EntityRecord, name: string): EntityCollection | undefined {
  const key = [...record.nav.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  const found = key === undefined ? undefined : record.nav.get(key);
  return found && 'elementType' in found ? found : undefined;
}

export function managedDevices(graph: TenantGraph): DeviceCollection {
  const found = navCollection(singleton(graph, 'deviceManagement'), 'managedDevices');
  if (!(found instanceof DeviceCollection)) throw new Error('managedDevices must be a DeviceCollection');
  return found;
}
