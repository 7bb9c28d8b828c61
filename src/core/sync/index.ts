// The sync engine (issue 3, section 5): keeps a tenant's offline inventory fresh from Graph.
// See device-sync.ts for the engine, full-sync.ts and incremental-sync.ts for the two kinds of run;
// entity-sync.ts refreshes the other entities (users, apps, policies, roles, tenant settings) after it.
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
export { syncEntities } from './entity-sync.ts';
export type { EntitySyncOptions } from './entity-sync.ts';
export type { EntityOutcome, EntityReader, UnreadPart } from './entity-outcome.ts';
