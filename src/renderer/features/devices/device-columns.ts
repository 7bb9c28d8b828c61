// The grid's columns: every column the inventory keeps, with the name a technician reads and
// how its value is shown. Keyed by the inventory's column type, so a column added there fails
// the typecheck here until it has a label.
import type { DeviceRow } from '../../../shared/bridge/api.ts';
import { timeWording } from '../../app/wording.ts';
import type { WordingOptions } from '../../app/wording.ts';

export type DeviceColumn = keyof DeviceRow;

interface ColumnInfo {
  readonly label: string;
  /** Pixels; the grid is a fixed layout so a row renders without measuring. */
  readonly width: number;
}

export const COLUMN_INFO = {
  id: { label: 'Intune device ID', width: 290 },
  deviceName: { label: 'Device name', width: 200 },
  userPrincipalName: { label: 'Primary user UPN', width: 260 },
  userDisplayName: { label: 'Primary user', width: 170 },
  emailAddress: { label: 'Email', width: 240 },
  userId: { label: 'User ID', width: 290 },
  operatingSystem: { label: 'OS', width: 100 },
  osVersion: { label: 'OS version', width: 140 },
  complianceState: { label: 'Compliance', width: 130 },
  managedDeviceOwnerType: { label: 'Ownership', width: 110 },
  managementState: { label: 'Management state', width: 150 },
  managementAgent: { label: 'Managed by', width: 150 },
  deviceEnrollmentType: { label: 'Enrollment type', width: 190 },
  joinType: { label: 'Join type', width: 150 },
  lastSyncDateTime: { label: 'Last check-in', width: 150 },
  enrolledDateTime: { label: 'Enrolled', width: 150 },
  model: { label: 'Model', width: 170 },
  manufacturer: { label: 'Manufacturer', width: 130 },
  serialNumber: { label: 'Serial number', width: 150 },
  imei: { label: 'IMEI', width: 150 },
  wiFiMacAddress: { label: 'Wi-Fi MAC', width: 140 },
  ethernetMacAddress: { label: 'Ethernet MAC', width: 140 },
  deviceCategoryDisplayName: { label: 'Category', width: 140 },
  isEncrypted: { label: 'Encrypted', width: 100 },
  isSupervised: { label: 'Supervised', width: 100 },
  jailBroken: { label: 'Jailbroken', width: 100 },
  azureADDeviceId: { label: 'Entra device ID', width: 290 },
  freeStorageSpaceInBytes: { label: 'Free storage', width: 120 },
  totalStorageSpaceInBytes: { label: 'Total storage', width: 120 },
} as const satisfies Readonly<Record<DeviceColumn, ColumnInfo>>;

export const ALL_COLUMNS = Object.keys(COLUMN_INFO) as readonly DeviceColumn[];

export const DEFAULT_COLUMNS: readonly DeviceColumn[] = [
  'deviceName',
  'userPrincipalName',
  'operatingSystem',
  'osVersion',
  'complianceState',
  'managedDeviceOwnerType',
  'lastSyncDateTime',
  'model',
  'serialNumber',
];

export function isDeviceColumn(name: string): name is DeviceColumn {
  return Object.hasOwn(COLUMN_INFO, name);
}

/**
 * The columns to show from what settings hold: unknown names (a column a newer version had)
 * and repeats are dropped, and an empty list falls back to the defaults, so the grid always
 * has something to show.
 */
export function columnsFromSettings(saved: readonly string[] | undefined): readonly DeviceColumn[] {
  const seen = new Set<DeviceColumn>();
  for (const name of saved ?? []) if (isDeviceColumn(name)) seen.add(name);
  return seen.size === 0 ? DEFAULT_COLUMNS : [...seen];
}

/** Shows or hides one column; the last visible column cannot be hidden. New columns go at the end. */
export function toggleColumn(columns: readonly DeviceColumn[], column: DeviceColumn): readonly DeviceColumn[] {
  if (!columns.includes(column)) return [...columns, column];
  return columns.length === 1 ? columns : columns.filter((c) => c !== column);
}

export function columnLabel(column: DeviceColumn): string {
  return COLUMN_INFO[column].label;
}

const COMPLIANCE: Readonly<Record<string, string>> = {
  compliant: 'Compliant',
  noncompliant: 'Not compliant',
  conflict: 'Conflict',
  error: 'Error',
  inGracePeriod: 'In grace period',
  configManager: 'Configuration Manager',
  unknown: 'Not evaluated',
};

const OWNERSHIP: Readonly<Record<string, string>> = { company: 'Corporate', personal: 'Personal', unknown: 'Unknown' };

/** A value as the filter chips name it ("Not compliant" for noncompliant). */
export function valueLabel(group: 'complianceState' | 'ownership' | 'operatingSystem' | 'category', value: string): string {
  if (group === 'complianceState') return COMPLIANCE[value] ?? value;
  if (group === 'ownership') return OWNERSHIP[value] ?? value;
  return value;
}

function bytesWording(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  return gb >= 1 ? `${gb.toFixed(gb >= 100 ? 0 : 1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** One cell's text. Empty values read as an empty cell, not "null". */
export function cellText(column: DeviceColumn, row: DeviceRow, now: number, options: WordingOptions = {}): string {
  const value = row[column];
  if (value === null || value === undefined || value === '') return '';
  switch (column) {
    case 'lastSyncDateTime':
    case 'enrolledDateTime': {
      const ms = Date.parse(String(value));
      return Number.isNaN(ms) ? String(value) : timeWording(ms, now, options);
    }
    case 'complianceState':
      return valueLabel('complianceState', String(value));
    case 'managedDeviceOwnerType':
      return valueLabel('ownership', String(value));
    case 'freeStorageSpaceInBytes':
    case 'totalStorageSpaceInBytes':
      return typeof value === 'number' ? bytesWording(value) : String(value);
    default:
      return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
  }
}
