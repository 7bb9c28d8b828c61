// --filter and --sort for device lists, checked before anything is opened so a typo is a usage
// error (exit 2) that lists what can be typed.
//
//   --filter os=Windows,compliance=noncompliant      named filters (values: | for "any of")
//   --filter stale=30                                no check-in for more than 30 days
//   --filter model~Surface --filter isEncrypted=false any device column: = != ~ (contains) < <= > >=
//   --sort lastSyncDateTime:desc   (or --sort=-lastSyncDateTime; short names such as "name" too)
import { DEVICE_COLUMNS, DEVICE_COLUMN_NAMES, isDeviceColumn } from '../core/inventory/device-columns.ts';
import type { ColumnKind, DeviceColumn } from '../core/inventory/device-columns.ts';
import type { ColumnCondition, ConditionOp, DeviceFilter, DeviceSort } from '../core/inventory/device-query.ts';
import { UsageError } from './usage-error.ts';

const COMPLIANCE = ['unknown', 'compliant', 'noncompliant', 'conflict', 'error', 'inGracePeriod', 'configManager'] as const;
const OWNERSHIP = ['company', 'personal', 'unknown'] as const;
export const FILTER_KEYS = ['os', 'compliance', 'ownership', 'stale', 'category'] as const;

/** Short names a technician types, for sorting and filtering. */
const ALIASES: Readonly<Record<string, DeviceColumn>> = {
  name: 'deviceName',
  user: 'userPrincipalName',
  upn: 'userPrincipalName',
  version: 'osVersion',
  lastsync: 'lastSyncDateTime',
  checkin: 'lastSyncDateTime',
  enrolled: 'enrolledDateTime',
  serial: 'serialNumber',
};
const SORT_ALIASES: Readonly<Record<string, DeviceColumn>> = {
  ...ALIASES,
  os: 'operatingSystem',
  compliance: 'complianceState',
  ownership: 'managedDeviceOwnerType',
  category: 'deviceCategoryDisplayName',
};

const OPERATORS: readonly (readonly [string, ConditionOp])[] = [['!=', 'ne'], ['<=', 'le'], ['>=', 'ge'], ['=', 'eq'], ['<', 'lt'], ['>', 'gt'], ['~', 'contains']];
/** A comma starts a new clause only when a key and an operator follow, so values may hold commas. */
const CLAUSE_SPLIT = /,(?=\s*[A-Za-z][A-Za-z0-9]*\s*(?:!=|<=|>=|=|<|>|~))/;

interface Clause {
  readonly key: string;
  readonly op: ConditionOp;
  readonly value: string;
}

