// Keeping the trigram index in step with the devices table. The index stores no text, so a
// device's entry is added and removed with the same expressions over its row (device-search.ts):
// FTS5 forgets an entry only when given exactly the values it indexed. Models have entries of
// their own, one per distinct model (negative rowids), added when a model is first seen and
// never removed (a model no device has any more matches no device).
import type { StatementSync } from 'node:sqlite';
import { MODEL_INDEX_COLUMN, SEARCH_INDEX_COLUMNS } from './device-search.ts';
import type { SlotTables } from './slots.ts';

const NAMES = SEARCH_INDEX_COLUMNS.map(([name]) => name).join(', ');
const VALUES = SEARCH_INDEX_COLUMNS.map(([, sql]) => sql).join(', ');

/** Indexes every device of the slot, then every distinct model (the index must be empty). */
export function indexSlotSql(t: SlotTables): readonly string[] {
  return [
    `INSERT INTO ${t.search}(rowid, ${NAMES}) SELECT d.row, ${VALUES} FROM ${t.devices} d`,
    `INSERT INTO ${t.models}(model) SELECT DISTINCT "model" FROM ${t.devices} WHERE "model" IS NOT NULL`,
    `INSERT INTO ${t.search}(rowid, ${MODEL_INDEX_COLUMN}) SELECT -id, model || char(31) FROM ${t.models}`,
  ];
}

/** Indexes one device; bind its row. */
export function indexDeviceSql(t: SlotTables): string {
  return `INSERT INTO ${t.search}(rowid, ${NAMES}) SELECT d.row, ${VALUES} FROM ${t.devices} d WHERE d.row = ?`;
}

/** Removes one device's entry; bind its row. Run before the row changes or goes. */
export function unindexDeviceSql(t: SlotTables): string {
  return `INSERT INTO ${t.search}(${t.search}, rowid, ${NAMES}) SELECT 'delete', d.row, ${VALUES} FROM ${t.devices} d WHERE d.row = ?`;
}

/** Adds a model (and its index entry) the first time a device has it. */
export function rememberModel(statement: (sql: string) => StatementSync, t: SlotTables, model: string | null): void {
  if (model === null) return;
  const added = statement(`INSERT INTO ${t.models}(model) VALUES (?) ON CONFLICT(model) DO NOTHING`).run(model);
  if (Number(added.changes) === 0) return;
  statement(`INSERT INTO ${t.search}(rowid, ${MODEL_INDEX_COLUMN}) VALUES (?, ? || char(31))`).run(-Number(added.lastInsertRowid), model);
}
