// Reading device lists: the search resolved once into a set of rows, then the count, the page
// and the facets computed over it, each driven from whichever side is cheaper.
//
// Why a set: one search serves a count and a page, so the matches are collected once per
// request, and their number is then known. Search matches are marked in memory
// (device-texts.ts); a few are written into temp.device_hits, so they are looked up and sorted
// like rows, while many (one character matches most devices) stay marked, tested with
// device_hit(row), because writing 80,000 rows down costs more than finding them.
// - Few matches: start from them (a lookup each) and sort them.
// - Many matches: walk the sort index (or the filter's index) and keep rows that are in the set;
//   a page of 50 is full after about 50 × devices / matches steps.
import type { SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import { DEVICE_COLUMNS, toDeviceRow } from './device-columns.ts';
import type { DeviceColumn, DeviceRow } from './device-columns.ts';
import { facetsSql, sumFacets } from './device-facets.ts';
import type { DeviceFacets } from './device-facets.ts';
import { encodeCursor, joinWhere, whereSql } from './device-query.ts';
import type { CompiledFilter, CompiledQuery, Where } from './device-query.ts';
import type { SearchPlan } from './device-search.ts';
import { ColumnOrders } from './column-orders.ts';
import { HIT_FUNCTION } from './device-texts.ts';
import type { TextPlan } from './device-texts.ts';
import type { SlotTables } from './slots.ts';

/** Prepared statements by SQL text (the store's cache). */
export type Statements = (sql: string) => StatementSync;

const HITS_TABLE = 'temp.device_hits';
export const CREATE_HITS_TABLE = `CREATE TEMP TABLE IF NOT EXISTS device_hits (row INTEGER PRIMARY KEY)`;

const SELECT_DEVICE = DEVICE_COLUMNS.map((c) => `d."${c.name}"`).join(', ');
const IN_HITS = `+d.row IN (SELECT row FROM ${HITS_TABLE})`;
const MARKED = `${HIT_FUNCTION}(d.row)`;
const NOTHING: Where = { clauses: [], params: [] };

/**
 * Sort columns with an index on (column, id) (see migrations.ts), by index name without the
 * slot suffix: their pages are found by seeking, not scanning.
 */
const SORT_INDEXES: ReadonlyMap<DeviceColumn, string> = new Map([
  ['id', 'devices_id'],
  ['deviceName', 'devices_name'],
  ['lastSyncDateTime', 'devices_last_sync'],
]);

/**
 * The matches, once collected: how many, and where: in temp.device_hits (`table`), or marked in
 * the connection's memory (`marks`: device_hit(row) in SQL, `has` here).
 */
export type Hits =
  | { readonly searched: false }
  | { readonly searched: true; readonly count: number; readonly held: 'table'; readonly has?: (row: number) => boolean }
  | { readonly searched: true; readonly count: number; readonly held: 'marks'; readonly has: (row: number) => boolean; readonly rows: () => readonly number[] };

type SearchedHits = Extract<Hits, { searched: true }>;

/** The in-memory lines of the devices (device-texts.ts), bound to this read. */
export interface DeviceLines {
  /** Marks the devices the plan matches; returns how many. */
  mark(plan: TextPlan): number;
  markedRows(): readonly number[];
  isMarked(row: number): boolean;
}

/**
 * Below this many matches, a query's matches are written into temp.device_hits (~0.2 µs each),
 * so that they are looked up and sorted like rows; above it they stay marked.
 */
const WRITE_DOWN_BELOW = 5000;

/** Collects the rows matching the search (see Hits). Call inside the read transaction. */
export function collectHits(sql: Statements, plan: SearchPlan, lines: DeviceLines): Hits {
  if (plan.kind === 'all') return { searched: false };
  const count = lines.mark(plan);
  const marked: Hits = { searched: true, count, held: 'marks', has: (row) => lines.isMarked(row), rows: () => lines.markedRows() };
  return count >= WRITE_DOWN_BELOW ? marked : writtenDown(sql, marked);
}

/**
 * Marked matches are written down before they are sorted by a column below this many: a lookup
 * each (~1 µs) costs less than testing every device while sorting (~20 ms for 100,000).
 */
const SORT_WRITTEN_BELOW = 15_000;

/** The matches, in temp.device_hits. */
function writtenDown(sql: Statements, hits: SearchedHits): SearchedHits {
  if (hits.held === 'table') return hits;
  sql(`DELETE FROM ${HITS_TABLE}`).run();
  if (hits.count > 0) sql(`INSERT INTO ${HITS_TABLE}(row) SELECT value FROM json_each(?)`).run(JSON.stringify(hits.rows()));
  return { searched: true, count: hits.count, held: 'table', has: hits.has };
}

/** The matches, held as they are best sorted from. */
function forSorting(sql: Statements, hits: SearchedHits): SearchedHits {
  return hits.held === 'marks' && hits.count < SORT_WRITTEN_BELOW ? writtenDown(sql, hits) : hits;
}

/** The SQL test for "this row is a match". */
function inHits(hits: SearchedHits): string {
  return hits.held === 'marks' ? MARKED : IN_HITS;
}

/** Rows starting from the matches: a lookup each from temp.device_hits, or every row tested. */
function fromHits(t: SlotTables, hits: SearchedHits): { readonly from: string; readonly where: Where } {
  if (hits.held === 'marks') return { from: `${t.devices} d`, where: { clauses: [MARKED], params: [] } };
  return { from: `${HITS_TABLE} h CROSS JOIN ${t.devices} d ON d.row = h.row`, where: NOTHING };
}

/** About how many devices the slot holds, in O(1): rows are numbered from 1. */
function rowEstimate(sql: Statements, t: SlotTables): number {
  const row = sql(`SELECT max(row) AS n FROM ${t.devices}`).get() as { n: number | null };
  return Math.max(1, Number(row.n ?? 0));
}

/**
 * Counting matches that pass filters: start from the matches (a lookup each) when they are
 * few, or fewer than a quarter of all devices and no index serves the filter; otherwise start
 * from the filter (its index, or a scan) and test each row against the set.
 */
const FEW_HITS = 2000;
const DRIVE_FROM_HITS = 0.25;

export function countDevices(sql: Statements, t: SlotTables, filter: CompiledFilter, hits: Hits): number {
  const count = (from: string, where: Where): number => Number((sql(`SELECT count(*) AS n FROM ${from} ${whereSql(where)}`).get(...where.params) as { n: number }).n);
  if (!hits.searched) return count(`${t.devices} d`, filter);
  if (filter.clauses.length === 0 || hits.count === 0) return hits.count;
  const driveFromHits = hits.held === 'table' && (hits.count < FEW_HITS || (!filter.seekable && hits.count < DRIVE_FROM_HITS * rowEstimate(sql, t)));
  if (driveFromHits) return count(`${HITS_TABLE} h CROSS JOIN ${t.devices} d ON d.row = h.row`, filter);
  return count(`${t.devices} d`, joinWhere(filter, { clauses: [inHits(hits)], params: [] }));
}

/**
 * One page in (sort column, id) order. Nulls sort first going up and last going down, as in
 * SQLite. For an indexed sort column the rows with and without a value are read as two
 * ranges, each found by seeking the index from the cursor, so page 2000 costs what page 1 does.
 */
export function devicePage(sql: Statements, t: SlotTables, q: CompiledQuery, filter: Where, hits: Hits): { rows: DeviceRow[]; next: string | undefined } {
  const { column, direction } = q.sort;
  const col = `d."${column}"`;
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const beyond = direction === 'asc' ? '>' : '<';
  const after = q.after;
  const sortIndex = SORT_INDEXES.get(column);
  if (hits.searched && hits.count === 0) return { rows: [], next: undefined };

  let from = `${t.devices} d`;
  let where = filter;
  if (hits.searched) {
    const walkIndex = sortIndex !== undefined && hits.count * hits.count > (q.limit + 1) * rowEstimate(sql, t);
    if (walkIndex) {
      from = `${t.devices} d INDEXED BY ${sortIndex}_${t.slot}`;
      where = joinWhere(filter, { clauses: [inHits(hits)], params: [] });
    } else {
      const source = fromHits(t, forSorting(sql, hits));
      from = source.from;
      where = joinWhere(filter, source.where);
    }
  }

  const stored: Record<string, SQLOutputValue>[] = [];
  const take = (extra: Where | undefined, order: string): void => {
    const w = joinWhere(where, extra);
    stored.push(...sql(`SELECT ${SELECT_DEVICE} FROM ${from} ${whereSql(w)} ORDER BY ${order} LIMIT ?`).all(...w.params, q.limit + 1 - stored.length));
  };
  if (column === 'id') {
    take(after ? { clauses: [`d."id" ${beyond} ?`], params: [after.id] } : undefined, `d."id" ${dir}`);
  } else if (sortIndex === undefined) {
    // No index to seek: one pass, with the cursor as a condition.
    const cursor: Where | undefined = !after
      ? undefined
      : after.value === null
        ? direction === 'asc'
          ? { clauses: [`((${col} IS NULL AND d."id" > ?) OR ${col} IS NOT NULL)`], params: [after.id] }
          : { clauses: [`${col} IS NULL AND d."id" < ?`], params: [after.id] }
        : direction === 'asc'
          ? { clauses: [`(${col}, d."id") > (?, ?)`], params: [after.value, after.id] }
          : { clauses: [`((${col}, d."id") < (?, ?) OR ${col} IS NULL)`], params: [after.value, after.id] };
    take(cursor, `${col} ${dir}, d."id" ${dir}`);
  } else {
    const ranges: ('nulls' | 'values')[] = direction === 'asc' ? ['nulls', 'values'] : ['values', 'nulls'];
    let start = 0;
    let resume: Where | undefined;
    if (after) {
      start = ranges.indexOf(after.value === null ? 'nulls' : 'values');
      resume = after.value === null ? { clauses: [`d."id" ${beyond} ?`], params: [after.id] } : { clauses: [`(${col}, d."id") ${beyond} (?, ?)`], params: [after.value, after.id] };
    }
    for (let i = start; i < ranges.length && stored.length <= q.limit; i++) {
      const nulls = ranges[i] === 'nulls';
      // Most columns have no nulls at all: one seek of the index says so.
      if (nulls && !sql(`SELECT 1 AS found FROM ${t.devices} WHERE "${column}" IS NULL LIMIT 1`).get()) continue;
      const range: Where = { clauses: [nulls ? `${col} IS NULL` : `${col} IS NOT NULL`], params: [] };
      take(joinWhere(range, i === start ? resume : undefined), nulls ? `d."id" ${dir}` : `${col} ${dir}, d."id" ${dir}`);
    }
  }
  const shown = stored.slice(0, q.limit);
  const last = shown[shown.length - 1];
  const next = stored.length > q.limit && last ? encodeCursor(q.sort, { value: (last[column] ?? null) as SQLInputValue, id: String(last['id']) }) : undefined;
  return { rows: shown.map((r) => toDeviceRow(r)), next };
}

export function deviceFacets(sql: Statements, t: SlotTables, filter: Where, hits: Hits, now: number, asOf: string | undefined): DeviceFacets {
  if (hits.searched && hits.count === 0) return sumFacets([], asOf);
  const source = hits.searched ? fromHits(t, hits) : { from: `${t.devices} d`, where: NOTHING };
  const where = joinWhere(filter, source.where);
  const query = facetsSql(source.from, whereSql(where), now);
  return sumFacets(sql(query.sql).all(...query.params, ...where.params), asOf);
}

/**
 * The rows at positions [offset, offset + limit) of the same order as devicePage, for a grid that
 * jumps anywhere in the list. `total` must be the count of the same search and filters, read in
 * the same transaction.
 *
 * SQLite's OFFSET steps over the skipped rows one by one. Along a sort index with nothing else to
 * test that is cheap (it never reads the rows), and a window past the middle is read from the
 * other end, in the opposite order, and turned around: row 90,000 of 100,000 costs 10,000 index
 * steps, under a millisecond. Anything else (a filter to test on every row, a column without an
 * index) costs a sort or a scan per window, 150 ms for 100,000 devices; a grid scrolling through
 * such a list asks for window after window of the same order, so the order is kept (`orders`)
 * and each window is then a range of positions.
 *
 * A column without an index, over all devices or a short query's matches (whose rows are known
 * in memory), is read in its order once, as deep as needed, and windows are picked from it by
 * row number (column-orders.ts).
 */
export function deviceWindow(sql: Statements, t: SlotTables, q: CompiledQuery, offset: number, filter: Where, hits: Hits, total: number, orders: { readonly kept: DeviceOrders; readonly key: string; readonly data: string }): DeviceRow[] {
  if (offset >= total || (hits.searched && hits.count === 0)) return [];
  const count = Math.min(q.limit, total - offset);
  const sortIndex = SORT_INDEXES.get(q.sort.column);
  if (sortIndex === undefined && filter.clauses.length === 0 && (!hits.searched || hits.has !== undefined)) {
    const { column } = q.sort;
    const picked = orders.kept.columns.window(sql, t, orders.data, q.sort, (direction) => orderBy({ column, direction }, false), {
      offset,
      count,
      has: hits.searched ? hits.has : undefined,
      share: total / rowEstimate(sql, t),
      // A few matches are sorted faster from temp.device_hits than an order is read for them.
      mayRead: !hits.searched || hits.held === 'marks',
    });
    if (picked) return rowsInOrder(sql, t, picked);
  }
  const fromEnd = total - offset - count;
  const reverse = fromEnd < offset;
  const skipped = reverse ? fromEnd : offset;
  const { from, where, walksIndex } = windowSource(sql, t, sortIndex, filter, hits, skipped + count);
  const cheap = sortIndex !== undefined && filter.clauses.length === 0 && (!hits.searched || walksIndex || hits.count < FEW_HITS);
  if (!cheap && skipped > DIRECT_SKIP) return orders.kept.window(sql, t, orders.key, { from, where, order: orderBy(q.sort, false) }, offset, count, total);
  const rows = sql(`SELECT ${SELECT_DEVICE} FROM ${from} ${whereSql(where)} ORDER BY ${orderBy(q.sort, reverse)} LIMIT ? OFFSET ?`).all(...where.params, count, skipped);
  if (reverse) rows.reverse();
  return rows.map((r) => toDeviceRow(r));
}

/** Below this many skipped rows a window is read directly whatever it costs to sort (the first screens of a list). */
const DIRECT_SKIP = 2000;

/** Nulls come first going up and last going down, as SQLite orders them and as devicePage pages them. */
function orderBy(sort: CompiledQuery['sort'], reverse: boolean): string {
  const dir = (sort.direction === 'asc') !== reverse ? 'ASC' : 'DESC';
  return sort.column === 'id' ? `d."id" ${dir}` : `d."${sort.column}" ${dir}, d."id" ${dir}`;
}

function windowSource(sql: Statements, t: SlotTables, sortIndex: string | undefined, filter: Where, hits: Hits, reach: number): { from: string; where: Where; walksIndex: boolean } {
  if (!hits.searched) return { from: `${t.devices} d`, where: filter, walksIndex: false };
  // Walking the sort index reaches the window after about reach × devices / matches steps;
  // sorting the matches costs about their number.
  if (sortIndex !== undefined && hits.count * hits.count > (reach + 1) * rowEstimate(sql, t)) {
    return { from: `${t.devices} d INDEXED BY ${sortIndex}_${t.slot}`, where: joinWhere(filter, { clauses: [inHits(hits)], params: [] }), walksIndex: true };
  }
  const source = fromHits(t, forSorting(sql, hits));
  return { from: source.from, where: joinWhere(filter, source.where), walksIndex: false };
}

/** Rows by row number, in the order given. */
function rowsInOrder(sql: Statements, t: SlotTables, order: readonly number[]): DeviceRow[] {
  if (order.length === 0) return [];
  const found = sql(`SELECT ${SELECT_DEVICE}, d.row AS _row FROM ${t.devices} d WHERE d.row IN (SELECT value FROM json_each(?))`).all(JSON.stringify(order));
  const byRow = new Map(found.map((r) => [Number(r['_row']), r]));
  return order.flatMap((row) => {
    const stored = byRow.get(row);
    return stored ? [toDeviceRow(stored)] : [];
  });
}

export const CREATE_ORDER_TABLE = `CREATE TEMP TABLE IF NOT EXISTS device_order (pos INTEGER PRIMARY KEY, row INTEGER NOT NULL)`;

/**
 * Orders this connection keeps between windows:
 * - the last list order a window needed sorting for, as (position, row) pairs in
 *   temp.device_order, so the next window of the same list is a range lookup. One order per
 *   connection (the list on screen); it is made again when the key changes: the caller's key
 *   names the list (search, filters, sort) and the data (the live slot, the file's data_version
 *   for other connections' commits, and the connection's own writes);
 * - orders by columns without an index, in memory (column-orders.ts).
 */
export class DeviceOrders {
  readonly columns = new ColumnOrders();
  private kept: string | undefined;
  private size = 0;

  /** The window at [offset, offset + count) of the list `key` names, keeping its order for the next window. */
  window(sql: Statements, t: SlotTables, key: string, source: { readonly from: string; readonly where: Where; readonly order: string }, offset: number, count: number, total: number): DeviceRow[] {
    // The same list, and still as long (a staleness threshold moves with the clock within a key's minute).
    if (key !== this.kept || total !== this.size) {
      this.kept = undefined;
      sql(CREATE_ORDER_TABLE).run();
      sql('DELETE FROM temp.device_order').run();
      const { from, where, order } = source;
      const made = Number(sql(`INSERT INTO temp.device_order(pos, row) SELECT row_number() OVER (ORDER BY ${order}), d.row FROM ${from} ${whereSql(where)}`).run(...where.params).changes);
      // The count and the order come from the same transaction; should they ever differ, nothing is kept.
      if (made === total) {
        this.kept = key;
        this.size = made;
      }
    }
    const rows = sql(`SELECT ${SELECT_DEVICE} FROM temp.device_order o CROSS JOIN ${t.devices} d ON d.row = o.row WHERE o.pos > ? AND o.pos <= ? ORDER BY o.pos`).all(offset, offset + count);
    return rows.map((r) => toDeviceRow(r));
  }
}

/** The device categories devices are in (for the category filter), sorted without regard to case. */
export function deviceCategoryNames(sql: Statements, t: SlotTables): string[] {
  const rows = sql(`SELECT DISTINCT d."deviceCategoryDisplayName" AS name FROM ${t.devices} d WHERE d."deviceCategoryDisplayName" IS NOT NULL AND d."deviceCategoryDisplayName" <> '' ORDER BY 1`).all() as { name: string }[];
  return rows.map((r) => String(r.name));
}
