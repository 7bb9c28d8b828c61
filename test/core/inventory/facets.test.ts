// Dashboard counts against the same counts made in JS, with the store's clock injected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { FacetCount } from '../../../src/core/inventory/index.ts';
import { snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, DAY, graphDevices } from './helpers/tenant-data.ts';

const DEVICES = graphDevices(2500, 9);

function countsBy(devices: readonly ManagedDevice[], key: (d: ManagedDevice) => string | null | undefined): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const d of devices) {
    const k = key(d) ?? null;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function asMap(facet: readonly FacetCount[]): Map<string | null, number> {
  return new Map(facet.map((f) => [f.value, f.count]));
}

function staleness(devices: readonly ManagedDevice[], now: number): { upTo7Days: number; from8To30Days: number; from31To90Days: number; over90Days: number } {
  const out = { upTo7Days: 0, from8To30Days: 0, from31To90Days: 0, over90Days: 0 };
  for (const d of devices) {
    const age = now - Date.parse(String(d.lastSyncDateTime));
    if (age <= 7 * DAY) out.upTo7Days++;
    else if (age <= 30 * DAY) out.from8To30Days++;
    else if (age <= 90 * DAY) out.from31To90Days++;
    else out.over90Days++;
  }
  return out;
}

test('counts by OS, compliance, ownership and staleness match the devices', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const facets = t.store.facets();
  assert.equal(facets.total, DEVICES.length);
  assert.deepEqual(asMap(facets.operatingSystem), countsBy(DEVICES, (d) => d.operatingSystem));
  assert.deepEqual(asMap(facets.complianceState), countsBy(DEVICES, (d) => d.complianceState));
  assert.deepEqual(asMap(facets.ownership), countsBy(DEVICES, (d) => d.managedDeviceOwnerType));
  assert.deepEqual(facets.staleness, staleness(DEVICES, ANCHOR));
  assert.ok(facets.staleness.over90Days > 0 && facets.staleness.from31To90Days > 0 && facets.staleness.from8To30Days > 0);
  const counts = facets.operatingSystem.map((f) => f.count);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'largest first');
  assert.equal(facets.asOf, new Date(ANCHOR).toISOString());
});

test('staleness follows the clock, and facets follow a search and filters', () => {
  let now = ANCHOR;
  using t = tempInventory({ clock: () => now });
  snapshot(t.store, DEVICES);
  now = ANCHOR + 20 * DAY;
  assert.deepEqual(t.store.facets().staleness, staleness(DEVICES, now));
  const windows = DEVICES.filter((d) => d.operatingSystem === 'Windows' && d.complianceState === 'noncompliant');
  const filtered = t.store.facets({ filter: { operatingSystem: ['Windows'], complianceState: ['noncompliant'] } });
  assert.equal(filtered.total, windows.length);
  assert.deepEqual(filtered.staleness, staleness(windows, now));
  const phones = DEVICES.filter((d) => String(d.model).toLowerCase().includes('iphone') || String(d.deviceName).toLowerCase().includes('iphone'));
  assert.equal(t.store.facets({ search: 'iphone' }).total, phones.length);
});

test('an empty inventory has zero counts', () => {
  using t = tempInventory();
  const facets = t.store.facets();
  assert.equal(facets.total, 0);
  assert.deepEqual(facets.operatingSystem, []);
  assert.deepEqual(facets.staleness, { upTo7Days: 0, from8To30Days: 0, from31To90Days: 0, over90Days: 0 });
  assert.equal(facets.asOf, undefined);
});
