// Every device's searched line (searchLineSql in device-search.ts), held in memory by one store
// connection: every search is answered from these lines (device-search.ts says why).
//
// Why one string: the search box searches on every keystroke, so its first query is always one
// character, and one character matches most of the fleet. For 100,000 devices, scanning the 7
// column expressions with LIKE took ~30 ms and writing the 80,000 matches down ~40 ms more.
// Here the lines are one lower-case string, searched with indexOf from the start of each line
// not yet matched: 1–4 ms for any query (measured; a string per device measured 1–6 ms, and
// made ~3 times the garbage to read).
//
// Reading: SQLite joins the lines into one value (and the row numbers into another), ~60 ms for
// 100,000 devices; lower-casing and finding where each line, its UPN and the UPN's @ start take
// ~25 ms more. Reading a row at a time measured 100–350 ms, most of it collecting the garbage of
// 100,000 little arrays. The text is ~10 MB.
//
// The text belongs to one state of the file: the live slot and the commits other connections
// made (PRAGMA data_version), named by the caller's `state`. This connection's own writes (an
// incremental sync: a few devices at a time) name the rows they touch instead, and only those
// lines are read again.
//
// Matches are marked with a byte per row, read in SQL through device_hit(row), a function of
// this connection: walking a sort index and testing each row finds a window of a dense set in a
// few hundred steps, without writing the set down.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { searchLineSql } from './device-search.ts';
import type { SearchPlan } from './device-search.ts';
import type { SlotTables } from './slots.ts';

/** The SQL function that says whether a row is marked: `device_hit(d.row)` is 1 or 0. */
export const HIT_FUNCTION = 'device_hit';

export type TextPlan = Extract<SearchPlan, { kind: 'text' }>;

type Read = (sql: string) => StatementSync;

/** Past this many touched rows, reading them all again costs about what reading everything does. */
const MAX_TOUCHED = 5000;
const LINE_END = '\n';
/** Between a line's fields and its UPN (char 30). */
const UPN_MARK = '\u001e';

/** Lines as read: one text, and the row of each line. */
interface Lines {
  readonly text: string;
  readonly rows: readonly number[];
}

/** Lines checked, with their table (see lineTable). */
interface TabledLines extends Lines {
  readonly table: LineTable;
}

/** Where each line starts, and where its UPN and the UPN's @ are, from the line's start. */
interface LineTable {
  readonly rows: Int32Array;
  readonly starts: Int32Array;
  readonly upnStarts: Int32Array;
  readonly upnAts: Int32Array;
}

export class DeviceTexts {
  /** Which data the text holds; undefined when there is none. */
  private state: string | undefined;
  /** Every line, lower case, each followed by a newline. */
  private text = '';
  /** By line: its row; where it starts in the text (one more entry: the text's length); where its UPN and the UPN's @ (or its end) are. */
  private table: LineTable = emptyTable(0);
  /** By row: 1 when the last mark() matched it. */
  private marks: Uint8Array = new Uint8Array(0);
  private readonly touched = new Set<number>();

  /** Registers device_hit on `db`, the connection the store reads with. */
  constructor(db: DatabaseSync) {
    db.function(HIT_FUNCTION, { deterministic: false, directOnly: true }, (row) => (typeof row === 'number' ? (this.marks[row] ?? 0) : 0));
  }

  /** A row this connection's own write added, changed or removed: its line is read again before the next search. */
  touch(row: number): void {
    if (this.state === undefined) return;
    if (this.touched.size >= MAX_TOUCHED) this.forget();
    else this.touched.add(row);
  }

  /** Drops the text (the next search reads it all again). */
  forget(): void {
    this.state = undefined;
    this.text = '';
    this.table = emptyTable(0);
    this.marks = new Uint8Array(0);
    this.touched.clear();
  }

  /** Whether the lines held are those of the data `state` names, with no row changed since. */
  isCurrent(state: string): boolean {
    return state === this.state && this.touched.size === 0;
  }

  /** Reads the lines now if they are not current. Call inside the read transaction that `state` describes. */
  prepare(read: Read, t: SlotTables, state: string): void {
    this.load(read, t, state);
  }

