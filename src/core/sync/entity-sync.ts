// The inventory's other entities (issue 3: users, apps, configurations, compliance policies,
// roles, tenant settings), refreshed after a device sync by the CLI and the desktop app alike.
//
// Each entity is asked for only when the sign-in already holds its feature's scopes: a sync runs
// unattended, so it never asks for consent; it says which feature would add the entity. Each
// entity is replaced whole in one transaction (InventoryStore.replaceEntities checks every item
// before it deletes anything), so a failure, a 403 or data the store cannot keep leaves that
// entity as it was and becomes its outcome; only cancellation is thrown.
import type { Feature } from '../auth/index.ts';
import { FEATURE_SCOPES } from '../auth/index.ts';
import { graphPaths } from '../graph/index.ts';
import type { CollectionPath } from '../graph/index.ts';
import type { EntityKind, InventoryEntities, InventoryStore } from '../inventory/index.ts';
import { ProblemError } from '../problem.ts';
import type { EntityOutcome, EntityReader, UnreadPart } from './entity-outcome.ts';
import { readServiceConfiguration } from './service-configuration.ts';
import { syncUsersFromDevices } from './users-from-devices.ts';

export interface EntitySyncOptions {
  readonly graph: EntityReader;
  /** The store the device sync just wrote: users are derived from its snapshot. */
  readonly store: InventoryStore;
  /** The scopes the sign-in holds (its ProfileSignIn), which decide what is asked for. */
  readonly grantedScopes: readonly string[];
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

type ListKind = Exclude<EntityKind, 'users' | 'serviceConfiguration'>;

interface ListSource<K extends ListKind> {
  readonly kind: K;
  readonly label: string;
  readonly feature: Feature;
  readonly path: CollectionPath<InventoryEntities[K]>;
}

const LISTS: readonly ListSource<ListKind>[] = [
  { kind: 'mobileApps', label: 'apps', feature: 'apps', path: graphPaths.mobileApps },
  { kind: 'deviceConfigurations', label: 'configuration profiles', feature: 'policies', path: graphPaths.deviceConfigurations },
  { kind: 'compliancePolicies', label: 'compliance policies', feature: 'policies', path: graphPaths.deviceCompliancePolicies },
  { kind: 'roleDefinitions', label: 'Intune roles', feature: 'roles', path: graphPaths.roleDefinitions },
  { kind: 'roleAssignments', label: 'Intune role assignments', feature: 'roles', path: graphPaths.roleAssignments },
];

interface Synced {
  readonly count: number;
  readonly unread: readonly UnreadPart[];
}

/** Refreshes every entity in turn and says how each went, in the order the inventory lists them. */
export async function syncEntities(options: EntitySyncOptions): Promise<readonly EntityOutcome[]> {
  const { graph, store, now, signal } = options;
  const granted = new Set(options.grantedScopes.map((s) => s.toLowerCase()));
  const holds = (feature: Feature): boolean => FEATURE_SCOPES[feature].every((s) => granted.has(s.toLowerCase()));
  const request = (feature: Feature): { readonly scopes: readonly string[]; readonly signal?: AbortSignal } => ({ scopes: FEATURE_SCOPES[feature], ...(signal ? { signal } : {}) });

  const run = async (kind: EntityKind, label: string, feature: Feature, work: () => Synced | Promise<Synced>): Promise<EntityOutcome> => {
    if (signal?.aborted) throw new ProblemError({ code: 'cancelled', message: 'The sync was cancelled before it refreshed the other entities; the inventory keeps what it had.' });
    if (!holds(feature)) return { kind, label, status: 'notGranted', feature };
    try {
      const synced = await work();
      return { kind, label, status: 'synced', count: synced.count, unread: synced.unread };
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.code === 'cancelled') throw error;
      return { kind, label, status: 'failed', problem: error.problem };
    }
  };

  const outcomes: EntityOutcome[] = [];
  // Users need no request: they come from the device snapshot, read with the devices' permission.
  outcomes.push(await run('users', 'users', 'browseDevices', () => ({ count: syncUsersFromDevices(store, now), unread: [] })));
  for (const list of LISTS) {
    outcomes.push(await run(list.kind, list.label, list.feature, async () => {
      const asOf = new Date(now()).toISOString();
      const items = await graph.all(list.path, request(list.feature));
      return { count: store.replaceEntities(list.kind, items, asOf), unread: [] };
    }));
  }
  outcomes.push(await run('serviceConfiguration', 'tenant settings', 'tenantSettings', async () => {
    const asOf = new Date(now()).toISOString();
    const read = await readServiceConfiguration(graph, holds, signal);
    return { count: store.replaceEntities('serviceConfiguration', read.items, asOf), unread: read.unread };
  }));
  return outcomes;
}
