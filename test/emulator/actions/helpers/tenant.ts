// A one-tenant graph holding the given devices, wired to a driven clock and scheduler,
// with the journal hooks recorded for assertions.
import { ManualClock } from '../../../../src/emulator/clock.ts';
import type { ActionDeps } from '../../../../src/emulator/graph/actions/index.ts';
import { DeviceCollection } from '../../../../src/emulator/graph/model/device-collection.ts';
import { entityRecord, idOf } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { TenantGraph } from '../../../../src/emulator/graph/model/tenant-graph.ts';
import { SeededRandom } from '../../../../src/emulator/rng.ts';
import { DrivenScheduler } from './scheduler.ts';

export const START = Date.parse('2026-03-02T09:00:00.000Z');
export const COMPLETE_MS = 60_000;
export const REMOVE_MS = 300_000;

export interface Harness {
  readonly deps: ActionDeps;
  readonly graph: TenantGraph;
  readonly devices: DeviceCollection;
  readonly scheduler: DrivenScheduler;
  readonly clock: ManualClock;
  /** Ids passed to `changed`, in call order. */
  readonly changed: string[];
  readonly removed: string[];
}

export function harness(devices: readonly EntityRecord[], seed = 42, initiatedBy?: string): Harness {
  const collection = new DeviceCollection();
  for (const d of devices) collection.put(d);
  const deviceManagement = entityRecord('deviceManagement', { id: 'deviceManagement' });
  deviceManagement.nav.set('managedDevices', collection);
  const graph: TenantGraph = { tenantId: 'contoso', singletons: new Map([['devicemanagement', deviceManagement]]) };
  const clock = new ManualClock(START);
  const scheduler = new DrivenScheduler(clock);
  const changed: string[] = [];
  const removed: string[] = [];
  const deps: ActionDeps = {
    graph,
    clock,
    random: new SeededRandom(seed, 7),
    schedule: scheduler.schedule,
    delays: { completeMs: COMPLETE_MS, removeMs: REMOVE_MS },
    changed: (d) => changed.push(idOf(d)),
    removed: (id) => removed.push(id),
    ...(initiatedBy === undefined ? {} : { initiatedBy }),
  };
  return { deps, graph, devices: collection, scheduler, clock, changed, removed };
}
