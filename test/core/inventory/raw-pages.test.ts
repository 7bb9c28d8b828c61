// Pages handed to the off-thread snapshot as Graph sent them (bytes): the writer threads decode,
// parse, check and store them side by side. A device in two pages is stored once, with the
// values of the copy that checked in last; a page that cannot be read, or whose next link is not the
// one it was followed by, fails the whole snapshot with a Problem that names the request, and
// the live snapshot stays as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { RawPage } from '../../../src/core/graph/index.ts';
import type { InventoryStore } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { tempInventory } from './helpers/temp-inventory.ts';

function device(n: number, extra: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    deviceName: `PC-${String(n).padStart(5, '0')}`,
    operatingSystem: n % 3 === 0 ? 'iOS' : 'Windows',
    serialNumber: `SN${n}`,
    lastSyncDateTime: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    ...extra,
  };
}

let sent = 0;
/** A page as Graph would send it, in a buffer of its own (as the transport gives them). */
function raw(devices: readonly ManagedDevice[], nextLink?: string, text?: string): RawPage {
  const body = text ?? JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices', ...(nextLink ? { '@odata.nextLink': nextLink } : {}), value: devices });
  const bytes = new Uint8Array(new ArrayBuffer(Buffer.byteLength(body)));
  bytes.set(Buffer.from(body));
  return { bytes, ...(nextLink ? { nextLink } : {}), clientRequestId: `client-${++sent}`, requestId: `request-${sent}` };
}


const range = (from: number, count: number): ManagedDevice[] => Array.from({ length: count }, (_, i) => device(from + i));

for (const threads of [1, 2, 3]) {
  test(`${threads} writer thread(s): every page stored, a device in two pages once, as it last checked in`, async () => {
    using t = tempInventory();
    const { store } = t;
    const snapshot = await store.beginOffThreadSnapshot({ threads });
    const link = 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=next';
    for (let start = 0; start < 3000; start += 300) await snapshot.addPage(raw(range(start, 300), link));
    // Names with characters outside ASCII come through the UTF-8 decoding whole.
    const later = new Date(Date.parse(device(2999).lastSyncDateTime as string) + 1000).toISOString();
    const earlier = new Date(Date.parse(device(5).lastSyncDateTime as string) - 1000).toISOString();
    // Which thread parses which page first is not fixed: the copy that checked in last wins, and
    // at the same check-in time (device 7) the copy read last.
    await snapshot.addPage(raw([device(7, { deviceName: 'Zoë’s iPad 📱' }), device(2999, { serialNumber: 'REPLACED', lastSyncDateTime: later }), device(5, { serialNumber: 'OLDER', lastSyncDateTime: earlier })]));
    assert.equal(await snapshot.seal(), 3000);
    assert.equal(snapshot.devicesReceived, 3003);
    const result = await snapshot.commit('2026-11-26T00:00:00.000Z');
    assert.equal(result.deviceCount, 3000);
    assert.equal(result.watermark, later);
    assert.equal(store.queryDevices({ limit: 1 }).total, 3000);
    const seven = store.getDevice(device(7).id as string);
    assert.equal(seven.kind === 'found' && seven.device.deviceName, 'Zoë’s iPad 📱');
    const last = store.getDevice(device(2999).id as string);
    assert.equal(last.kind === 'found' && last.device.serialNumber, 'REPLACED');
    assert.equal(store.queryDevices({ search: 'SN2999' }).total, 0, 'the older copy is gone');
    const five = store.getDevice(device(5).id as string);
    assert.equal(five.kind === 'found' && five.device.serialNumber, 'SN5', 'an older copy does not replace a newer one');
  });
}

test('a device read twice with the same check-in time keeps the copy read last, though a quicker thread parsed it first', async () => {
  using t = tempInventory();
  const { store } = t;
  const snapshot = await store.beginOffThreadSnapshot({ threads: 2 });
  // Each round: a large page goes to one thread, then a one-device page, renamed in the meantime,
  // to the other, which parses it long before the first is done.
  for (let round = 0; round < 4; round++) {
    const first = range(round * 4000, 4000);
    await snapshot.addPage(raw(first, 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=more'));
    await snapshot.addPage(raw([device(round * 4000 + 1, { deviceName: `Renamed ${round}` })], 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=more'));
  }
  assert.equal(await snapshot.seal(), 16_000);
  await snapshot.commit('2026-11-26T00:00:00.000Z');
  for (let round = 0; round < 4; round++) {
    const renamed = store.getDevice(device(round * 4000 + 1).id as string);
    assert.equal(renamed.kind === 'found' && renamed.device.deviceName, `Renamed ${round}`);
  }
});

test('pages after a bad one still take their turns: the snapshot fails instead of waiting for ever', async () => {
  using t = tempInventory();
  const { store } = t;
  const snapshot = await store.beginOffThreadSnapshot({ threads: 2 });
  // Not awaited one by one: the bad page and those after it are with the threads at once.
  const added = [raw(range(0, 100)), raw([], undefined, '{"value":[{"id":'), raw(range(100, 100)), raw(range(200, 100))].map((page) => snapshot.addPage(page).catch(() => undefined));
  await Promise.all(added);
  await assert.rejects(snapshot.seal(), /JSON|malformed|could not be read/i);
  await snapshot.abort();
});

async function assertFails(store: InventoryStore, bad: RawPage, message: RegExp): Promise<void> {
  const first = store.beginFullSnapshot();
  first.addDevices(range(0, 5));
  first.commit('2026-11-01T00:00:00.000Z');
  const snapshot = await store.beginOffThreadSnapshot();
  await snapshot.addPage(raw(range(100, 50)));
  await snapshot.addPage(bad).catch(() => undefined);
  const check = (error: unknown): boolean => {
    assert.ok(error instanceof ProblemError, String(error));
    assert.equal(error.problem.code, 'malformedResponse');
    assert.match(error.problem.message, message);
    assert.equal(error.problem.requestId, bad.requestId, 'support can find the request');
    return true;
  };
  await assert.rejects(snapshot.seal(), check);
  await assert.rejects(snapshot.commit('2026-11-02T00:00:00.000Z'), check);
  await snapshot.abort('the page was bad');
  assert.equal(store.queryDevices({}).total, 5, 'the live snapshot is as it was');
  assert.equal(store.status().snapshotInProgress, false);
}

test('a page that is not JSON fails the snapshot, which keeps the live one', async () => {
  using t = tempInventory();
  await assertFails(t.store, raw([], undefined, '{"value":[{"id":"x"'), /not valid JSON/);
});

test('a page with a bad device fails the snapshot, which keeps the live one', async () => {
  using t = tempInventory();
  await assertFails(t.store, raw([device(1), { deviceName: 'no id' } as ManagedDevice]), /id is missing/);
});

test('a page whose next link is not the one it was followed by fails the snapshot', async () => {
  using t = tempInventory();
  const page = raw(range(200, 2), 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=a');
  await assertFails(t.store, { ...page, nextLink: 'https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken=b' }, /read two different ways/);
});
