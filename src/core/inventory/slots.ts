// Devices live in one of two slots, a and b, each a pair of tables: the projected columns and
// the full documents. inventory_state.live_slot names the slot readers use; a full snapshot fills the other one and flips the name in the
// transaction that commits it. Readers read the name and the tables in one read
// transaction, so they see the old slot or the new one, never a mix.
//
// The staging slot is a structural copy of the live one (read from sqlite_schema), so the
// migrations stay the only place the device tables are defined.
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './transactions.ts';

export type Slot = 'a' | 'b';

export interface SlotTables {
  readonly slot: Slot;
  readonly devices: string;
  readonly documents: string;
}

export function slotTables(slot: Slot): SlotTables {
  return {
    slot,
    devices: `devices_${slot}`,
    documents: `device_documents_${slot}`,
  };
}

export function otherSlot(slot: Slot): Slot {
  return slot === 'a' ? 'b' : 'a';
}

export function readLiveSlot(db: DatabaseSync): Slot {
  const row = db.prepare('SELECT live_slot FROM inventory_state WHERE id = 1').get() as { live_slot: string } | undefined;
  if (row?.live_slot !== 'a' && row?.live_slot !== 'b') throw new Error('inventory_state has no live slot');
  return row.live_slot;
}

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string;
}

function schemaObjects(db: DatabaseSync, slot: Slot): readonly SchemaObject[] {
  const t = slotTables(slot);
  const names = [t.devices, t.documents];
  return db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND (name IN (?, ?) OR (type = 'index' AND tbl_name IN (?, ?)))`).all(...names, ...names) as unknown as SchemaObject[];
}

/** A slot's DDL rewritten for the other slot: every name of the slot's own objects renamed. */
function rewrite(sql: string, names: readonly string[], from: Slot, to: Slot): string {
  let out = sql;
  for (const name of names) out = out.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name.slice(0, -from.length)}${to}`);
  return out;
}

const isUnique = (o: SchemaObject): boolean => o.type === 'index' && /^CREATE\s+UNIQUE\b/i.test(o.sql);

/**
 * Creates the tables of `to` shaped like those of `from`, without their indexes: a bulk load
 * appends to bare tables, and the indexes are built once it is complete.
 */
export function createSlotTablesLike(db: DatabaseSync, from: Slot, to: Slot): void {
  const objects = schemaObjects(db, from);
  const names = objects.map((o) => o.name);
  for (const o of objects) if (o.type === 'table') db.exec(rewrite(o.sql, names, from, to));
}

/** The unique indexes of `from` on `to` (devices by id): they fail while a device is there twice. */
export function createSlotUniqueIndexesLike(db: DatabaseSync, from: Slot, to: Slot): void {
  const objects = schemaObjects(db, from);
  const names = objects.map((o) => o.name);
  for (const o of objects) if (isUnique(o)) db.exec(rewrite(o.sql, names, from, to));
}

/** The other indexes of `from` on `to`. */
export function createSlotIndexesLike(db: DatabaseSync, from: Slot, to: Slot): void {
  const objects = schemaObjects(db, from);
  const names = objects.map((o) => o.name);
  for (const o of objects) if (o.type === 'index' && !isUnique(o)) db.exec(rewrite(o.sql, names, from, to));
}

/** Drops every table of a slot (their indexes go with them). */
export function dropSlot(db: DatabaseSync, slot: Slot): void {
  const tables = slotTables(slot);
  db.exec(`DROP TABLE IF EXISTS ${tables.documents}`);
  db.exec(`DROP TABLE IF EXISTS ${tables.devices}`);
}

/** After a snapshot committed in a process that was killed before it dropped the old slot. */
export function dropFinishedSlot(db: DatabaseSync): void {
  const state = db.prepare('SELECT live_slot, staging_run FROM inventory_state WHERE id = 1').get() as { live_slot: Slot; staging_run: number | null };
  if (state.staging_run !== null) return;
  const idle = slotTables(otherSlot(state.live_slot));
  const exists = db.prepare(`SELECT 1 AS found FROM sqlite_schema WHERE name = ?`).get(idle.devices);
  if (!exists) return;
  inTransaction(db, 'write', () => {
    // Another connection may have started a snapshot in between.
    const now = db.prepare('SELECT live_slot, staging_run FROM inventory_state WHERE id = 1').get() as { live_slot: Slot; staging_run: number | null };
    if (now.staging_run === null) dropSlot(db, otherSlot(now.live_slot));
  });
}
