// The device panel's fields and how each section says where its data came from ("Live",
// "As of 14:02, 3 min ago", or why it is missing).
import type { DeviceSection } from '../../../shared/bridge/api.ts';
import { asOfWording, timeWording } from '../../app/wording.ts';
import { valueLabel } from '../devices/device-columns.ts';
import type { WordingOptions } from '../../app/wording.ts';

export interface FieldSpec {
  /** Graph's managedDevice property name. */
  readonly name: string;
  readonly label: string;
}

export const OVERVIEW_FIELDS: readonly FieldSpec[] = [
  { name: 'deviceName', label: 'Device name' },
  { name: 'userPrincipalName', label: 'Primary user UPN' },
  { name: 'operatingSystem', label: 'OS' },
  { name: 'osVersion', label: 'OS version' },
  { name: 'complianceState', label: 'Compliance' },
  { name: 'managementState', label: 'Management state' },
  { name: 'managedDeviceOwnerType', label: 'Ownership' },
  { name: 'deviceCategoryDisplayName', label: 'Category' },
  { name: 'joinType', label: 'Join type' },
  { name: 'managementAgent', label: 'Managed by' },
  { name: 'deviceEnrollmentType', label: 'Enrollment type' },
  { name: 'enrolledDateTime', label: 'Enrolled' },
  { name: 'lastSyncDateTime', label: 'Last check-in' },
  { name: 'azureADDeviceId', label: 'Entra device ID' },
  { name: 'id', label: 'Intune device ID' },
];

export const HARDWARE_FIELDS: readonly FieldSpec[] = [
  { name: 'manufacturer', label: 'Manufacturer' },
  { name: 'model', label: 'Model' },
  { name: 'serialNumber', label: 'Serial number' },
  { name: 'imei', label: 'IMEI' },
  { name: 'meid', label: 'MEID' },
  { name: 'phoneNumber', label: 'Phone number' },
  { name: 'wiFiMacAddress', label: 'Wi-Fi MAC' },
  { name: 'ethernetMacAddress', label: 'Ethernet MAC' },
  { name: 'processorArchitecture', label: 'Processor' },
  { name: 'physicalMemoryInBytes', label: 'Memory' },
  { name: 'totalStorageSpaceInBytes', label: 'Total storage' },
  { name: 'freeStorageSpaceInBytes', label: 'Free storage' },
  { name: 'isEncrypted', label: 'Encrypted' },
  { name: 'isSupervised', label: 'Supervised' },
  { name: 'jailBroken', label: 'Jailbroken' },
  { name: 'batteryHealthPercentage', label: 'Battery health' },
];

export type PropertyValue = string | number | boolean | null;

function bytes(n: number): string {
  const gb = n / 1024 ** 3;
  return gb >= 1 ? `${gb.toFixed(gb >= 100 ? 0 : 1)} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}

/** One property as the panel shows it; undefined for an empty value (the row is left out). */
export function propertyText(name: string, value: PropertyValue | undefined, now: number, options: WordingOptions = {}): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    if (name.endsWith('InBytes')) return value === 0 ? undefined : bytes(value);
    if (name.endsWith('Percentage')) return `${value}%`;
    return String(value);
  }
  if (name === 'complianceState') return valueLabel('complianceState', value);
  if (name === 'managedDeviceOwnerType') return valueLabel('ownership', value);
  if (name.endsWith('DateTime')) {
    const ms = Date.parse(value);
    // Graph's "never" is the year 1 (0001-01-01T00:00:00Z).
    if (Number.isNaN(ms) || ms < 0) return Number.isNaN(ms) ? value : undefined;
    return timeWording(ms, now, options);
  }
  return value;
}

export interface FieldRow {
  readonly name: string;
  readonly label: string;
  readonly text: string;
}

export function fieldRows(properties: Readonly<Record<string, PropertyValue>>, fields: readonly FieldSpec[], now: number, options: WordingOptions = {}): readonly FieldRow[] {
  return fields.flatMap((f) => {
    const text = propertyText(f.name, properties[f.name], now, options);
    return text === undefined ? [] : [{ name: f.name, label: f.label, text }];
  });
}

export interface SourceWording {
  readonly kind: 'live' | 'cached' | 'unavailable';
  /** "Live", "As of 14:02, 3 min ago", "Not available". */
  readonly text: string;
}

export function sectionSource(section: DeviceSection<unknown>, now: number, options: WordingOptions = {}): SourceWording {
  switch (section.source) {
    case 'live':
      return { kind: 'live', text: 'Live' };
    case 'cached':
      return { kind: 'cached', text: section.asOf === undefined ? 'From the offline inventory' : asOfWording(section.asOf, now, options) };
    case 'unavailable':
      return { kind: 'unavailable', text: 'Not available' };
  }
}
