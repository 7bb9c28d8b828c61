// What "intune-desk export" does (commands/export.ts checks its options).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEVICE_COLUMN_NAMES } from '../../core/inventory/device-columns.ts';
import type { EntityKind, EntityRow } from '../../core/inventory/entity-tables.ts';
import type { InventoryStore } from '../../core/inventory/inventory-store.ts';
import type { ExportRequest } from '../commands/export.ts';
import type { CliContext, TextOutput } from '../context.ts';
import { openCurrentInventory } from '../inventory-access.ts';
import { csvLine } from '../output/csv.ts';
import { streamOutput } from '../output/streams.ts';
import { count, describeTime } from '../output/time.ts';
import { Session } from '../session.ts';
import { EXIT_OK } from '../usage-error.ts';

const ENTITY_COLUMNS = ['id', 'displayName', 'detail', 'odataType'] as const;
const PAGE = 1000;

export async function exportEntity(request: ExportRequest, context: CliContext): Promise<number> {
  const { entity, format, out, name } = request;
  const session = new Session(context);
  try {
    const { store } = await openCurrentInventory(session);
    const written = out === undefined ? await exportTo(context.out, store, entity, format) : await exportToFile(out, store, entity, format);
    const asOf = entity === 'devices' ? store.status().asOf : store.listEntities(entity, { limit: 1 }).asOf;
    const where = out === undefined ? '' : ` to ${out}`;
    await context.err.write(`Exported ${count(written)} ${name}${where}, ${asOf ? `from the offline inventory as of ${describeTime(asOf, context.now())}` : 'none: the inventory has never held them (see "intune-desk sync --help")'}.\n`);
    return EXIT_OK;
  } finally {
    await session.close();
  }
}

async function exportToFile(path: string, store: InventoryStore, entity: EntityKind | 'devices', format: 'csv' | 'json'): Promise<number> {
  const temporary = resolve(dirname(path), `.${process.pid}.${Date.now()}.export.tmp`);
  const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  const output = streamOutput(stream);
  try {
    const written = await exportTo(output, store, entity, format);
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
    await rename(temporary, path);
    return written;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

async function exportTo(out: TextOutput, store: InventoryStore, entity: EntityKind | 'devices', format: 'csv' | 'json'): Promise<number> {
  const rows: Iterable<Readonly<Record<string, unknown>>> = entity === 'devices' ? store.exportRows() : entityObjects(store, entity, format === 'json');
  const columns: readonly string[] = entity === 'devices' ? DEVICE_COLUMN_NAMES : ENTITY_COLUMNS;
  let n = 0;
  if (format === 'csv') {
    await out.write(csvLine(columns));
    for (const row of rows) {
      await out.write(csvLine(columns.map((c) => cell(row[c]))));
      n++;
    }
    return n;
  }
  await out.write('[');
  for (const row of rows) {
    await out.write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    n++;
  }
  await out.write(n === 0 ? ']\n' : '\n]\n');
  return n;
}

/** Every entity of a kind, a page at a time: the list row, or with `whole` the entity as Graph sent it. */
function* entityObjects(store: InventoryStore, kind: EntityKind, whole: boolean): Generator<Readonly<Record<string, unknown>>, void, undefined> {
  let after: string | undefined;
  do {
    const page = store.listEntities(kind, { limit: PAGE, ...(after !== undefined ? { after } : {}) });
    for (const row of page.rows) yield whole ? (store.getEntity(kind, row.id) as Readonly<Record<string, unknown>> | undefined) ?? listRow(row) : listRow(row);
    after = page.next;
  } while (after !== undefined);
}

function listRow(row: EntityRow): Readonly<Record<string, unknown>> {
  return { id: row.id, displayName: row.displayName, detail: row.detail, odataType: row.odataType };
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
