// The device properties the inventory keeps as columns, so lists can filter and sort on them
// without reading each device's full JSON. Names are Graph's own (managedDevice, beta), which
// is also the allow-list for filters and sorts: anything else is refused by name.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { SQLInputValue } from 'node:sqlite';

/**
 * How a column is stored and shown:
 * text as TEXT (compared without regard to case), date as epoch ms (shown as ISO 8601),
 * boolean as 0/1, integer as INTEGER.
 */
export type ColumnKind = 'text' | 'date' | 'boolean' | 'integer';

interface ColumnSpec {
  readonly name: keyof ManagedDevice & string;
  readonly kind: ColumnKind;
}

export const DEVICE_COLUMNS = [
  { name: 'id', kind: 'text' },
  { name: 'deviceName', kind: 'text' },
  { name: 'userPrincipalName', kind: 'text' },
  { name: 'userDisplayName', kind: 'text' },
  { name: 'emailAddress', kind: 'text' },
  { name: 'userId', kind: 'text' },
  { name: 'operatingSystem', kind: 'text' },
  { name: 'osVersion', kind: 'text' },
  { name: 'complianceState', kind: 'text' },
  { name: 'managedDeviceOwnerType', kind: 'text' },
  { name: 'managementState', kind: 'text' },
  { name: 'managementAgent', kind: 'text' },
  { name: 'deviceEnrollmentType', kind: 'text' },
  { name: 'joinType', kind: 'text' },
  { name: 'lastSyncDateTime', kind: 'date' },
  { name: 'enrolledDateTime', kind: 'date' },
  { name: 'model', kind: 'text' },
  { name: 'manufacturer', kind: 'text' },
  { name: 'serialNumber', kind: 'text' },
  { name: 'imei', kind: 'text' },
  { name: 'wiFiMacAddress', kind: 'text' },
  { name: 'ethernetMacAddress', kind: 'text' },
  { name: 'deviceCategoryDisplayName', kind: 'text' },
  { name: 'isEncrypted', kind: 'boolean' },
  { name: 'isSupervised', kind: 'boolean' },
  { name: 'jailBroken', kind: 'text' },
  { name: 'azureADDeviceId', kind: 'text' },
  { name: 'freeStorageSpaceInBytes', kind: 'integer' },
  { name: 'totalStorageSpaceInBytes', kind: 'integer' },
] as const satisfies readonly ColumnSpec[];

export type DeviceColumn = (typeof DEVICE_COLUMNS)[number]['name'];
type KindOf<C extends DeviceColumn> = Extract<(typeof DEVICE_COLUMNS)[number], { readonly name: C }>['kind'];
type ValueOf<K extends ColumnKind> = K extends 'boolean' ? boolean | null : K extends 'integer' ? number | null : string | null;

/** One device as a list shows it: the projected columns, dates in ISO 8601. `id` is never null. */
export type DeviceRow = { readonly [C in DeviceColumn]: C extends 'id' ? string : ValueOf<KindOf<C>> };

const KIND = new Map<string, ColumnKind>(DEVICE_COLUMNS.map((c) => [c.name, c.kind]));

export function isDeviceColumn(name: string): name is DeviceColumn {
  return KIND.has(name);
}

export function columnKind(column: DeviceColumn): ColumnKind {
  return KIND.get(column) as ColumnKind;
}

export const DEVICE_COLUMN_NAMES: readonly DeviceColumn[] = DEVICE_COLUMNS.map((c) => c.name);

/** A device that passed validation: its column values in DEVICE_COLUMNS order, ready to bind. */
export interface ProjectedDevice {
  readonly id: string;
  readonly values: SQLInputValue[];
  /** Epoch ms of lastSyncDateTime, or null. */
  readonly lastSyncMs: number | null;
  readonly model: string | null;
}

/** Collects what is wrong with one device; allocated only when something is. */
interface Findings {
  list: string[] | undefined;
}

function text(value: unknown, name: string, findings: Findings): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && value !== undefined) (findings.list ??= []).push(`${name} should be a string, not ${describe(value)}`);
  return null;
}

function date(value: unknown, name: string, findings: Findings): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'string' ? parseIsoDate(value) : Number.NaN;
  if (Number.isNaN(ms)) (findings.list ??= []).push(`${name} should be an ISO 8601 date, not ${describe(value)}`);
  return Number.isNaN(ms) ? null : ms;
}

function flag(value: unknown, name: string, findings: Findings): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && value !== undefined) (findings.list ??= []).push(`${name} should be true or false, not ${describe(value)}`);
  return null;
}

function integer(value: unknown, name: string, findings: Findings): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (value !== null && value !== undefined) (findings.list ??= []).push(`${name} should be a number, not ${describe(value)}`);
  return null;
}

/**
 * Checks a device as Graph sent it and projects its columns, or says everything wrong with it.
 * A device is refused whole: no half-stored rows.
 *
 * Written out property by property (in DEVICE_COLUMNS order; a test holds the two together)
 * because this runs for every device of every sync: named reads of a fixed shape are several
 * times faster than reads by computed name.
 */
