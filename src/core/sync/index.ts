// The sync engine (issue 3, section 5): keeps a tenant's offline inventory fresh from Graph.
export { DeviceSync } from './device-sync.ts';
export type { DeviceSyncOptions, RunOptions } from './device-sync.ts';
export type { DeviceLister } from './full-sync.ts';
export { DEFAULT_SYNC_SETTINGS } from './sync-settings.ts';
export type { SyncSettings } from './sync-settings.ts';
export type {
  Completeness, FullSyncReason, FullSyncResult, IncrementalSyncResult, SyncEvent, SyncKind, SyncListener, SyncPhase, SyncProgress, SyncResult,
} from './sync-model.ts';
export { baselineFullSync } from './baseline-sync.ts';
export type { BaselineSyncResult } from './baseline-sync.ts';
export { countIsTotal, partitionTarget } from './partition-plan.ts';
export { odataDateTime, rangeFilter, splitRange } from './enrolment-ranges.ts';
export type { EnrolmentRange } from './enrolment-ranges.ts';
