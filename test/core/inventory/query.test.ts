// Lists: keyset pages with no duplicates or gaps (also while the data changes), filters and
// sorts on any projected column, clear refusals of unknown columns, lookups and export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { DEVICE_COLUMN_NAMES, deviceRowsAsCsv } from '../../../src/core/inventory/index.ts';
import type { DeviceColumn, DeviceQuery, DeviceRow, InventoryStore } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, DAY, graphDevices } from './helpers/tenant-data.ts';

const DEVICES = graphDevices(1200, 8);
const BY_ID = new Map(DEVICES.map((d) => [String(d.id), d]));

function pageThrough(store: InventoryStore, query: DeviceQuery, between?: (page: number) => void): DeviceRow[] {
  const rows: DeviceRow[] = [];
  let after: string | undefined;
  for (let page = 0; ; page++) {
    const result = store.queryDevices({ ...query, ...(after === undefined ? {} : { after }) });
    rows.push(...result.rows);
    if (result.next === undefined) return rows;
    assert.equal(result.rows.length, query.limit ?? 50, 'only the last page may be short');
    after = result.next;
    between?.(page);
  }
}

/** SQLite's NOCASE: ASCII letters folded, then byte order. Nulls first. */
function compare(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const fa = Buffer.from(a.replace(/[A-Z]/g, (c) => c.toLowerCase()));
    const fb = Buffer.from(b.replace(/[A-Z]/g, (c) => c.toLowerCase()));
    return Buffer.compare(fa, fb);
  }
  return Number(a) - Number(b);
}

function assertOrdered(rows: readonly DeviceRow[], column: DeviceColumn, direction: 'asc' | 'desc'): void {
  const sign = direction === 'asc' ? 1 : -1;
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as DeviceRow;
    const b = rows[i] as DeviceRow;
    const byColumn = column === 'lastSyncDateTime' || column === 'enrolledDateTime' ? compare(a[column] === null ? null : Date.parse(String(a[column])), b[column] === null ? null : Date.parse(String(b[column]))) : compare(a[column], b[column]);
    const order = byColumn !== 0 ? byColumn : compare(a.id, b.id);
    assert.ok(sign * order < 0, `${column} ${direction}: row ${i} (${String(b[column])}, ${b.id}) comes after (${String(a[column])}, ${a.id})`);
  }
}

