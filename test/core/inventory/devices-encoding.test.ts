// The pieces every device goes through on the way in: projection to columns (in the order the
// schema expects), date parsing, and the compact document that must decode to exactly what came in.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { DEVICE_COLUMNS, parseIsoDate, projectDevice } from '../../../src/core/inventory/device-columns.ts';
import { DocumentShapes } from '../../../src/core/inventory/device-documents.ts';
import { migrate } from '../../../src/core/inventory/migrations.ts';
import { planSearch } from '../../../src/core/inventory/device-search.ts';
import { graphDevices } from './helpers/tenant-data.ts';

test('the projection writes each column in DEVICE_COLUMNS order', () => {
  // Every column gets a value that names it, so a swap shows.
  const device: Record<string, unknown> = {};
  DEVICE_COLUMNS.forEach((c, i) => {
    device[c.name] = c.kind === 'text' ? `value of ${c.name}` : c.kind === 'date' ? new Date(Date.UTC(2020, 0, 1 + i)).toISOString().replace('.000', '') : c.kind === 'boolean' ? i % 2 === 0 : 1000 + i;
  });
  const projected = projectDevice(device);
  assert.ok(!Array.isArray(projected), String(projected));
  const values = (projected as Exclude<ReturnType<typeof projectDevice>, readonly string[]>).values;
  assert.equal(values.length, DEVICE_COLUMNS.length);
  DEVICE_COLUMNS.forEach((c, i) => {
    const want = c.kind === 'text' ? `value of ${c.name}` : c.kind === 'date' ? Date.UTC(2020, 0, 1 + i) : c.kind === 'boolean' ? (i % 2 === 0 ? 1 : 0) : 1000 + i;
    assert.equal(values[i], want, `column ${i} should hold ${c.name}`);
  });
});

test('the projection lists every problem of a bad device', () => {
  const problems = projectDevice({ id: '', deviceName: 7, lastSyncDateTime: '2026-02-30T00:00:00Z', enrolledDateTime: 12, isEncrypted: 'true', freeStorageSpaceInBytes: 'lots' });
  assert.ok(Array.isArray(problems));
  assert.deepEqual([...problems].sort(), [
    'lastSyncDateTime should be an ISO 8601 date, not "2026-02-30T00:00:00Z"',
    'id is empty',
    'deviceName should be a string, not number 7',
    'enrolledDateTime should be an ISO 8601 date, not number 12',
    'isEncrypted should be true or false, not "true"',
    'freeStorageSpaceInBytes should be a number, not "lots"',
  ].sort());
  assert.deepEqual(projectDevice(null), ['is not a JSON object']);
  assert.deepEqual(projectDevice([]), ['is not a JSON object']);
});

test('dates: Graph\'s usual form read directly agrees with Date.parse; other forms fall back', () => {
  for (const text of ['2026-10-31T12:08:22Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-02-29T00:00:00Z', '2026-10-31T12:08:22.1234567Z', '2026-10-31T12:08:22+02:00', '1970-01-01T00:00:00Z']) {
    assert.equal(parseIsoDate(text), Date.parse(text), text);
  }
  for (const bad of ['2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-1x-01T00:00:00Z', 'yesterday', '']) assert.ok(Number.isNaN(parseIsoDate(bad)), bad);
});

test('documents decode to exactly what was encoded, property order included', () => {
  const db = new DatabaseSync(':memory:');
  try {
    migrate(db);
    const shapes = new DocumentShapes(db);
    const devices = graphDevices(600, 11);
    const odd: ManagedDevice = { ...(devices[0] as ManagedDevice), notes: 'has "quotes" and \\ and ünïcödé', usersLoggedOn: [{ userId: 'u', lastLogOnDateTime: '2026-01-01T00:00:00Z' }], roleScopeTagIds: [] };
    const withUndefined = { ...(devices[1] as ManagedDevice), model: undefined, extra: { nested: [1, 2, { deep: null }] } } as ManagedDevice;
    const reordered = Object.fromEntries(Object.entries(devices[2] as ManagedDevice).reverse()) as ManagedDevice;
    const batch = [...devices.slice(3), odd, withUndefined, reordered];
    db.exec('BEGIN');
    const encoded = shapes.encodeAll(batch);
    db.exec('COMMIT');
    batch.forEach((device, i) => {
      const e = encoded[i];
      assert.ok(e);
      const decoded = shapes.decode<ManagedDevice>(e.shape, e.body);
      const want = JSON.parse(JSON.stringify(device)) as ManagedDevice;
      assert.deepEqual(decoded, want);
      assert.deepEqual(Object.keys(decoded), Object.keys(want));
    });
    // Shared empty lists come back as separate lists.
    const a = shapes.decode<ManagedDevice>((encoded[0] as { shape: number }).shape, (encoded[0] as { body: string }).body);
    const b = shapes.decode<ManagedDevice>((encoded[1] as { shape: number }).shape, (encoded[1] as { body: string }).body);
    if (Array.isArray(a.deviceActionResults) && Array.isArray(b.deviceActionResults)) assert.notEqual(a.deviceActionResults, b.deviceActionResults);
    // Another connection (a fresh cache) reads the same shapes from the table.
    const fresh = new DocumentShapes(db);
    const e = encoded[5] as { shape: number; body: string };
    assert.deepEqual(fresh.decode(e.shape, e.body), JSON.parse(JSON.stringify(batch[5])));
    // And the compact form is much smaller than the JSON.
    const compact = encoded.reduce((n, x) => n + x.body.length, 0);
    const full = batch.reduce((n, x) => n + JSON.stringify(x).length, 0);
    assert.ok(compact < full / 2, `${compact} vs ${full}`);
  } finally {
    db.close();
  }
});

test('query planning: separators, short queries, the @', () => {
  assert.deepEqual(planSearch('  '), { kind: 'all' });
  assert.deepEqual(planSearch('3C:22:FB'), { kind: 'text', within: 'fields', needles: ['3c:22:fb', '3c22fb'] });
  assert.deepEqual(planSearch('ab'), { kind: 'text', within: 'fields', needles: ['ab'] });
  assert.deepEqual(planSearch('a'), { kind: 'text', within: 'fields', needles: ['a'] });
  assert.deepEqual(planSearch('A-1'), { kind: 'text', within: 'fields', needles: ['a-1', 'a1'] });
  assert.deepEqual(planSearch('%'), { kind: 'text', within: 'fields', needles: ['%'] });
  // Runs of spaces become one; a compact variant only for what is left of letters and digits.
  assert.deepEqual(planSearch('iPhone  15'), { kind: 'text', within: 'fields', needles: ['iphone 15', 'iphone15'] });
  assert.deepEqual(planSearch('50%_off'), { kind: 'text', within: 'fields', needles: ['50%_off'] });
  // With an @, the whole UPN is what is searched.
  assert.deepEqual(planSearch('Adele.Vance@contoso.com'), { kind: 'text', within: 'upn', needles: ['adele.vance@contoso.com'] });
  assert.deepEqual(planSearch('@contoso.com'), { kind: 'text', within: 'upn', needles: ['@contoso.com'] });
  assert.deepEqual(planSearch('ab@c'), { kind: 'text', within: 'upn', needles: ['ab@c'] });
  assert.deepEqual(planSearch('a\u0007b'), { kind: 'text', within: 'fields', needles: ['a b', 'ab'] });
});
