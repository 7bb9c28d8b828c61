// A device list request (search, filters, sort, page) checked and turned into SQL pieces.
// Column names come from callers (the CLI passes what a technician typed), so every one is
// checked against the projected columns before it gets near SQL; values are always bound.
import type { SQLInputValue } from 'node:sqlite';
import { ProblemError } from '../problem.ts';
import { DEVICE_COLUMN_NAMES, columnKind, isDeviceColumn, storedValue } from './device-columns.ts';
import type { DeviceColumn } from './device-columns.ts';
import { planSearch } from './device-search.ts';
import type { SearchPlan } from './device-search.ts';

export type SortDirection = 'asc' | 'desc';

export interface DeviceSort {
  /** A projected column (see DEVICE_COLUMNS). */
  readonly column: string;
  readonly direction?: SortDirection;
}

export type ConditionOp = 'eq' | 'ne' | 'in' | 'notIn' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'startsWith' | 'isNull' | 'isNotNull';

/** A condition on any projected column. Text compares without regard to case; dates take ISO 8601 or epoch ms. */
export interface ColumnCondition {
  readonly column: string;
  readonly op: ConditionOp;
  readonly value?: unknown;
}

/** The dashboard's filters by name, and conditions on any column. All of them must hold. */
export interface DeviceFilter {
  /** operatingSystem in (…) */
  readonly operatingSystem?: readonly string[];
  /** complianceState in (…) */
  readonly complianceState?: readonly string[];
  /** managedDeviceOwnerType in (…): company, personal, unknown */
  readonly ownership?: readonly string[];
  /** deviceCategoryDisplayName in (…) */
  readonly category?: readonly string[];
  /** Last check-in more than this many days before the store's clock (or never). */
  readonly staleForMoreThanDays?: number;
  /** The devices of one user (`devices --mine`). */
  readonly userPrincipalName?: string;
  readonly conditions?: readonly ColumnCondition[];
}

export interface DeviceQuery {
  /** Contains, case-insensitive, over name, UPN, serial, IMEI, MAC addresses and model. */
  readonly search?: string;
  readonly filter?: DeviceFilter;
  /** Default: deviceName ascending. Ties are broken by id, so the order is total. */
  readonly sort?: DeviceSort;
  /** Rows per page, 1–1000; default 50. */
  readonly limit?: number;
  /** The `next` of the previous page. */
  readonly after?: string;
  /**
   * Rows to skip instead of a cursor: a grid that scrolls anywhere asks for the window at a row
   * number, not after a row it has seen. 0 to MAX_OFFSET; not with `after`.
   */
  readonly offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
/** Far beyond any tenant (Intune's largest hold a few hundred thousand devices); keeps a typo from being a long scan. */
export const MAX_OFFSET = 10_000_000;
export const DAY_MS = 86_400_000;

export interface Where {
  readonly clauses: readonly string[];
  readonly params: readonly SQLInputValue[];
}

export interface CompiledQuery {
  readonly search: SearchPlan;
  readonly filter: CompiledFilter;
  readonly sort: { readonly column: DeviceColumn; readonly direction: SortDirection };
  readonly limit: number;
  readonly after: Cursor | undefined;
  /** Set when the caller asked for rows by position (a window) rather than after a cursor. */
  readonly offset: number | undefined;
}

export interface Cursor {
  /** The sort column's stored value on the last row shown (null sorts before everything). */
  readonly value: SQLInputValue;
  readonly id: string;
}

function badRequest(message: string): ProblemError {
  return new ProblemError({ code: 'badRequest', message });
}

function checkColumn(name: string, purpose: 'filter' | 'sort'): DeviceColumn {
  if (isDeviceColumn(name)) return name;
  throw badRequest(`There is no device column "${name}" to ${purpose} on. Use one of: ${DEVICE_COLUMN_NAMES.join(', ')}.`);
}

export function compileQuery(query: DeviceQuery, now: number): CompiledQuery {
  const sortColumn = checkColumn(query.sort?.column ?? 'deviceName', 'sort');
  const direction = query.sort?.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw badRequest(`Sort direction must be "asc" or "desc", not "${String(direction)}".`);
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw badRequest(`A page holds 1 to ${MAX_PAGE_SIZE} devices, not ${String(limit)}.`);
  const offset = query.offset;
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)) throw badRequest(`A window starts at a row from 0 to ${MAX_OFFSET.toLocaleString('en-US')}, not ${String(offset)}.`);
  if (offset !== undefined && query.after !== undefined) throw badRequest('Ask for rows either after a page link or from a row number, not both.');
  const sort = { column: sortColumn, direction } as const;
  return {
    search: planSearch(query.search),
    filter: compileFilter(query.filter ?? {}, now),
    sort,
    limit,
    after: query.after === undefined ? undefined : decodeCursor(query.after, sort),
    offset,
  };
}

export interface CompiledFilter extends Where {
  /** The devices of one user (see userWhere). */
  readonly userPrincipalName?: string;
  /**
   * An index finds the few rows this filter keeps (stale devices, through the last-sync index),
   * so counting from the filter's side is cheap. (Operating systems lead an index too, but one
   * of them is often half the fleet: measured, starting from the matches was no slower.)
   */
  readonly seekable: boolean;
}

