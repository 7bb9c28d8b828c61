// The offline inventory store (issue 3, section 4): one SQLite file per tenant, kept fresh by
// the sync engine, read by every list, search and export. See inventory-store.ts.
export { Inventory } from './inventory.ts';
export type { InventoryOptions } from './inventory.ts';
export { openInventory, inventoryPath, inventoryFiles, deleteInventoryFiles } from './inventory-files.ts';
export type { OpenInventoryOptions, OpenedInventory } from './inventory-files.ts';
export { InventoryStore } from './inventory-store.ts';
export type { DevicePage, DeviceLookup, InventoryStatus, EntityPage, EntityListQuery } from './store-results.ts';
export { SnapshotWriter } from './snapshot-writer.ts';
export type { SnapshotResult } from './snapshot-writer.ts';
export { DEVICE_COLUMNS, DEVICE_COLUMN_NAMES, isDeviceColumn } from './device-columns.ts';
export type { DeviceColumn, DeviceRow, ColumnKind } from './device-columns.ts';
export type { DeviceQuery, DeviceFilter, DeviceSort, ColumnCondition, ConditionOp, SortDirection } from './device-query.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './device-query.ts';
export type { DeviceFacets, FacetCount, StalenessCounts } from './device-facets.ts';
export type { DeviceUser } from './device-users.ts';
export { normalizeMac } from './device-search.ts';
export { ENTITY_KINDS } from './entity-tables.ts';
export type { EntityKind, EntityRow, InventoryEntities, ServiceConfigurationItem } from './entity-tables.ts';
export type { SyncRun, SyncKind, SyncStatus, IncrementalRunRecord } from './sync-runs.ts';
export { MIGRATIONS, migrate, schemaVersion, latestVersion, NewerInventoryError } from './migrations.ts';
export type { Migration } from './migrations.ts';
export { deviceRowsAsCsv, deviceRowsAsJsonLines } from './device-export.ts';
