// Device rows as export text, line by line, so an export of 100,000 devices streams to a
// file without being held in memory. Pair with InventoryStore.exportRows().
import { DEVICE_COLUMN_NAMES } from './device-columns.ts';
import type { DeviceColumn, DeviceRow } from './device-columns.ts';

/** RFC 4180 CSV: a header line, then one line per device (each ends with CRLF). */
export function* deviceRowsAsCsv(rows: Iterable<DeviceRow>, columns: readonly DeviceColumn[] = DEVICE_COLUMN_NAMES): Generator<string, void, undefined> {
  yield `${columns.map(csvField).join(',')}\r\n`;
  for (const row of rows) yield `${columns.map((c) => csvField(row[c])).join(',')}\r\n`;
}

/** One JSON object per line (NDJSON). */
export function* deviceRowsAsJsonLines(rows: Iterable<DeviceRow>): Generator<string, void, undefined> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  // Quote what CSV needs quoted, and what a spreadsheet would run as a formula (=, +, -, @).
  const formula = /^[=+\-@\t\r]/.test(text) && typeof value === 'string';
  if (!formula && !/[",\r\n]/.test(text)) return text;
  const body = formula ? `'${text}` : text;
  return `"${body.replaceAll('"', '""')}"`;
}
