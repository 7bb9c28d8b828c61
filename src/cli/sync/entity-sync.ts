// The inventory's other entities (apps, configuration profiles, compliance policies, Intune
// roles), fetched after the devices. The core sync engine covers devices only so far; this is
// the CLI's stopgap until it covers these too (then this file goes). Each entity is asked for
// only when the sign-in already holds its permission: sync never asks for consent on its own,
// it says which "login --feature" would add the entity.
import { FEATURE_SCOPES } from '../../core/auth/index.ts';
import type { Feature } from '../../core/auth/index.ts';
import { graphPaths } from '../../core/graph/index.ts';
import type { GraphClient } from '../../core/graph/index.ts';
import type { EntityKind, InventoryEntities, InventoryStore } from '../../core/inventory/index.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Problem } from '../../core/problem.ts';

interface EntitySource {
  readonly kind: Exclude<EntityKind, 'users' | 'serviceConfiguration'>;
  readonly label: string;
  readonly feature: Feature;
  readonly path: string;
}

const SOURCES: readonly EntitySource[] = [
  { kind: 'mobileApps', label: 'apps', feature: 'apps', path: graphPaths.mobileApps.path },
  { kind: 'deviceConfigurations', label: 'configuration profiles', feature: 'policies', path: graphPaths.deviceConfigurations.path },
  { kind: 'compliancePolicies', label: 'compliance policies', feature: 'policies', path: graphPaths.deviceCompliancePolicies.path },
  { kind: 'roleDefinitions', label: 'Intune roles', feature: 'roles', path: graphPaths.roleDefinitions.path },
  { kind: 'roleAssignments', label: 'Intune role assignments', feature: 'roles', path: graphPaths.roleAssignments.path },
];

export type EntityOutcome =
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'synced'; readonly count: number }
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'notGranted'; readonly feature: Feature }
  | { readonly kind: EntityKind; readonly label: string; readonly status: 'failed'; readonly problem: Problem };

export async function syncEntities(graph: GraphClient, store: InventoryStore, grantedScopes: readonly string[], now: () => number, signal: AbortSignal): Promise<readonly EntityOutcome[]> {
  const granted = new Set(grantedScopes.map((s) => s.toLowerCase()));
  const outcomes: EntityOutcome[] = [];
  for (const source of SOURCES) {
    const scopes = FEATURE_SCOPES[source.feature];
    if (!scopes.every((s) => granted.has(s.toLowerCase()))) {
      outcomes.push({ kind: source.kind, label: source.label, status: 'notGranted', feature: source.feature });
      continue;
    }
    const asOf = new Date(now()).toISOString();
    try {
      const items = await graph.all<InventoryEntities[EntitySource['kind']]>(source.path, { scopes, signal });
      const count = store.replaceEntities(source.kind, items, asOf);
      outcomes.push({ kind: source.kind, label: source.label, status: 'synced', count });
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.code === 'cancelled') throw error;
      outcomes.push({ kind: source.kind, label: source.label, status: 'failed', problem: error.problem });
    }
  }
  return outcomes;
}