test('pages cover every device exactly once, in order, for indexed and unindexed, nullable and boolean sorts', () => {
  using t = tempInventory();
  // A few devices without a name or a check-in, so the indexed sorts cross from nulls to values.
  // (Graph's types say lastSyncDateTime is never null; the store copes if it is.)
  const blanks: ManagedDevice[] = DEVICES.slice(0, 7).map((d, i) => ({ ...d, id: `blank-${i}`, deviceName: null, lastSyncDateTime: i % 2 ? undefined : (null as unknown as string) }));
  snapshot(t.store, [...DEVICES, ...blanks]);
  const sorts: readonly [DeviceColumn, 'asc' | 'desc'][] = [
    ['deviceName', 'asc'], ['deviceName', 'desc'], ['lastSyncDateTime', 'desc'], ['lastSyncDateTime', 'asc'], ['id', 'asc'], ['id', 'desc'],
    ['model', 'asc'], ['userDisplayName', 'asc'], ['userDisplayName', 'desc'], ['imei', 'desc'], ['isEncrypted', 'desc'], ['userPrincipalName', 'asc'], ['freeStorageSpaceInBytes', 'desc'],
  ];
  for (const [column, direction] of sorts) {
    for (const limit of [97, 3]) {
      const rows = pageThrough(t.store, { sort: { column, direction }, limit });
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${column} ${direction}: a device appeared twice`);
      assert.equal(rows.length, DEVICES.length + blanks.length, `${column} ${direction}: devices missing`);
      assertOrdered(rows, column, direction);
    }
  }
  for (const column of ['deviceName', 'lastSyncDateTime'] as const) {
    const rows = pageThrough(t.store, { sort: { column }, limit: 4 });
    assert.deepEqual(rows.slice(0, 7).map((r) => r.id).sort(), blanks.map((b) => b.id), `${column}: nulls come first going up`);
    const down = pageThrough(t.store, { sort: { column, direction: 'desc' }, limit: 4 });
    assert.deepEqual(down.slice(-7).map((r) => r.id).sort(), blanks.map((b) => b.id), `${column}: nulls come last going down`);
  }
  assert.ok(DEVICES.some((d) => d.userDisplayName === null || d.userDisplayName === undefined), 'the userDisplayName sorts should cover nulls');
});

test('paging stays exact while devices are added and removed between pages', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES.slice(0, 1000));
  const initial = new Set(DEVICES.slice(0, 1000).map((d) => String(d.id)));
  const removed = new Set<string>();
  const arrivals = DEVICES.slice(1000);
  const rows = pageThrough(t.store, { sort: { column: 'deviceName' }, limit: 60 }, (page) => {
    // Newcomers land before and after the cursor; a device not yet shown disappears.
    t.store.upsertDevices(arrivals.slice(page * 10, page * 10 + 10), new Date(ANCHOR).toISOString());
    const victim = DEVICES[999 - page] as ManagedDevice;
    t.store.removeDevices([String(victim.id)]);
    removed.add(String(victim.id));
    // And one already shown is renamed and upserted again.
    const again = DEVICES[page] as ManagedDevice;
    t.store.upsertDevices([{ ...again, osVersion: `${page}.0` }], new Date(ANCHOR).toISOString());
  });
  const seen = rows.map((r) => r.id);
  assert.equal(new Set(seen).size, seen.length, 'a device appeared twice');
  for (const id of initial) if (!removed.has(id)) assert.ok(seen.includes(id), `device ${id}, there from start to end, was skipped`);
  assertOrdered(rows, 'deviceName', 'asc');
});

test('filters on named fields and on any column match a plain filter in JS', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const count = (predicate: (d: ManagedDevice) => boolean): number => DEVICES.filter(predicate).length;
  const cases: readonly [DeviceQuery['filter'], (d: ManagedDevice) => boolean][] = [
    [{ operatingSystem: ['Windows', 'macOS'] }, (d) => d.operatingSystem === 'Windows' || d.operatingSystem === 'macOS'],
    [{ operatingSystem: ['windows'] }, (d) => d.operatingSystem === 'Windows'],
    [{ complianceState: ['noncompliant'] }, (d) => d.complianceState === 'noncompliant'],
    [{ ownership: ['personal'] }, (d) => d.managedDeviceOwnerType === 'personal'],
    [{ category: [String(DEVICES[0]?.deviceCategoryDisplayName)] }, (d) => d.deviceCategoryDisplayName === DEVICES[0]?.deviceCategoryDisplayName],
    [{ staleForMoreThanDays: 30 }, (d) => Date.parse(String(d.lastSyncDateTime)) < ANCHOR - 30 * DAY],
    [{ staleForMoreThanDays: 30, operatingSystem: ['Android'] }, (d) => d.operatingSystem === 'Android' && Date.parse(String(d.lastSyncDateTime)) < ANCHOR - 30 * DAY],
    [{ conditions: [{ column: 'isEncrypted', op: 'eq', value: false }] }, (d) => d.isEncrypted === false],
    [{ conditions: [{ column: 'userDisplayName', op: 'isNull' }] }, (d) => d.userDisplayName === null || d.userDisplayName === undefined],
    [{ conditions: [{ column: 'imei', op: 'eq', value: '' }] }, (d) => d.imei === ''],
    [{ conditions: [{ column: 'model', op: 'contains', value: 'surface' }] }, (d) => String(d.model).toLowerCase().includes('surface')],
    [{ conditions: [{ column: 'deviceName', op: 'startsWith', value: 'contoso-lt' }] }, (d) => String(d.deviceName).toLowerCase().startsWith('contoso-lt')],
    [{ conditions: [{ column: 'enrolledDateTime', op: 'ge', value: new Date(ANCHOR - 365 * DAY).toISOString() }] }, (d) => Date.parse(String(d.enrolledDateTime)) >= ANCHOR - 365 * DAY],
    [{ conditions: [{ column: 'freeStorageSpaceInBytes', op: 'lt', value: 10_000_000_000 }] }, (d) => Number(d.freeStorageSpaceInBytes) < 10_000_000_000],
    [{ conditions: [{ column: 'complianceState', op: 'notIn', value: ['compliant', 'noncompliant'] }] }, (d) => d.complianceState !== 'compliant' && d.complianceState !== 'noncompliant'],
    [{ conditions: [{ column: 'managementAgent', op: 'ne', value: 'mdm' }] }, (d) => d.managementAgent !== 'mdm'],
  ];
  for (const [filter, predicate] of cases) {
    const want = count(predicate);
    assert.ok(want > 0, `the test data has nothing for ${JSON.stringify(filter)}`);
    assert.equal(t.store.queryDevices({ filter }).total, want, JSON.stringify(filter));
    assert.equal(allIds(t.store, { filter }).length, want, JSON.stringify(filter));
  }
});

test('unknown columns, bad operations, values and cursors are refused with a clear message', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES.slice(0, 100));
  const refused = (query: DeviceQuery, pattern: RegExp): void => {
    assert.throws(() => t.store.queryDevices(query), (error: unknown) => {
      assert.ok(error instanceof ProblemError, String(error));
      assert.equal(error.problem.code, 'badRequest');
      assert.match(error.problem.message, pattern);
      return true;
    });
  };
  refused({ sort: { column: 'colour' } }, /no device column "colour" to sort on\. Use one of: id, deviceName,/);
  refused({ sort: { column: 'deviceName; DROP TABLE devices_a' } }, /no device column/);
  refused({ filter: { conditions: [{ column: 'json', op: 'eq', value: 'x' }] } }, /no device column "json" to filter on/);
  refused({ filter: { conditions: [{ column: 'deviceName', op: 'like' as 'eq', value: 'x' }] } }, /Unknown filter operation "like"/);
  refused({ filter: { conditions: [{ column: 'lastSyncDateTime', op: 'gt', value: 'last tuesday' }] } }, /not a value lastSyncDateTime can hold \(a date/);
  refused({ filter: { conditions: [{ column: 'isEncrypted', op: 'contains', value: 'x' }] } }, /works on text columns/);
  refused({ filter: { conditions: [{ column: 'model', op: 'in', value: [] }] } }, /needs a list of one or more values/);
  refused({ filter: { staleForMoreThanDays: -3 } }, /number of days of 0 or more/);
  refused({ sort: { column: 'deviceName', direction: 'up' as 'asc' } }, /"asc" or "desc"/);
  refused({ limit: 0 }, /1 to 1000/);
  refused({ limit: 5000 }, /1 to 1000/);
  refused({ after: 'not-a-cursor' }, /not one this inventory made/);
  const next = t.store.queryDevices({ limit: 10 }).next;
  assert.ok(next);
  refused({ after: next, sort: { column: 'model' } }, /belongs to a list sorted by deviceName/);
});

test('getDevice finds by id or name and returns the device exactly as Graph sent it', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const one = DEVICES.find((d) => DEVICES.filter((o) => o.deviceName === d.deviceName).length === 1) as ManagedDevice;
  const byId = t.store.getDevice(String(one.id).toUpperCase());
  assert.ok(byId.kind === 'found');
  assert.deepEqual(byId.device, one);
  assert.deepEqual(Object.keys(byId.device), Object.keys(one), 'property order');
  assert.equal(byId.row.deviceName, one.deviceName);
  assert.equal(byId.row.lastSyncDateTime, new Date(Date.parse(String(one.lastSyncDateTime))).toISOString());
  assert.equal(byId.asOf, new Date(ANCHOR).toISOString());
  const byName = t.store.getDevice(String(one.deviceName).toLowerCase());
  assert.ok(byName.kind === 'found' && byName.device.id === one.id);
  const shared = DEVICES.find((d) => DEVICES.filter((o) => o.deviceName === d.deviceName).length > 1) as ManagedDevice;
  const ambiguous = t.store.getDevice(String(shared.deviceName));
  assert.ok(ambiguous.kind === 'ambiguous');
  assert.ok(ambiguous.candidates.length > 1 && ambiguous.candidates.every((c) => c.deviceName === shared.deviceName));
  assert.equal(t.store.getDevice('no such device').kind, 'notFound');
  assert.equal(t.store.getDevice('  ').kind, 'notFound');
  for (const d of DEVICES.slice(0, 300)) {
    const found = t.store.getDevice(String(d.id));
    assert.ok(found.kind === 'found');
    assert.deepEqual(found.device, BY_ID.get(String(d.id)));
  }
});

test('export streams every matching row in order, and CSV quotes what it must', () => {
  using t = tempInventory();
  const odd: ManagedDevice = { ...(DEVICES[0] as ManagedDevice), id: 'odd-device', deviceName: '=HYPERLINK("x"), "quoted"', model: 'a,b\nc' };
  snapshot(t.store, [...DEVICES, odd]);
  const rows = [...t.store.exportRows({ sort: { column: 'lastSyncDateTime', direction: 'desc' } })];
  assert.equal(rows.length, DEVICES.length + 1);
  assertOrdered(rows, 'lastSyncDateTime', 'desc');
  const csv = [...deviceRowsAsCsv(rows.filter((r) => r.id === 'odd-device'), ['id', 'deviceName', 'model', 'isEncrypted'])].join('');
  assert.equal(csv, `id,deviceName,model,isEncrypted\r\nodd-device,"'=HYPERLINK(""x""), ""quoted""","a,b\nc",${String(odd.isEncrypted)}\r\n`);
  const header = [...deviceRowsAsCsv([])][0];
  assert.equal(header, `${DEVICE_COLUMN_NAMES.join(',')}\r\n`);
  assert.equal([...t.store.exportRows({ search: 'zzqqxx' })].length, 0);
});
