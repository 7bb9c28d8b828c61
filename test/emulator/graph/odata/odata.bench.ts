// Timings for the OData layer's hot paths; not a test (no assertions on speed there).
// Run: npx node test/emulator/graph/odata/odata.bench.ts
// Targets: one 1000-device beta page serializes well under 10 ms; a filter scan over 100,000
// devices stays in the low tens of milliseconds.
import { DeviceCollection } from '../../../../src/emulator/graph/model/device-collection.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import { listPage } from '../../../../src/emulator/graph/odata/paging.ts';
import { parseQuery } from '../../../../src/emulator/graph/odata/query.ts';
import { serializeEntity } from '../../../../src/emulator/graph/odata/serialize.ts';
import { device } from './helpers.ts';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function time(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  console.log(`${label.padEnd(58)} median ${median(samples).toFixed(2)} ms`);
}

const fleet: EntityRecord[] = Array.from({ length: 100000 }, (_, i) =>
  device(i, {
    deviceName: `DEV-${i % 5000}`,
    operatingSystem: i % 4 === 0 ? 'iOS' : 'Windows',
    complianceState: i % 3 === 0 ? 'noncompliant' : 'compliant',
    deviceActionResults: [{ actionName: 'syncDevice', actionState: 'done', startDateTime: '2024-06-01T00:00:00Z', lastUpdatedDateTime: '2024-06-01T00:01:00Z' }],
    configurationManagerClientEnabledFeatures: { inventory: true },
  }),
);
const collection = new DeviceCollection();
collection.putAll(fleet);
const page = fleet.slice(0, 1000);

for (const version of ['v1.0', 'beta'] as GraphVersion[]) {
  time(`serialize 1000 managedDevices (${version}, list)`, 50, () => {
    for (const r of page) serializeEntity(r, { version, inList: true, declaredType: 'managedDevice' });
  });
}

const base = { version: 'v1.0' as const, baseUrl: 'https://127.0.0.1:8443', requestPath: '/deviceManagement/managedDevices', declaredType: 'managedDevice' };
for (const filter of ["operatingSystem eq 'iOS' and complianceState eq 'noncompliant'", "deviceName eq 'DEV-4999'", "contains(deviceName, '499')", 'lastSyncDateTime gt 2030-01-01T00:00:00Z']) {
  const query = parseQuery(new URLSearchParams({ $filter: filter, $top: '1000' }), { version: 'v1.0', declaredType: 'managedDevice', inList: true });
  time(`page over 100,000 devices: ${filter}`.slice(0, 58), 20, () => listPage(collection, query, base));
}
const counted = parseQuery(new URLSearchParams({ $filter: "operatingSystem eq 'iOS'", $count: 'true' }), { version: 'v1.0', declaredType: 'managedDevice', inList: true });
time('page with $count=true over 100,000 devices', 20, () => listPage(collection, counted, base));
const ranged = parseQuery(new URLSearchParams({ $filter: 'lastSyncDateTime ge 2024-01-01T00:00:00Z and lastSyncDateTime lt 2024-07-01T00:00:00Z', $count: 'true', $top: '1' }), { version: 'beta', declaredType: 'managedDevice', inList: true });
time('count of a dateTime range over 100,000 devices', 20, () => listPage(collection, ranged, { ...base, version: 'beta' }));