export function projectDevice(device: unknown): ProjectedDevice | readonly string[] {
  if (typeof device !== 'object' || device === null || Array.isArray(device)) return ['is not a JSON object'];
  const d = device as { readonly [K in keyof ManagedDevice]?: unknown };
  const f: Findings = { list: undefined };
  const id = d.id;
  if (typeof id !== 'string' || id.trim() === '') (f.list ??= []).push(id === undefined || id === null ? 'id is missing' : typeof id === 'string' ? 'id is empty' : `id should be a string, not ${describe(id)}`);
  const lastSyncMs = date(d.lastSyncDateTime, 'lastSyncDateTime', f);
  const model = text(d.model, 'model', f);
  const values: SQLInputValue[] = [
    typeof id === 'string' ? id : null,
    text(d.deviceName, 'deviceName', f),
    text(d.userPrincipalName, 'userPrincipalName', f),
    text(d.userDisplayName, 'userDisplayName', f),
    text(d.emailAddress, 'emailAddress', f),
    text(d.userId, 'userId', f),
    text(d.operatingSystem, 'operatingSystem', f),
    text(d.osVersion, 'osVersion', f),
    text(d.complianceState, 'complianceState', f),
    text(d.managedDeviceOwnerType, 'managedDeviceOwnerType', f),
    text(d.managementState, 'managementState', f),
    text(d.managementAgent, 'managementAgent', f),
    text(d.deviceEnrollmentType, 'deviceEnrollmentType', f),
    text(d.joinType, 'joinType', f),
    lastSyncMs,
    date(d.enrolledDateTime, 'enrolledDateTime', f),
    model,
    text(d.manufacturer, 'manufacturer', f),
    text(d.serialNumber, 'serialNumber', f),
    text(d.imei, 'imei', f),
    text(d.wiFiMacAddress, 'wiFiMacAddress', f),
    text(d.ethernetMacAddress, 'ethernetMacAddress', f),
    text(d.deviceCategoryDisplayName, 'deviceCategoryDisplayName', f),
    flag(d.isEncrypted, 'isEncrypted', f),
    flag(d.isSupervised, 'isSupervised', f),
    text(d.jailBroken, 'jailBroken', f),
    text(d.azureADDeviceId, 'azureADDeviceId', f),
    integer(d.freeStorageSpaceInBytes, 'freeStorageSpaceInBytes', f),
    integer(d.totalStorageSpaceInBytes, 'totalStorageSpaceInBytes', f),
  ];
  if (f.list) return f.list;
  return { id: id as string, values, lastSyncMs, model };
}

/**
 * Epoch ms of an ISO 8601 date-time, NaN if it is not one. Graph's usual form
 * (2026-10-31T12:08:22Z) is read directly; anything else goes to Date.parse.
 */
export function parseIsoDate(value: string): number {
  if (value.length === 20 && value.charCodeAt(19) === 90 /* Z */ && value.charCodeAt(10) === 84 /* T */) {
    const year = digits(value, 0, 4);
    // Date.UTC reads years 0-99 as 1900-1999.
    if (year >= 100 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && value.charCodeAt(13) === 58 && value.charCodeAt(16) === 58) {
      const month = digits(value, 5, 2);
      const day = digits(value, 8, 2);
      const hour = digits(value, 11, 2);
      const minute = digits(value, 14, 2);
      const second = digits(value, 17, 2);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59) {
        const ms = Date.UTC(year, month - 1, day, hour, minute, second);
        // Date.UTC rolls 31 February into March; an invalid day is not a date.
        if (new Date(ms).getUTCDate() === day) return ms;
        return Number.NaN;
      }
    }
  }
  return Date.parse(value);
}

/** The number written in `count` decimal digits at `start`, or NaN. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** A stored row (columns as SQLite returns them) as a list shows it. */
export function toDeviceRow(stored: Readonly<Record<string, SQLInputValue>>): DeviceRow {
  const row: Record<string, string | number | boolean | null> = {};
  for (const column of DEVICE_COLUMNS) {
    const value = stored[column.name];
    if (value === null || value === undefined) {
      row[column.name] = null;
      continue;
    }
    switch (column.kind) {
      case 'text':
        row[column.name] = String(value);
        break;
      case 'date':
        row[column.name] = new Date(Number(value)).toISOString();
        break;
      case 'boolean':
        row[column.name] = Number(value) !== 0;
        break;
      case 'integer':
        row[column.name] = Number(value);
        break;
    }
  }
  return row as DeviceRow;
}

/** A value a caller gave for a column (filter or cursor) as stored, or undefined if it cannot be one. */
export function storedValue(column: DeviceColumn, value: unknown): SQLInputValue | undefined {
  switch (columnKind(column)) {
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'date': {
      if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
      const ms = typeof value === 'string' ? parseIsoDate(value) : Number.NaN;
      return Number.isNaN(ms) ? undefined : ms;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 'true' || value === 'false') return value === 'true' ? 1 : 0;
      return undefined;
    case 'integer': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
  }
}
