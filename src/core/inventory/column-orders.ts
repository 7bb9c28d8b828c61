// Orders by columns without an index (every column but id, name and last check-in), kept in
// memory by one store connection, so that a grid sorted by one of them finds each window of the
// unfiltered list, or of a short query's matches, by walking row numbers instead of sorting.
//
// Sorting 100,000 devices by such a column costs 90–135 ms; its first 2,000 rows cost ~15 ms,
// as long as the first 60 (SQLite keeps the best rows as it scans, and reads every row either
// way). So an order is read as deep as the window asked for needs, in steps of 2,000, 10,000
// and everything, each step once per column and state of the data: the first windows after a
// click on a header cost what a single window did before, and every keystroke after it, and
// every window of the same column, is then ~1 ms. A short query's matches are rows of the same
// order, so they are picked from it too, as deep as their share of the devices needs.
import type { StatementSync } from 'node:sqlite';
import type { SlotTables } from './slots.ts';

type Direction = 'asc' | 'desc';

interface KeptOrder {
  /** The data it was read from (see InventoryStore's dataKey). */
  readonly data: string;
  readonly column: string;
  readonly direction: Direction;
  /** Row numbers, first in the order first. */
  readonly rows: Int32Array;
  /** Every device is in it: read backwards, it is also the order the other way round. */
  readonly complete: boolean;
}

export interface ColumnWindow {
  readonly offset: number;
  readonly count: number;
  /** The rows in the list (a short query's matches); undefined: every device. */
  readonly has: ((row: number) => boolean) | undefined;
  /** The list's length over the number of devices: how deep in the order the window lies. */
  readonly share: number;
  /** Whether to read an order deeper than the kept ones (or else answer only from those). */
  readonly mayRead: boolean;
}

/** How deep an order is read, step by step, before all of it. */
const DEPTHS = [2000, 10_000] as const;
/** Orders kept at once, the least recently used dropped first: columns clicked back and forth (~0.4 MB each for 100,000 devices). */
const KEPT = 8;
/** Matches are not spread evenly along an order (a letter common in one model): read deeper than the share says. */
const MARGIN = 1.5;

export class ColumnOrders {
  private kept: KeptOrder[] = [];

  /**
   * The row numbers at [offset, offset + count) of the list, in `sort` order (fewer at its end),
   * or undefined when the kept orders do not reach that far and `mayRead` is false. `orderBy`
   * gives the ORDER BY for a direction; `data` names the data read in this transaction.
   */
  window(read: (sql: string) => StatementSync, t: SlotTables, data: string, sort: { readonly column: string; readonly direction: Direction }, orderBy: (direction: Direction) => string, window: ColumnWindow): number[] | undefined {
    // Orders of older data are of no more use.
    this.kept = this.kept.filter((k) => k.data === data);
    const known = this.best(sort);
    if (known) {
      const found = walk(known, sort.direction, window);
      if (found) return found;
    }
    if (!window.mayRead) return undefined;
    const needed = ((window.offset + window.count) / Math.max(window.share, 1e-9)) * MARGIN;
    let depth: number | undefined = DEPTHS.find((d) => d >= needed && d > (known?.rows.length ?? 0));
    for (;;) {
      const order = this.readOrder(read, t, data, sort, orderBy, depth);
      const found = walk(order, sort.direction, window);
      if (found) return found;
      // Not deep enough after all: the next step.
      depth = DEPTHS.find((d) => d > order.rows.length);
    }
  }

  /** The kept order that goes furthest, now the most recently used: a complete one (either way round), else the deepest of this direction. */
  private best(sort: { readonly column: string; readonly direction: Direction }): KeptOrder | undefined {
    const ofColumn = this.kept.filter((k) => k.column === sort.column && (k.complete || k.direction === sort.direction));
    const best = ofColumn.find((k) => k.complete) ?? ofColumn.sort((a, b) => b.rows.length - a.rows.length)[0];
    if (best) this.kept = [best, ...this.kept.filter((k) => k !== best)];
    return best;
  }

  private readOrder(read: (sql: string) => StatementSync, t: SlotTables, data: string, sort: { readonly column: string; readonly direction: Direction }, orderBy: (direction: Direction) => string, depth: number | undefined): KeptOrder {
    const statement = read(`SELECT d.row FROM ${t.devices} d ORDER BY ${orderBy(sort.direction)}${depth === undefined ? '' : ` LIMIT ${depth}`}`);
    statement.setReturnArrays(true);
    const found = statement.all() as unknown as [number][];
    const order: KeptOrder = { data, column: sort.column, direction: sort.direction, rows: Int32Array.from(found, (r) => Number(r[0])), complete: depth === undefined || found.length < depth };
    // A deeper order of the same column and direction replaces the shallower one.
    this.kept = [order, ...this.kept.filter((k) => !(k.column === order.column && k.direction === order.direction))].slice(0, KEPT);
    return order;
  }
}

/** The window's rows from a kept order; undefined when the order ends before the window does and is not complete. */
function walk(order: KeptOrder, direction: Direction, window: ColumnWindow): number[] | undefined {
  const { rows, complete } = order;
  const { offset, count, has } = window;
  const backwards = order.direction !== direction;
  const picked: number[] = [];
  let seen = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[backwards ? rows.length - 1 - i : i] as number;
    if (has !== undefined && !has(row)) continue;
    if (seen++ < offset) continue;
    picked.push(row);
    if (picked.length === count) return picked;
  }
  return complete ? picked : undefined;
}
