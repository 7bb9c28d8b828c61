// Device lists in the three formats. CSV and JSON are streamed row by row, so an export of the
// whole inventory never sits in memory; a table is aligned, so it is built from the rows shown.
import { DEVICE_COLUMN_NAMES } from '../../core/inventory/device-columns.ts';
import type { DeviceRow } from '../../core/inventory/device-columns.ts';
import type { TextOutput } from '../context.ts';
import { csvLine } from './csv.ts';
import type { OutputFormat } from './format.ts';
import { renderTable } from './table.ts';

/** Where the rows come from, for the JSON envelope. */
export interface DeviceListing {
  /** inventory: the offline store; live: Graph, just now. */
  readonly source: 'inventory' | 'live';
  readonly asOf: string | undefined;
  readonly offline: boolean;
  /** Devices matching, beyond those shown when a limit applies. */
  readonly total: number;
}

const TABLE_COLUMNS: readonly (readonly [string, (r: DeviceRow) => string])[] = [
  ['NAME', (r) => r.deviceName ?? ''],
  ['USER', (r) => r.userPrincipalName ?? ''],
  ['OS', (r) => [r.operatingSystem, r.osVersion].filter(Boolean).join(' ')],
  ['COMPLIANCE', (r) => r.complianceState ?? ''],
  ['OWNERSHIP', (r) => r.managedDeviceOwnerType ?? ''],
  ['LAST CHECK-IN', (r) => shortTime(r.lastSyncDateTime)],
  ['ID', (r) => r.id],
];

/** Writes the rows; returns how many were written. */
export async function writeDevices(out: TextOutput, format: OutputFormat, rows: Iterable<DeviceRow>, listing: DeviceListing): Promise<number> {
  switch (format) {
    case 'table': {
      const shown = [...rows];
      const body = shown.map((r) => TABLE_COLUMNS.map(([, cell]) => cell(r)));
      await out.write(renderTable(TABLE_COLUMNS.map(([h]) => h), body, out.isTTY && out.columns ? { maxWidth: out.columns } : {}));
      return shown.length;
    }
    case 'csv': {
      await out.write(csvLine(DEVICE_COLUMN_NAMES));
      let n = 0;
      for (const row of rows) {
        await out.write(csvLine(DEVICE_COLUMN_NAMES.map((c) => row[c])));
        n++;
      }
      return n;
    }
    case 'json': {
      const head = { source: listing.source, asOf: listing.asOf ?? null, offline: listing.offline, total: listing.total };
      await out.write(`${JSON.stringify(head).slice(0, -1)},"devices":[`);
      let n = 0;
      for (const row of rows) {
        await out.write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
        n++;
      }
      await out.write(`${n === 0 ? '' : '\n'}]}\n`);
      return n;
    }
  }
}

/** "2026-03-04 09:12" (UTC): enough to read a check-in time in a table. */
export function shortTime(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 16).replace('T', ' ');
}

export function* take<T>(rows: Iterable<T>, limit: number | undefined): Generator<T, void, undefined> {
  let n = 0;
  for (const row of rows) {
    yield row;
    if (limit !== undefined && ++n >= limit) return;
  }
}
