// What every Graph handler gets: the request, where its path led, and the tenant's services.
import type { ActionDeps } from '../actions/index.ts';
import type { ErrorContext } from '../errors.ts';
import type { GraphRequest } from '../exchange.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import type { NavigationResolver } from '../odata/expand.ts';
import type { Resolved } from '../routing/resolve.ts';
import type { Clock } from '../../clock.ts';

/** Records writes so they survive a restart; locations are key paths from a singleton to a collection. */
export interface WriteRecorder {
  put(location: readonly string[], record: EntityRecord): void;
  remove(location: readonly string[], id: string): void;
  putSingle(location: readonly string[], record: EntityRecord): void;
}

export interface HandlerContext {
  readonly request: GraphRequest;
  readonly resolved: Resolved;
  /** Key path of the request, `managedDevices('x')` already split: ['deviceManagement', 'managedDevices', 'x']. */
  readonly segments: readonly string[];
  readonly graph: TenantGraph;
  readonly errors: ErrorContext;
  readonly clock: Clock;
  readonly writes: WriteRecorder;
  readonly actionDeps: ActionDeps;
  readonly resolveNavigation: NavigationResolver;
}