export function parseDeviceFilter(specs: readonly string[], command: string): DeviceFilter {
  const lists = new Map<'operatingSystem' | 'complianceState' | 'ownership' | 'category', string[]>();
  const conditions: ColumnCondition[] = [];
  let stale: number | undefined;
  const fail = (message: string): never => {
    throw new UsageError(message, command);
  };
  for (const clause of specs.flatMap((s) => s.split(CLAUSE_SPLIT)).map((c) => parseClause(c, command))) {
    const values = clause.value.split('|').map((v) => v.trim()).filter((v) => v !== '');
    const named = (FILTER_KEYS as readonly string[]).includes(clause.key.toLowerCase()) ? clause.key.toLowerCase() : undefined;
    if (named !== undefined && clause.op !== 'eq') fail(`The ${named} filter takes "=", as in ${named}=value; use the device column's own name for other comparisons.`);
    if (named !== undefined && values.length === 0) fail(`The ${named} filter needs a value.`);
    switch (named) {
      case 'os':
        push(lists, 'operatingSystem', values);
        break;
      case 'compliance':
        push(lists, 'complianceState', values.map((v) => oneOf(v, COMPLIANCE, 'compliance', command)));
        break;
      case 'ownership':
        push(lists, 'ownership', values.map((v) => oneOf(v, OWNERSHIP, 'ownership', command)));
        break;
      case 'category':
        push(lists, 'category', values);
        break;
      case 'stale': {
        const days = values.length === 1 ? Number(values[0]) : Number.NaN;
        if (!/^\d+$/.test(values[0] ?? '') || !Number.isSafeInteger(days)) fail(`stale takes a number of days, as in stale=30; got "${clause.value}".`);
        stale = days;
        break;
      }
      default:
        conditions.push(columnCondition(clause, values, command));
    }
  }
  return {
    ...(lists.has('operatingSystem') ? { operatingSystem: lists.get('operatingSystem') } : {}),
    ...(lists.has('complianceState') ? { complianceState: lists.get('complianceState') } : {}),
    ...(lists.has('ownership') ? { ownership: lists.get('ownership') } : {}),
    ...(lists.has('category') ? { category: lists.get('category') } : {}),
    ...(stale !== undefined ? { staleForMoreThanDays: stale } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

export function parseDeviceSort(spec: string | undefined, command: string): DeviceSort | undefined {
  if (spec === undefined) return undefined;
  let text = spec.trim();
  let direction: 'asc' | 'desc' = 'asc';
  if (text.startsWith('-')) {
    direction = 'desc';
    text = text.slice(1);
  }
  const colon = text.lastIndexOf(':');
  if (colon >= 0) {
    const dir = text.slice(colon + 1).toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw new UsageError(`--sort takes column[:asc|desc]; "${dir}" is not a direction.`, command);
    direction = dir;
    text = text.slice(0, colon);
  }
  const column = columnNamed(text, SORT_ALIASES);
  if (column === undefined) {
    throw new UsageError(`Cannot sort by "${text}". Use a device column (${DEVICE_COLUMN_NAMES.join(', ')}) or a short name (${Object.keys(SORT_ALIASES).join(', ')}).`, command);
  }
  return { column, direction };
}

function parseClause(text: string, command: string): Clause {
  const trimmed = text.trim();
  const match = /^([A-Za-z][A-Za-z0-9]*)\s*(!=|<=|>=|=|<|>|~)(.*)$/.exec(trimmed);
  if (!match) throw new UsageError(`"${trimmed}" is not a filter: write key=value, as in os=Windows,compliance=noncompliant.`, command);
  const op = OPERATORS.find(([symbol]) => symbol === match[2])?.[1] ?? 'eq';
  return { key: match[1] ?? '', op, value: (match[3] ?? '').trim() };
}

function columnCondition(clause: Clause, values: readonly string[], command: string): ColumnCondition {
  const column = columnNamed(clause.key, ALIASES);
  if (column === undefined) {
    throw new UsageError(
      `Unknown filter key "${clause.key}". Use ${FILTER_KEYS.join(', ')} (stale in days), or a device column: ${DEVICE_COLUMN_NAMES.join(', ')}.`,
      command,
    );
  }
  if (clause.value === '' && (clause.op === 'eq' || clause.op === 'ne')) return { column, op: clause.op === 'eq' ? 'isNull' : 'isNotNull' };
  const kind = kindOf(column);
  const typed = values.map((v) => typedValue(column, kind, v, command));
  if (clause.op === 'contains' && kind !== 'text') throw new UsageError(`"~" (contains) works on text columns; ${column} is not text.`, command);
  if (typed.length > 1) {
    if (clause.op !== 'eq' && clause.op !== 'ne') throw new UsageError(`"|" (any of) works with = and != only.`, command);
    return { column, op: clause.op === 'eq' ? 'in' : 'notIn', value: typed };
  }
  return { column, op: clause.op, value: typed[0] };
}

function kindOf(column: DeviceColumn): ColumnKind {
  return DEVICE_COLUMNS.find((c) => c.name === column)?.kind ?? 'text';
}

function typedValue(column: DeviceColumn, kind: ColumnKind, value: string, command: string): string | number | boolean {
  switch (kind) {
    case 'text':
      return value;
    case 'boolean':
      if (value.toLowerCase() === 'true' || value.toLowerCase() === 'false') return value.toLowerCase() === 'true';
      throw new UsageError(`${column} is true or false, not "${value}".`, command);
    case 'integer':
      if (/^-?\d+$/.test(value)) return Number(value);
      throw new UsageError(`${column} is a whole number, not "${value}".`, command);
    case 'date':
      if (!Number.isNaN(Date.parse(value))) return new Date(Date.parse(value)).toISOString();
      throw new UsageError(`${column} is a date such as 2026-01-31 or 2026-01-31T08:00:00Z, not "${value}".`, command);
  }
}

function columnNamed(text: string, aliases: Readonly<Record<string, DeviceColumn>>): DeviceColumn | undefined {
  if (isDeviceColumn(text)) return text;
  const alias = aliases[text.toLowerCase()];
  if (alias !== undefined) return alias;
  return DEVICE_COLUMN_NAMES.find((c) => c.toLowerCase() === text.toLowerCase());
}

function oneOf<T extends string>(value: string, allowed: readonly T[], label: string, command: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw new UsageError(`"${value}" is not a ${label} state; use ${allowed.join(', ')}.`, command);
  return found;
}

function push<K>(lists: Map<K, string[]>, key: K, values: readonly string[]): void {
  lists.set(key, [...(lists.get(key) ?? []), ...values]);
}
