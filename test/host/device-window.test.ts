// The grid's windows: rows by position (offset, limit) from the offline inventory, the same
// order as the CLI's keyset pages, fast anywhere in 100,000 devices, and never stale after a write.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeviceQuery, DeviceRow } from '../../src/core/inventory/index.ts';
import type { InventoryStore } from '../../src/core/inventory/index.ts';
import { ProblemError } from '../../src/core/problem.ts';
import { ANCHOR, graphDevices, pages } from '../core/inventory/helpers/tenant-data.ts';
import { tempInventory } from '../core/inventory/helpers/temp-inventory.ts';

function fill(store: InventoryStore, count: number): void {
  const writer = store.beginFullSnapshot();
  for (const page of pages(graphDevices(count), 1000)) writer.addDevices(page);
  writer.commit(new Date(ANCHOR).toISOString());
}

/** Every row of a query, by keyset pages (the CLI's way). */
function byPages(store: InventoryStore, query: Omit<DeviceQuery, 'limit' | 'offset' | 'after'>): DeviceRow[] {
  const rows: DeviceRow[] = [];
  let after: string | undefined;
  do {
    const page = store.queryDevices({ ...query, limit: 1000, ...(after ? { after } : {}) });
    rows.push(...page.rows);
    after = page.next;
  } while (after);
  return rows;
}

/** Every row of a query, by windows of `size` at increasing offsets (the grid's way). */
function byWindows(store: InventoryStore, query: Omit<DeviceQuery, 'limit' | 'offset' | 'after'>, size: number): DeviceRow[] {
  const rows: DeviceRow[] = [];
  for (let offset = 0; ; offset += size) {
    const window = store.queryDevices({ ...query, offset, limit: size });
    rows.push(...window.rows);
    if (offset + size >= window.total) return rows;
  }
}

const QUERIES: readonly (readonly [string, Omit<DeviceQuery, 'limit' | 'offset' | 'after'>])[] = [
  ['by name', {}],
  ['by name, descending', { sort: { column: 'deviceName', direction: 'desc' } }],
  ['by last check-in, newest first', { sort: { column: 'lastSyncDateTime', direction: 'desc' } }],
  ['by id', { sort: { column: 'id' } }],
  ['by OS version (no index: the order is kept)', { sort: { column: 'osVersion' } }],
  ['Windows only, by compliance (filtered)', { filter: { operatingSystem: ['Windows'] }, sort: { column: 'complianceState', direction: 'desc' } }],
  ['a search matching many, by name', { search: 'a' }],
  ['a search matching a few, by model', { search: 'lap', sort: { column: 'model' } }],
  ['stale devices with a null-heavy column', { filter: { staleForMoreThanDays: 1 }, sort: { column: 'imei' } }],
];

