// Same (seed, devices, anchor) gives the same bytes; another seed or tenant gives other data.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { generateTenantGraph } from '../../../src/emulator/data/generate-tenant.ts';
import { deviceDetail } from '../../../src/emulator/data/device-detail.ts';
import type { DemoTenantData } from '../../../src/emulator/data/generate-tenant.ts';
import { contoso, devicesOf, directory, northwind, options, text } from './fixtures.ts';
import { graphText } from './walk.ts';

const hash = (data: DemoTenantData): string => createHash('sha256').update(graphText(data.graph)).digest('hex');

test('generating twice with the same inputs gives byte-identical collections', () => {
  const a = contoso();
  const b = contoso();
  assert.equal(hash(a), hash(b));
  assert.deepEqual(a.users, b.users);
  assert.deepEqual(a.groups, b.groups);
});

test('device detail is the same on every call', () => {
  const data = contoso({ devices: 300 });
  for (const device of devicesOf(data).slice(0, 100)) {
    const first = JSON.stringify(deviceDetail(device, data.graph, data.seed), (k, v: unknown) => (v instanceof Map ? [...v] : v));
    const again = JSON.stringify(deviceDetail(device, data.graph, data.seed), (k, v: unknown) => (v instanceof Map ? [...v] : v));
    assert.equal(first, again);
  }
});

test('a different seed gives different devices', () => {
  const a = devicesOf(contoso()).map((d) => text(d, 'id'));
  const b = new Set(devicesOf(contoso({ seed: 8 })).map((d) => text(d, 'id')));
  assert.equal(a.filter((id) => b.has(id)).length, 0);
});

test('a different anchor moves dates but keeps the same fleet', () => {
  const a = devicesOf(contoso({ devices: 200 }));
  const b = devicesOf(contoso({ devices: 200, anchorTime: options().anchorTime + 86_400_000 }));
  const serials = (list: typeof a): string[] => list.map((d) => text(d, 'serialNumber')).sort();
  assert.deepEqual(serials(a), serials(b));
  assert.notDeepEqual(a.map((d) => d.props['lastSyncDateTime']), b.map((d) => d.props['lastSyncDateTime']));
});

test('Northwind differs from Contoso under the same seed', () => {
  const c = new Set(devicesOf(contoso()).map((d) => text(d, 'serialNumber')).filter((s) => s !== ''));
  const n = devicesOf(northwind()).map((d) => text(d, 'serialNumber')).filter((s) => s !== '');
  assert.equal(n.filter((s) => c.has(s)).length, 0);
  assert.ok(devicesOf(northwind()).some((d) => text(d, 'userPrincipalName').endsWith('@northwind.onmicrosoft.com')));
});

test('generateTenantGraph returns the same graph as generateTenantData, and rejects an unknown tenant', () => {
  const graph = generateTenantGraph(directory, options({ devices: 100 }));
  assert.equal(graph.tenantId, options().tenantId);
  assert.throws(() => generateTenantGraph(directory, options({ tenantId: '00000000-0000-0000-0000-000000000001' })), /no tenant/);
});
