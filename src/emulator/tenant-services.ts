// Per-tenant wiring: how a tenant's writes reach the journal, what remote actions get,
// and how $expand and links find related records.
import type { ActionDelays } from './admin.ts';
import type { Clock } from './clock.ts';
import { unrefTimers } from './graph/actions/index.ts';
import type { GraphCaller, TenantServices } from './graph/dispatch.ts';
import type { WriteRecorder } from './graph/handlers/handler-context.ts';
import { EntityCollection } from './graph/model/entity.ts';
import type { TenantGraph } from './graph/model/tenant-graph.ts';
import type { NavigationResolver } from './graph/odata/expand.ts';
import { resolveLink } from './graph/routing/links.ts';
import type { Journal } from './persistence/journal.ts';
import { toStored } from './persistence/journal.ts';
import { SeededRandom } from './rng.ts';

const DEVICES_LOCATION = ['deviceManagement', 'managedDevices'] as const;

export interface TenantServiceOptions {
  readonly graph: TenantGraph;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly seed: number;
  readonly actionDelays: ActionDelays;
  readonly knownUsers: ReadonlyMap<string, string>;
}

export function tenantServices(options: TenantServiceOptions): TenantServices {
  const { graph, journal, clock } = options;
  const tenantId = graph.tenantId;
  const writes: WriteRecorder = {
    put: (location, record) => journal.record({ op: 'put', tenantId, location: [...location], record: toStored(record) }),
    remove: (location, id) => journal.record({ op: 'delete', tenantId, location: [...location], id }),
    putSingle: (location, record) => journal.record({ op: 'putSingle', tenantId, location: [...location], record: toStored(record) }),
  };
  // Its own stream, so the outcomes of actions do not depend on how much data was generated.
  const random = new SeededRandom(options.seed, 7_001 + parseInt(tenantId.slice(0, 4), 16));
  const resolveNavigation: NavigationResolver = (record, navName) => {
    const linked = resolveLink(graph, record, navName);
    if (linked instanceof EntityCollection) return linked.values();
    if (linked === undefined) {
      const contained = record.nav.get(navName);
      if (contained instanceof EntityCollection) return contained.values();
      return contained ?? null;
    }
    return linked;
  };
  return {
    graph,
    writes,
    knownUsers: options.knownUsers,
    resolveNavigation,
    actionDeps: (caller: GraphCaller) => ({
      graph,
      clock,
      random,
      schedule: unrefTimers,
      delays: options.actionDelays,
      changed: (device) => writes.put(DEVICES_LOCATION, device),
      removed: (id) => writes.remove(DEVICES_LOCATION, id),
      initiatedBy: caller.upn,
    }),
  };
}
