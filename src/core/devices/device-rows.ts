// Devices as lists show them (the inventory's projected columns), for devices that come live
// from Graph rather than from the inventory: "devices --mine" and "device" when online, and the
// desktop host's "my devices" and device panel.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { DEVICE_COLUMNS } from '../inventory/device-columns.ts';
import type { DeviceRow } from '../inventory/device-columns.ts';
import type { DeviceSort } from '../inventory/device-query.ts';

export function deviceRowOf(device: ManagedDevice): DeviceRow {
  const source = device as Readonly<Record<string, unknown>>;
  const row: Record<string, string | number | boolean | null> = {};
  for (const column of DEVICE_COLUMNS) {
    const value = source[column.name];
    switch (column.kind) {
      case 'text':
        row[column.name] = typeof value === 'string' ? value : null;
        break;
      case 'date': {
        const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
        row[column.name] = Number.isNaN(ms) ? null : new Date(ms).toISOString();
        break;
      }
      case 'boolean':
        row[column.name] = typeof value === 'boolean' ? value : null;
        break;
      case 'integer':
        row[column.name] = typeof value === 'number' && Number.isFinite(value) ? value : null;
        break;
    }
  }
  row['id'] = typeof source['id'] === 'string' ? source['id'] : '';
  return row as DeviceRow;
}

/** The inventory's order: by the column (text without regard to case, nulls first going up), then by id. */
export function sortRows(rows: readonly DeviceRow[], sort: DeviceSort | undefined): DeviceRow[] {
  const column = (sort?.column ?? 'deviceName') as keyof DeviceRow;
  const sign = sort?.direction === 'desc' ? -1 : 1;
  const compare = (a: DeviceRow[keyof DeviceRow], b: DeviceRow[keyof DeviceRow]): number => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { sensitivity: 'base' });
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return [...rows].sort((x, y) => sign * (compare(x[column], y[column]) || compare(x.id, y.id)));
}
