// Changes to the live snapshot's devices, as an incremental refresh makes them: devices added
// or replaced one by one (row and document), devices removed, and the watermark moved on. Each runs inside the store's write transaction (InventoryStore).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { StatementSync } from 'node:sqlite';
import { DEVICE_COLUMNS } from './device-columns.ts';
import type { checkDevices } from './device-batch.ts';
import type { DocumentShapes } from './device-documents.ts';
import type { SlotTables } from './slots.ts';

export interface LiveDeviceAccess {
  /** A cached prepared statement. */
  readonly statement: (sql: string) => StatementSync;
  readonly shapes: DocumentShapes;
  /** A row changed: its line for short searches must be read again. */
  readonly touch: (row: number) => void;
}

/** Adds or replaces `devices` (already checked) and sets the data's as-of time; returns how many. */
export function upsertLiveDevices(access: LiveDeviceAccess, t: SlotTables, devices: readonly ManagedDevice[], checked: ReturnType<typeof checkDevices>, asOf: string): number {
  const { statement } = access;
  const columns = DEVICE_COLUMNS.map((c) => `"${c.name}"`).join(', ');
  const insertDevice = statement(`INSERT INTO ${t.devices}(${columns}) VALUES (${DEVICE_COLUMNS.map(() => '?').join(', ')})`);
  const insertDocument = statement(`INSERT INTO ${t.documents}(row, shape, body) VALUES (?, ?, ?)`);
  let newest: number | undefined;
  const documents = access.shapes.encodeAll(devices);
  for (let i = 0; i < checked.length; i++) {
    const { projected } = checked[i] as (typeof checked)[number];
    removeLiveDevice(access, t, projected.id);
    const row = Number(insertDevice.run(...projected.values).lastInsertRowid);
    access.touch(row);
    const doc = documents[i] as (typeof documents)[number];
    insertDocument.run(row, doc.shape, doc.body);
    if (projected.lastSyncMs !== null && (newest === undefined || projected.lastSyncMs > newest)) newest = projected.lastSyncMs;
  }
  // The watermark only moves forward: a refresh that brought older devices keeps the newer one.
  const state = statement('SELECT device_watermark FROM inventory_state WHERE id = 1').get() as { device_watermark: string | null };
  const previous = state.device_watermark === null ? undefined : Date.parse(state.device_watermark);
  const watermark = newest === undefined || (previous !== undefined && previous >= newest) ? state.device_watermark : new Date(newest).toISOString();
  statement('UPDATE inventory_state SET devices_as_of = ?, device_watermark = ? WHERE id = 1').run(asOf, watermark);
  return checked.length;
}

/** Removes one device (row and document); false if it was not there. */
export function removeLiveDevice(access: LiveDeviceAccess, t: SlotTables, id: string): boolean {
  const { statement } = access;
  const found = statement(`SELECT row FROM ${t.devices} WHERE "id" = ?`).get(id) as { row: number } | undefined;
  if (!found) return false;
  const row = Number(found.row);
  access.touch(row);
  statement(`DELETE FROM ${t.documents} WHERE row = ?`).run(row);
  statement(`DELETE FROM ${t.devices} WHERE row = ?`).run(row);
  return true;
}
