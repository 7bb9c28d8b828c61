// What the inventory store answers with, and how entity lists are asked for: plain types, apart
// from the store so the modules that fill them need not import the store itself.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DeviceRow } from './device-columns.ts';
import type { EntityKind, EntityRow } from './entity-tables.ts';

export interface DevicePage {
  readonly rows: readonly DeviceRow[];
  /** Devices matching the search and filters, on every page. */
  readonly total: number;
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
  /** When the data was read from Graph (ISO 8601); absent before the first sync. */
  readonly asOf?: string;
}

export type DeviceLookup =
  | { readonly kind: 'found'; readonly device: ManagedDevice; readonly row: DeviceRow; readonly asOf?: string }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly DeviceRow[] };

export interface InventoryStatus {
  readonly deviceCount: number;
  readonly asOf?: string;
  /** Newest lastSyncDateTime stored (ISO 8601): an incremental run asks Graph for devices after it. */
  readonly deviceWatermark?: string;
  /** A full snapshot is being staged (by this process or another). */
  readonly snapshotInProgress: boolean;
}

export interface EntityPage<K extends EntityKind> {
  readonly rows: readonly EntityRow[];
  readonly total: number;
  readonly next?: string;
  readonly asOf?: string;
  /** Only so callers can tie a page to its kind. */
  readonly kind: K;
}

export interface EntityListQuery {
  /** Contains, case-insensitive, over the display name and the detail (UPN, publisher…). */
  readonly search?: string;
  readonly limit?: number;
  readonly after?: string;
}
