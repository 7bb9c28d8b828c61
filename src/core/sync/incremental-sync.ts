// An incremental refresh: the devices whose lastSyncDateTime moved past the stored watermark
// (less a safety margin), upserted in one transaction. Intune has no delta query for
// managedDevices (FACTS §3), and a device that checks in, is acted on, or changes state gets a
// new lastSyncDateTime, so the watermark finds them. It cannot see devices deleted in Intune:
// the periodic full reconcile drops those (see device-sync.ts).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { TimeSource } from '../graph/time.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import { ProblemError } from '../problem.ts';
import { odataDateTime } from './enrolment-ranges.ts';
import type { DeviceLister } from './device-pages.ts';
import { DevicePages } from './device-pages.ts';
import { countIsTotal } from './partition-plan.ts';
import { ProgressMeter } from './progress-meter.ts';
import { problemOf } from './sync-problems.ts';
import type { IncrementalSyncResult, SyncListener } from './sync-model.ts';
import type { SyncSettings } from './sync-settings.ts';

export interface IncrementalSyncDeps {
  readonly client: DeviceLister;
  readonly store: InventoryStore;
  readonly time: TimeSource;
  readonly settings: SyncSettings;
  readonly emit: SyncListener;
}

/** The run found so many changes that a full sync is the better way; nothing was written. */
export interface TooManyChanges {
  readonly kind: 'tooManyChanges';
  readonly changed: number;
  readonly stored: number;
}

export async function runIncrementalSync(deps: IncrementalSyncDeps, signal?: AbortSignal): Promise<IncrementalSyncResult | TooManyChanges> {
  const { client, store, time, settings } = deps;
  const status = store.status();
  if (status.deviceWatermark === undefined) throw new RangeError('An incremental sync needs a stored snapshot with a watermark; run a full sync first.');
  const meter = new ProgressMeter('incremental', time, settings.progressIntervalMs, deps.emit);
  const startedAtMs = time.now();
  const startedAt = new Date(startedAtMs).toISOString();
  const since = odataDateTime(Date.parse(status.deviceWatermark) - settings.watermarkMarginMs);
  meter.phase('fetching');
  try {
    const changed = new Map<string, ManagedDevice>();
    let tooMany: TooManyChanges | undefined;
    const reader = new DevicePages(client, time, settings.throttledPatienceMs);
    await reader.each({ $top: settings.pageSize, $count: 'true', $filter: `lastSyncDateTime gt ${since}` }, signal, (page) => {
      if (meter.pagesFetched === 0) {
        const total = countIsTotal(page) ? page.count : undefined;
        meter.estimate(total);
        if (total !== undefined && total > settings.pageSize && total > status.deviceCount * settings.fullSyncShare) {
          tooMany = { kind: 'tooManyChanges', changed: total, stored: status.deviceCount };
          return 'stop';
        }
      }
      for (const device of page.value) {
        // Without an id the store refuses the batch and says which device; keep it for that.
        changed.set(typeof device.id === 'string' ? device.id.toLowerCase() : `#${changed.size}`, device);
      }
      meter.page(changed.size);
      return undefined;
    });
    if (tooMany) return tooMany;
    signal?.throwIfAborted();
    meter.phase('committing');
    const devices = [...changed.values()];
    const upserted = store.upsertDevices(devices, startedAt);
    const finishedAt = new Date(time.now()).toISOString();
    const runId = store.recordIncrementalRun({ startedAt, finishedAt, asOf: startedAt, upserted, removed: 0, status: 'succeeded' });
    meter.phase('done');
    const watermark = store.deviceWatermark();
    return {
      kind: 'incremental',
      runId,
      since,
      pagesFetched: meter.pagesFetched,
      devicesFetched: devices.length,
      upserted,
      asOf: startedAt,
      ...(watermark === undefined ? {} : { watermark }),
      seconds: (time.now() - startedAtMs) / 1000,
    };
  } catch (error) {
    const problem = problemOf(error, signal, status.asOf);
    try {
      store.recordIncrementalRun({
        startedAt,
        finishedAt: new Date(time.now()).toISOString(),
        asOf: startedAt,
        upserted: 0,
        removed: 0,
        status: problem.code === 'cancelled' ? 'aborted' : 'failed',
        error: problem.code === 'cancelled' ? `Cancelled: ${problem.message}` : problem.message,
      });
    } catch {
      // Recording the failure must not hide it.
    }
    if (error instanceof ProblemError && error.problem === problem) throw error;
    throw new ProblemError(problem);
  }
}