  /**
   * Marks the devices `plan` matches, for device_hit(row), isMarked and markedRows; returns how
   * many. Call inside the read transaction that `state` describes (see above), and use the
   * marks in it.
   */
  mark(read: Read, t: SlotTables, state: string, plan: TextPlan): number {
    this.load(read, t, state);
    this.marks.fill(0);
    let count = 0;
    for (const needle of plan.needles) count += plan.within === 'upn' ? this.markUpns(needle) : this.markFields(needle);
    return count;
  }

  /** Whether the last mark() matched `row`. */
  isMarked(row: number): boolean {
    return this.marks[row] === 1;
  }

  /** The rows the last mark() matched, in row order. */
  markedRows(): number[] {
    const found: number[] = [];
    const { marks } = this;
    for (let row = 0; row < marks.length; row++) if (marks[row] === 1) found.push(row);
    return found;
  }

  /** Marks the rows whose line holds `needle` before its UPN's @; returns how many it newly marked. */
  private markFields(needle: string): number {
    const { text, marks } = this;
    const { rows, starts, upnAts } = this.table;
    let count = 0;
    let line = 0;
    for (let at = text.indexOf(needle); at >= 0; ) {
      while ((starts[line + 1] as number) <= at) line++;
      // Past the @ it is the UPN's domain, not searched; and the rest of the line is too.
      if (at - (starts[line] as number) < (upnAts[line] as number)) {
        const row = rows[line] as number;
        if (marks[row] === 0) {
          marks[row] = 1;
          count++;
        }
      }
      line++;
      at = line < rows.length ? text.indexOf(needle, starts[line]) : -1;
    }
    return count;
  }

  /** Marks the rows whose whole UPN holds `needle` (it has an @); returns how many it newly marked. */
  private markUpns(needle: string): number {
    const { text, marks } = this;
    const { rows, starts, upnStarts } = this.table;
    let count = 0;
    let line = 0;
    for (let at = text.indexOf(needle); at >= 0; ) {
      while ((starts[line + 1] as number) <= at) line++;
      const upn = (starts[line] as number) + (upnStarts[line] as number);
      // Before the UPN (a device named with an @): look again from the UPN.
      if (at < upn) {
        at = text.indexOf(needle, upn);
        continue;
      }
      const row = rows[line] as number;
      if (marks[row] === 0) {
        marks[row] = 1;
        count++;
      }
      line++;
      at = line < rows.length ? text.indexOf(needle, starts[line]) : -1;
    }
    return count;
  }

  private load(read: Read, t: SlotTables, state: string): void {
    if (state !== this.state) {
      this.forget();
      const lines = lowerCased(readLines(read, t, undefined));
      this.set(lines.text, lines.table);
      this.state = state;
      return;
    }
    if (this.touched.size === 0) return;
    const touched = [...this.touched];
    this.touched.clear();
    this.patch(new Set(touched), lowerCased(readLines(read, t, touched)));
  }

  /**
   * Drops the lines of `touched` and adds `fresh` (their lines read again) at the end, the order
   * of lines being of no matter: the text is copied in a few pieces, and the table shifted.
   */
  private patch(touched: ReadonlySet<number>, fresh: TabledLines): void {
    const { text, table } = this;
    const kept = table.rows.reduce((n, row) => (touched.has(row) ? n : n + 1), 0);
    const next = emptyTable(kept + fresh.rows.length);
    const pieces: string[] = [];
    let line = 0;
    let at = 0;
    let from = -1;
    for (let old = 0; old <= table.rows.length; old++) {
      const keep = old < table.rows.length && !touched.has(table.rows[old] as number);
      if (keep) {
        if (from < 0) from = old;
        next.rows[line] = table.rows[old] as number;
        next.starts[line] = at;
        next.upnStarts[line] = table.upnStarts[old] as number;
        next.upnAts[line] = table.upnAts[old] as number;
        at += (table.starts[old + 1] as number) - (table.starts[old] as number);
        line++;
      } else if (from >= 0) {
        pieces.push(text.slice(table.starts[from], table.starts[old]));
        from = -1;
      }
    }
    fresh.rows.forEach((row, k) => {
      next.rows[line + k] = row;
      next.starts[line + k] = at + (fresh.table.starts[k] as number);
      next.upnStarts[line + k] = fresh.table.upnStarts[k] as number;
      next.upnAts[line + k] = fresh.table.upnAts[k] as number;
    });
    pieces.push(fresh.text);
    next.starts[next.rows.length] = at + fresh.text.length;
    this.set(pieces.join(''), next);
  }