describe('device windows by position', () => {
  test('tile every list exactly as the keyset pages order it, past the kept-order threshold too', () => {
    using t = tempInventory();
    fill(t.store, 6000);
    for (const [what, query] of QUERIES) {
      const expected = byPages(t.store, query).map((r) => r.id);
      assert.ok(expected.length > 0, what);
      for (const size of [500, 333]) assert.deepEqual(byWindows(t.store, query, size).map((r) => r.id), expected, `${what}, windows of ${size}`);
      // Jumping about, as a scrolled grid does, gives the same rows as walking.
      for (const offset of [expected.length - 1, 4321 % expected.length, 2500 % expected.length, 0]) {
        const window = t.store.queryDevices({ ...query, offset, limit: 7 });
        assert.deepEqual(window.rows.map((r) => r.id), expected.slice(offset, offset + 7), `${what} at ${offset}`);
        assert.equal(window.total, expected.length);
        assert.equal(window.next, undefined, 'windows carry no page link');
      }
      assert.deepEqual(t.store.queryDevices({ ...query, offset: expected.length, limit: 10 }).rows, [], `${what}: past the end is empty`);
    }
  });

  test('a kept order is dropped when the data changes, in this connection or another', () => {
    using t = tempInventory();
    fill(t.store, 4000);
    const query = { sort: { column: 'osVersion' } } as const;
    const deep = (): readonly DeviceRow[] => t.store.queryDevices({ ...query, offset: 3000, limit: 1000 }).rows;
    const before = deep();
    const moved = before[10] as DeviceRow;
    // This connection's own write: the device now sorts first.
    const device = graphDevices(4000).find((d) => d.id === moved.id);
    assert.ok(device);
    t.store.upsertDevices([{ ...device, osVersion: '0.0.1' }], new Date(ANCHOR).toISOString());
    assert.ok(!deep().some((r) => r.id === moved.id), 'the moved device left the deep window');
    assert.equal(t.store.queryDevices({ ...query, offset: 0, limit: 1 }).rows[0]?.id, moved.id);
    // Another connection's write (a sync engine's).
    const other = t.openOther().store;
    other.removeDevices([moved.id]);
    assert.equal(t.store.queryDevices({ ...query, offset: 0, limit: 1 }).total, 3999);
    assert.notEqual(t.store.queryDevices({ ...query, offset: 0, limit: 1 }).rows[0]?.id, moved.id);
    assert.equal(byWindows(t.store, query, 700).length, 3999);
  });

  test('refuses an offset out of range, or one given with a page link', () => {
    using t = tempInventory();
    fill(t.store, 50);
    const problem = (query: DeviceQuery): string => {
      try {
        t.store.queryDevices(query);
      } catch (error) {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.problem.code, 'badRequest');
        return error.problem.message;
      }
      return assert.fail('expected a badRequest problem');
    };
    assert.match(problem({ offset: -1 }), /A window starts at a row from 0 to 10,000,000, not -1\./);
    assert.match(problem({ offset: 1.5 }), /not 1\.5/);
    const next = t.store.queryDevices({ limit: 10 }).next;
    assert.ok(next);
    assert.match(problem({ offset: 10, after: next }), /either after a page link or from a row number, not both/);
  });

  test('a window anywhere in 100,000 devices answers in a few milliseconds', (t) => {
    using inventory = tempInventory();
    fillCopies(inventory.store, 100_000);
    const store = inventory.store;
    const median = (run: () => unknown, times = 21): number => {
      run();
      const ms: number[] = [];
      for (let i = 0; i < times; i++) {
        const start = performance.now();
        run();
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b)[Math.floor(times / 2)] ?? Number.NaN;
    };
    const at90k = median(() => store.queryDevices({ offset: 90_000, limit: 100 }));
    const at50k = median(() => store.queryDevices({ offset: 50_000, limit: 100 }));
    const lastSync90k = median(() => store.queryDevices({ offset: 90_000, limit: 100, sort: { column: 'lastSyncDateTime', direction: 'desc' } }));
    const filtered = { filter: { operatingSystem: ['Windows'] }, sort: { column: 'osVersion' } } as const;
    const firstFiltered = performance.now();
    store.queryDevices({ ...filtered, offset: 40_000, limit: 100 });
    const keptOrderMs = performance.now() - firstFiltered;
    const filteredDeep = median(() => store.queryDevices({ ...filtered, offset: 40_000 + Math.floor(Math.random() * 5000), limit: 100 }));
    t.diagnostic(`offset 90,000 of 100,000 by name: ${at90k.toFixed(2)} ms; offset 50,000: ${at50k.toFixed(2)} ms; offset 90,000 by last check-in: ${lastSync90k.toFixed(2)} ms`);
    t.diagnostic(`Windows only by OS version: first deep window ${keptOrderMs.toFixed(0)} ms (sorts and keeps the order), then ${filteredDeep.toFixed(2)} ms a window`);
    const window = store.queryDevices({ offset: 90_000, limit: 100 });
    assert.equal(window.total, 100_000);
    assert.equal(new Set(window.rows.map((r) => r.id)).size, 100);
    // A loaded two-core machine: generous bounds, still far from a scan (~150 ms).
    assert.ok(at90k < 10, `offset 90,000: ${at90k} ms`);
    assert.ok(lastSync90k < 10, `offset 90,000 by last check-in: ${lastSync90k} ms`);
    assert.ok(filteredDeep < 15, `a window of a kept order: ${filteredDeep} ms`);
  });
});

/**
 * `count` devices made from the demo tenant's first 2,000 (generating 100,000 takes longer than
 * the test): each copy gets its own id, name, serial number and check-in time.
 */
function fillCopies(store: InventoryStore, count: number): void {
  const base = graphDevices(2000);
  const writer = store.beginFullSnapshot();
  for (let start = 0; start < count; start += 1000) {
    const page = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
      const n = start + i;
      const d = base[n % base.length] as (typeof base)[number];
      const copy = Math.floor(n / base.length);
      return {
        ...d,
        id: `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${copy.toString(16).padStart(12, '0')}`,
        deviceName: `${d.deviceName ?? ''}-${copy}`,
        serialNumber: `${d.serialNumber ?? ''}${copy}`,
        lastSyncDateTime: new Date(ANCHOR - ((n * 7919) % (120 * 86_400_000))).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    });
    writer.addDevices(page);
  }
  writer.commit(new Date(ANCHOR).toISOString());
}
