// The sync engine (issue 3, section 5): keeps a tenant's offline device inventory fresh from Graph.
// See device-sync.ts for the engine, full-sync.ts and incremental-sync.ts for the two kinds of run.
export { DeviceSync } from './device-sync.ts';
export type { DeviceSyncOptions, RunOptions } from './device-sync.ts';
export type { DeviceLister } from './device-pages.ts';
export { DEFAULT_SYNC_SETTINGS } from './sync-settings.ts';
export type { SyncSettings } from './sync-settings.ts';
export type {
  Completeness, FullSyncReason, FullSyncResult, IncrementalSyncResult, SyncEvent, SyncKind, SyncListener, SyncPhase, SyncProgress, SyncResult,
} from './sync-model.ts';
export { baselineFullSync } from './baseline-sync.ts';
export type { BaselineSyncResult } from './baseline-sync.ts';