export function compileFilter(filter: DeviceFilter, now: number): CompiledFilter {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (condition: ColumnCondition): void => {
    const compiled = compileCondition(condition);
    clauses.push(compiled.sql);
    params.push(...compiled.params);
  };
  const anyOf = (column: DeviceColumn, values: readonly string[] | undefined, label: string): void => {
    if (values === undefined) return;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw badRequest(`The ${label} filter takes a list of names.`);
    add({ column, op: 'in', value: values });
  };
  anyOf('operatingSystem', filter.operatingSystem, 'operating system');
  anyOf('complianceState', filter.complianceState, 'compliance');
  anyOf('managedDeviceOwnerType', filter.ownership, 'ownership');
  anyOf('deviceCategoryDisplayName', filter.category, 'category');
  const upn = filter.userPrincipalName;
  if (upn !== undefined && (typeof upn !== 'string' || upn.trim() === '')) throw badRequest('The user filter needs a user principal name.');
  if (filter.staleForMoreThanDays !== undefined) {
    const days = filter.staleForMoreThanDays;
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw badRequest(`"Stale for more than N days" needs a number of days of 0 or more, not ${String(days)}.`);
    // A device that never checked in is as stale as it gets.
    clauses.push('(d."lastSyncDateTime" < ? OR d."lastSyncDateTime" IS NULL)');
    params.push(now - days * DAY_MS);
  }
  for (const condition of filter.conditions ?? []) add(condition);
  const seekable = filter.staleForMoreThanDays !== undefined;
  return upn === undefined ? { clauses, params, seekable } : { clauses, params, seekable, userPrincipalName: upn.trim() };
}

/** "The devices of this user": the UPN exactly, through the index on it (migrations.ts). */
export function userWhere(upn: string): Where {
  return { clauses: ['d."userPrincipalName" = ?'], params: [upn] };
}

const COMPARISON: Readonly<Record<'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

function compileCondition(condition: ColumnCondition): { sql: string; params: SQLInputValue[] } {
  const column = checkColumn(condition.column, 'filter');
  const ref = `d."${column}"`;
  const one = (value: unknown): SQLInputValue => {
    const stored = storedValue(column, value);
    if (stored === undefined) throw badRequest(`${JSON.stringify(value)} is not a value ${column} can hold (${describeKind(column)}).`);
    return stored;
  };
  switch (condition.op) {
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return { sql: `${ref} ${COMPARISON[condition.op]} ?`, params: [one(condition.value)] };
    case 'in':
    case 'notIn': {
      const values = condition.value;
      if (!Array.isArray(values) || values.length === 0) throw badRequest(`"${condition.op}" on ${column} needs a list of one or more values.`);
      const params = values.map(one);
      return { sql: `${ref} ${condition.op === 'in' ? 'IN' : 'NOT IN'} (${params.map(() => '?').join(', ')})`, params };
    }
    case 'contains':
    case 'startsWith': {
      if (columnKind(column) !== 'text') throw badRequest(`"${condition.op}" works on text columns; ${column} holds ${describeKind(column)}.`);
      const text = one(condition.value) as string;
      const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
      return { sql: `${ref} LIKE ? ESCAPE '\\'`, params: [condition.op === 'contains' ? `%${escaped}%` : `${escaped}%`] };
    }
    case 'isNull':
      return { sql: `${ref} IS NULL`, params: [] };
    case 'isNotNull':
      return { sql: `${ref} IS NOT NULL`, params: [] };
    default:
      throw badRequest(`Unknown filter operation "${String((condition as { op: unknown }).op)}". Use one of: ${[...Object.keys(COMPARISON), 'in', 'notIn', 'contains', 'startsWith', 'isNull', 'isNotNull'].join(', ')}.`);
  }
}

function describeKind(column: DeviceColumn): string {
  switch (columnKind(column)) {
    case 'text':
      return 'text';
    case 'date':
      return 'a date, ISO 8601 or epoch ms';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return 'a number';
  }
}

export function joinWhere(...parts: readonly (Where | undefined)[]): Where {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  for (const part of parts) {
    if (!part) continue;
    clauses.push(...part.clauses);
    params.push(...part.params);
  }
  return { clauses, params };
}

export function whereSql(where: Where): string {
  return where.clauses.length === 0 ? '' : `WHERE ${where.clauses.join(' AND ')}`;
}

// Cursors: opaque to callers (base64url JSON), checked on the way back in.

interface CursorBody {
  readonly v: 1;
  readonly c: string;
  readonly d: SortDirection;
  readonly k: string | number | null;
  readonly i: string;
}

export function encodeCursor(sort: CompiledQuery['sort'], cursor: Cursor): string {
  const value = cursor.value;
  const body: CursorBody = { v: 1, c: sort.column, d: sort.direction, k: typeof value === 'string' || typeof value === 'number' ? value : value === null ? null : Number(value), i: cursor.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function decodeCursor(text: string, sort: CompiledQuery['sort']): Cursor {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    body = undefined;
  }
  const b = body as Partial<CursorBody> | undefined;
  const kindOk = (value: unknown): boolean => value === null || (columnKind(sort.column) === 'text' ? typeof value === 'string' : typeof value === 'number');
  if (typeof b !== 'object' || b === null || b.v !== 1 || typeof b.i !== 'string' || typeof b.c !== 'string' || (b.d !== 'asc' && b.d !== 'desc')) {
    throw badRequest('That page link is not one this inventory made; start again from the first page.');
  }
  if (b.c !== sort.column || b.d !== sort.direction || !kindOk(b.k)) {
    throw badRequest(`That page link belongs to a list sorted by ${b.c} (${b.d}); start again from the first page of this sort.`);
  }
  return { value: b.k ?? null, id: b.i };
}
