// When a refresh must be a full sync. Incremental runs never see devices deleted, retired or
// wiped in Intune (they just stop appearing), so a full sync, which replaces the whole snapshot,
// runs once the last one is old enough or enough incremental runs came after it.
import type { InventoryStatus } from '../inventory/store-results.ts';
import type { SyncRun } from '../inventory/sync-runs.ts';
import type { FullSyncReason } from './sync-model.ts';
import type { SyncSettings } from './sync-settings.ts';

/** `runs`: the devices' sync runs, newest first, at least reconcileEveryIncrementals + 1 of them when there are that many. */
export function fullSyncNeeded(status: InventoryStatus, runs: readonly SyncRun[], now: number, settings: SyncSettings): FullSyncReason | undefined {
  if (status.asOf === undefined || status.deviceWatermark === undefined) return 'noSnapshot';
  let incrementals = 0;
  for (const run of runs) {
    if (run.kind === 'full' && run.status === 'succeeded') {
      const at = Date.parse(run.asOf ?? run.finishedAt ?? run.startedAt);
      if (!(now - at < settings.reconcileAfterMs)) return 'reconcileDue';
      return incrementals >= settings.reconcileEveryIncrementals ? 'reconcileCount' : undefined;
    }
    if (run.kind === 'incremental' && run.status === 'succeeded') incrementals++;
  }
  // The last full sync is further back than the runs read: at least that many incrementals since.
  return runs.length > settings.reconcileEveryIncrementals ? 'reconcileCount' : 'noSnapshot';
}