  /** Takes the text, lower case, and its table. */
  private set(text: string, table: LineTable): void {
    this.text = text;
    this.table = table;
    const last = table.rows.reduce((max, row) => Math.max(max, row), 0);
    if (this.marks.length <= last) this.marks = new Uint8Array(last + 1);
  }
}

/**
 * The lines of every device, or of `only` these rows. A newline or char 30 in the data would
 * break the lines up; checked when they are tabled (lineTable), and read again cleaned if so.
 */
function readLines(read: Read, t: SlotTables, only: readonly number[] | undefined): TabledLines {
  const attempt = (clean: boolean): Lines => {
    const where = only === undefined ? '' : 'WHERE d.row IN (SELECT value FROM json_each(?))';
    // Both aggregates take the rows in the same order, whatever it is.
    const statement = read(`SELECT group_concat(${searchLineSql(clean)} || char(10), '') AS text, group_concat(d.row, ',') AS rows FROM ${t.devices} d ${where}`);
    const found = (only === undefined ? statement.get() : statement.get(JSON.stringify(only))) as { text: string | null; rows: string | null };
    return { text: found.text ?? '', rows: parseRows(found.rows ?? '') };
  };
  const lines = attempt(false);
  const table = lineTable(lines.text, lines.rows);
  if (table) return { ...lines, table };
  const cleaned = attempt(true);
  return { ...cleaned, table: checked(lineTable(cleaned.text, cleaned.rows)) };
}

/** The same lines, lower case. */
function lowerCased(lines: TabledLines): TabledLines {
  const text = lines.text.toLowerCase();
  // Lower-casing lengthens a few letters (İ becomes i and a dot): then the lines move.
  return { text, rows: lines.rows, table: text.length === lines.text.length ? lines.table : checked(lineTable(text, lines.rows)) };
}

/** A table of lines that cannot be malformed (cleaned, or lower-cased from well-formed ones). */
function checked(table: LineTable | undefined): LineTable {
  if (!table) throw new Error('The devices\' search lines do not line up with their rows');
  return table;
}

/** "3,17,18" to [3, 17, 18], without a string per number. */
function parseRows(text: string): number[] {
  const rows: number[] = [];
  if (text === '') return rows;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      rows.push(value);
      value = 0;
    } else {
      value = value * 10 + code - 48;
    }
  }
  rows.push(value);
  return rows;
}

/** Where each line starts, and its UPN and @; undefined when the text does not hold one well-formed line per row. */
function lineTable(text: string, rows: readonly number[]): LineTable | undefined {
  const table = emptyTable(rows.length);
  let start = 0;
  for (let line = 0; line < rows.length; line++) {
    const end = text.indexOf(LINE_END, start);
    if (end < 0) return undefined;
    const upn = text.indexOf(UPN_MARK, start);
    if (upn < 0 || upn > end || text.lastIndexOf(UPN_MARK, end) !== upn) return undefined;
    const at = text.indexOf('@', upn);
    table.rows[line] = rows[line] as number;
    table.starts[line] = start;
    table.upnStarts[line] = upn + 1 - start;
    table.upnAts[line] = (at >= 0 && at < end ? at : end) - start;
    start = end + LINE_END.length;
  }
  if (start !== text.length) return undefined;
  table.starts[rows.length] = start;
  return table;
}

function emptyTable(lines: number): LineTable {
  return { rows: new Int32Array(lines), starts: new Int32Array(lines + 1), upnStarts: new Int32Array(lines), upnAts: new Int32Array(lines) };
}
