// deviceAppManagement/managedAppPolicies is a view in the real service: every app
// protection and app configuration policy, of whatever platform. The generator does not
// store it a second time; the router lists this union (records are shared, not copied).
import type { EntityRecord } from '../graph/model/entity.ts';
import type { TenantGraph } from '../graph/model/tenant-graph.ts';
import { navCollection } from '../graph/model/tenant-graph.ts';

const SOURCES = ['iosManagedAppProtections', 'androidManagedAppProtections', 'defaultManagedAppProtections', 'targetedManagedAppConfigurations'] as const;

export function managedAppPolicies(graph: TenantGraph): EntityRecord[] {
  const dam = graph.singletons.get('deviceappmanagement');
  if (!dam) return [];
  return SOURCES.flatMap((name) => [...(navCollection(dam, name)?.values() ?? [])]);
}
