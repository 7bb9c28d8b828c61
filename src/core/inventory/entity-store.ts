// The inventory's other entities (users, apps, configuration and compliance policies, roles,
// service configuration): one table each, replaced whole by a sync or changed item by item, and
// listed by display name. InventoryStore delegates here with its connection and transactions.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { joinWhere, whereSql } from './device-query.ts';
import type { Where } from './device-query.ts';
import { checkEntities, entityTable } from './entity-tables.ts';
import type { EntityKind, InventoryEntities } from './entity-tables.ts';
import { checkAsOf, withOptional } from './values.ts';
import type { EntityListQuery, EntityPage } from './store-results.ts';
import { recordRun } from './sync-runs.ts';

/** What the entity functions need of the store: its connection, clock, statements and transactions. */
export interface EntityAccess {
  readonly db: DatabaseSync;
  readonly clock: () => number;
  statement(sql: string): StatementSync;
  read<T>(work: () => T): T;
  write<T>(work: () => T): T;
}

/** Replaces every entity of a kind, in one transaction; readers see the old set until it commits. */
export function replaceEntities<K extends EntityKind>(store: EntityAccess, kind: K, items: readonly InventoryEntities[K][], asOf: string): number {
  const rows = checkEntities(kind, items);
  checkAsOf(asOf);
  const table = entityTable(kind);
  const startedAt = new Date(store.clock()).toISOString();
  return store.write(() => {
    store.statement(`DELETE FROM ${table}`).run();
    const insert = store.statement(`INSERT OR REPLACE INTO ${table}(id, display_name, detail, odata_type, json) VALUES (?, ?, ?, ?, ?)`);
    for (const r of rows) insert.run(r.id, r.displayName, r.detail, r.odataType, r.json);
    store.statement('INSERT OR REPLACE INTO entity_sets(entity, as_of) VALUES (?, ?)').run(kind, asOf);
    recordRun(store.db, kind, 'full', { status: 'succeeded', startedAt, finishedAt: new Date(store.clock()).toISOString(), asOf, itemCount: rows.length, upserted: null, removed: null, error: null });
    return rows.length;
  });
}

export function upsertEntities<K extends EntityKind>(store: EntityAccess, kind: K, items: readonly InventoryEntities[K][], asOf: string): number {
  const rows = checkEntities(kind, items);
  checkAsOf(asOf);
  const table = entityTable(kind);
  return store.write(() => {
    const insert = store.statement(`INSERT OR REPLACE INTO ${table}(id, display_name, detail, odata_type, json) VALUES (?, ?, ?, ?, ?)`);
    for (const r of rows) insert.run(r.id, r.displayName, r.detail, r.odataType, r.json);
    store.statement('INSERT OR REPLACE INTO entity_sets(entity, as_of) VALUES (?, ?)').run(kind, asOf);
    return rows.length;
  });
}

export function removeEntities(store: EntityAccess, kind: EntityKind, ids: readonly string[]): number {
  const table = entityTable(kind);
  return store.write(() => {
    const remove = store.statement(`DELETE FROM ${table} WHERE id = ?`);
    let removed = 0;
    for (const id of ids) removed += Number(remove.run(id).changes);
    return removed;
  });
}

export function getEntity<K extends EntityKind>(store: EntityAccess, kind: K, id: string): InventoryEntities[K] | undefined {
  const table = entityTable(kind);
  return store.read(() => {
    const row = store.statement(`SELECT id, detail, json FROM ${table} WHERE id = ?`).get(id) as { id: string; detail: string | null; json: string } | undefined;
    if (!row) return undefined;
    const value = JSON.parse(row.json) as object;
    return (kind === 'serviceConfiguration' ? { key: row.id, type: row.detail ?? '', value } : value) as InventoryEntities[K];
  });
}

/** A page of entities by display name (then id), with keyset paging. */
export function listEntities<K extends EntityKind>(store: EntityAccess, kind: K, query: EntityListQuery = {}): EntityPage<K> {
  const table = entityTable(kind);
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ProblemError({ code: 'badRequest', message: `A page holds 1 to 1000 items, not ${String(limit)}.` });
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const search = (query.search ?? '').trim();
  if (search !== '') {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(display_name LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  const base: Where = { clauses, params };
  const after = query.after === undefined ? undefined : decodeEntityCursor(query.after, kind);
  return store.read(() => {
    const total = Number((store.statement(`SELECT count(*) AS n FROM ${table} ${whereSql(base)}`).get(...base.params) as { n: number }).n);
    const where = after ? joinWhere(base, { clauses: ['(display_name, id) > (?, ?)'], params: [after.name, after.id] }) : base;
    const rows = store.statement(`SELECT id, display_name, detail, odata_type FROM ${table} ${whereSql(where)} ORDER BY display_name, id LIMIT ?`).all(...where.params, limit + 1) as unknown as { id: string; display_name: string; detail: string | null; odata_type: string | null }[];
    const shown = rows.slice(0, limit).map((r) => ({ id: r.id, displayName: r.display_name, detail: r.detail, odataType: r.odata_type }));
    const last = shown[shown.length - 1];
    const asOf = store.statement('SELECT as_of FROM entity_sets WHERE entity = ?').get(kind) as { as_of: string } | undefined;
    return withOptional({ rows: shown, total, kind }, {
      next: rows.length > limit && last ? Buffer.from(JSON.stringify({ k: kind, n: last.displayName, i: last.id }), 'utf8').toString('base64url') : undefined,
      asOf: asOf?.as_of,
    });
  });
}

function decodeEntityCursor(text: string, kind: EntityKind): { name: string; id: string } {
  try {
    const body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { k?: unknown; n?: unknown; i?: unknown };
    if (body.k === kind && typeof body.n === 'string' && typeof body.i === 'string') return { name: body.n, id: body.i };
  } catch {
    // Reported below.
  }
  throw new ProblemError({ code: 'badRequest', message: `That page link is not one this inventory made for ${kind}; start again from the first page.` });
}
