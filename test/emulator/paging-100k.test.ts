// Paging managedDevices at scale over HTTPS (FACTS §3): a 100,000-device tenant listed through
// @odata.nextLink exactly as a client does, once still and once while other requests create,
// change and delete devices between pages. Keyset paging by (deviceName, id) promises that
// devices present for the whole listing come back exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GraphReply } from '../helpers/graph-call.ts';
import { asPage, startLiveTenant } from './helpers/live-tenant.ts';
import type { LiveTenant } from './helpers/live-tenant.ts';

const DEVICES = 100_000;
const LIST = '/v1.0/deviceManagement/managedDevices';
const PAGE_MAX = 1000;

interface Key {
  readonly name: string;
  readonly id: string;
}

/** The order the service pages in: deviceName, then id (ordinal comparison). */
function compareKeys(a: Key, b: Key): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function keyOf(device: Record<string, unknown>): Key {
  assert.equal(typeof device['id'], 'string');
  assert.equal(typeof device['deviceName'], 'string');
  return { name: device['deviceName'] as string, id: (device['id'] as string).toLowerCase() };
}

/** Index of the first key in `sorted` greater than `key`. */
function indexAfter(sorted: readonly Key[], key: Key): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid] as Key, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let live: LiveTenant;
let token: string;
/** Every device of the still listing, in listing order. */
const listed: Key[] = [];
let firstPage: readonly Record<string, unknown>[] = [];

const get = (pathOrUrl: string): Promise<GraphReply> => live.call(token, 'GET', pathOrUrl);

before(async () => {
  live = await startLiveTenant({ devices: DEVICES, seed: 20260302 });
  // The walk with writes sends hundreds of writes, well past the devices write budget;
  // throttling has its own tests (throttling-http.test.ts), so it is off here.
  const off = await live.admin('PATCH', '/throttling', { enabled: false });
  assert.equal(off.status, 200);
  token = await live.signInAs({ scopes: ['DeviceManagementManagedDevices.ReadWrite.All'] });
});

after(async () => {
  await live?.stop();
});

describe('listing 100,000 managed devices through @odata.nextLink', () => {
  it('returns every device exactly once, in (deviceName, id) order, 1000 per page by default', async () => {
    const started = performance.now();
    let url: string | undefined = LIST;
    const sizes: number[] = [];
    while (url !== undefined) {
      const page = asPage(await get(url));
      if (sizes.length === 0) firstPage = page.value;
      sizes.push(page.value.length);
      for (const device of page.value) listed.push(keyOf(device));
      url = page.nextLink;
    }
    // For the benchmark author, not an assertion: the order of magnitude of a full listing.
    process.stderr.write(`paging-100k: listed ${listed.length} devices in ${sizes.length} pages, ${Math.round(performance.now() - started)} ms\n`);

    assert.equal(listed.length, DEVICES);
    assert.equal(new Set(listed.map((k) => k.id)).size, DEVICES, 'an id appeared twice');
    for (let i = 1; i < listed.length; i++) {
      assert.ok(compareKeys(listed[i - 1] as Key, listed[i] as Key) < 0, `out of order at ${i}: ${JSON.stringify(listed[i - 1])} then ${JSON.stringify(listed[i])}`);
    }
    // Default page size 1000: every page full but the last.
    assert.equal(sizes.length, DEVICES / PAGE_MAX);
    assert.ok(sizes.every((n) => n === PAGE_MAX), `page sizes: ${[...new Set(sizes)].join(', ')}`);

    const count = await get(`${LIST}/$count`);
    assert.equal(count.status, 200);
    assert.equal(count.text, String(DEVICES));
  });

  it('clamps $top=5000 to 1000 and keeps $top in the nextLink', async () => {
    const page = asPage(await get(`${LIST}?$top=5000&$select=id,deviceName`));
    assert.equal(page.value.length, PAGE_MAX);
    assert.ok(page.nextLink);
    assert.match(page.nextLink, /[?&]\$top=5000(&|$)/);
    const second = asPage(await get(page.nextLink));
    assert.equal(second.value.length, PAGE_MAX);
    assert.deepEqual(keyOf(second.value[0] ?? {}), listed[PAGE_MAX]);
  });

  it('answers 400 to a $skiptoken it did not issue', async () => {
    const page = asPage(await get(`${LIST}?$top=2&$select=id`));
    assert.ok(page.nextLink);
    const url = new URL(page.nextLink);
    const token = url.searchParams.get('$skiptoken') ?? '';
    assert.match(token, /^LastDeviceName='.*',LastDeviceId='.*'$/);
    const tampered = [
      token.slice(0, -10), // truncated
      token.replace('LastDeviceId', 'LastDeviceKey'),
      Buffer.from(token).toString('base64url'),
    ];
    for (const bad of tampered) {
      url.searchParams.set('$skiptoken', bad);
      const reply = await get(url.href);
      assert.equal(reply.status, 400, `${bad}: ${reply.text}`);
      const error = (reply.json as { error?: { code?: unknown; message?: unknown } }).error;
      assert.equal(error?.code, 'BadRequest');
      assert.match(String(error?.message), /\$skiptoken/);
    }
  });

  it('leaves non-default properties empty in the list; a single GET with $select has the real values', async () => {
    // An Apple device that reports its hardware ids (serialNumber is a default property).
    const apple = firstPage.find((d) => d['operatingSystem'] === 'iOS' && d['serialNumber'] !== '');
    assert.ok(apple, 'the first page has no iOS device with a serial number');
    for (const device of firstPage) {
      assert.equal(device['physicalMemoryInBytes'], 0);
      assert.equal(device['udid'], null);
    }
    const single = await get(`${LIST}/${String(apple['id'])}?$select=id,udid,physicalMemoryInBytes`);
    assert.equal(single.status, 200, single.text);
    const body = single.json as Record<string, unknown>;
    assert.equal(typeof body['udid'], 'string');
    assert.notEqual(body['udid'], '');
    assert.equal(typeof body['physicalMemoryInBytes'], 'number');
    assert.ok((body['physicalMemoryInBytes'] as number) > 0);
  });

  it('carries any deviceName through the nextLink: quotes, URL syntax, the token\'s own syntax, non-ASCII', async () => {
    // Each page of one ends at one of these devices, so each name has to survive a $skiptoken.
    const names = [
      "Tricky 'quoted' name",
      'Tricky 100% & more + plus #hash ?query',
      "Tricky x',LastDeviceId='00000000-0000-0000-0000-000000000000",
      'Tricky back\\slash / slash',
      'Tricky ü ß 東京',
      'Tricky 😀 emoji',
      // A lone surrogate is valid in a JSON string but has no UTF-8 form, so no URL can carry it.
      'Tricky lone \ud800 surrogate',
    ];
    const created = new Set<string>();
    for (const deviceName of names) {
      const reply = await live.call(token, 'POST', LIST, { deviceName, operatingSystem: 'Windows' });
      assert.equal(reply.status, 201, reply.text);
      created.add(keyOf(reply.json as Record<string, unknown>).id);
    }
    try {
      const listedNow: Key[] = [];
      let url: string | undefined = `${LIST}?$top=1&$select=id,deviceName&$filter=startswith(deviceName,'Tricky ')`;
      while (url !== undefined) {
        const reply = await get(url);
        assert.equal(reply.status, 200, `after ${listedNow.length} devices: ${reply.text.slice(0, 300)}`);
        const page = asPage(reply);
        for (const device of page.value) listedNow.push(keyOf(device));
        url = page.nextLink;
        assert.ok(listedNow.length <= names.length, 'the listing does not end');
      }
      assert.deepEqual(new Set(listedNow.map((k) => k.id)), created);
      for (let i = 1; i < listedNow.length; i++) assert.ok(compareKeys(listedNow[i - 1] as Key, listedNow[i] as Key) < 0);
    } finally {
      // The walk with writes below counts devices; leave the tenant as the still listing saw it.
      for (const id of created) assert.equal((await live.call(token, 'DELETE', `${LIST}/${id}`)).status, 204);
    }
  });

  it('returns stable devices exactly once while devices are created, changed and deleted between pages', async () => {
    assert.equal(listed.length, DEVICES, 'needs the still listing');
    // Writes go out together with the request for the next page, so their order against it
    // is not fixed. They therefore target devices at least AHEAD positions past the cursor:
    // the next page (≤ 1000 devices) cannot reach them whichever lands first.
    const AHEAD = 2500;
    const BEHIND = 500;
    const deletedAhead = new Set<string>();
    const deletedBehind = new Set<string>();
    const createdAhead = new Map<string, Key>();
    const createdBehind = new Set<string>();
    /** Devices patched before the listing reached them: the value the listing must show. */
    const patchedAhead = new Map<string, string>();
    const touched = new Set<string>();
    const pick = (from: number, step: number): Key | undefined => {
      for (let i = from; i >= 0 && i < listed.length; i += step) {
        const k = listed[i] as Key;
        if (!touched.has(k.id)) {
          touched.add(k.id);
          return k;
        }
      }
      return undefined;
    };

    const writesAt = (cursor: Key, pageIndex: number): Promise<void>[] => {
      const at = indexAfter(listed, cursor);
      const writes: Promise<void>[] = [];
      const ahead = [pick(at + AHEAD, 1), pick(at + AHEAD, 1)];
      const behind = [pick(at - BEHIND, -1), pick(at - BEHIND, -1)];
      const [patchAhead, deleteAhead] = ahead;
      const [patchBehind, deleteBehind] = behind;
      if (patchAhead) {
        const value = `patched-during-listing-${pageIndex}`;
        patchedAhead.set(patchAhead.id, value);
        writes.push(expectStatus(live.call(token, 'PATCH', `${LIST}/${patchAhead.id}`, { managedDeviceName: value }), 200));
      }
      if (patchBehind) writes.push(expectStatus(live.call(token, 'PATCH', `${LIST}/${patchBehind.id}`, { managedDeviceName: 'patched-behind' }), 200));
      if (deleteAhead) {
        deletedAhead.add(deleteAhead.id);
        writes.push(expectStatus(live.call(token, 'DELETE', `${LIST}/${deleteAhead.id}`), 204));
      }
      if (deleteBehind) {
        deletedBehind.add(deleteBehind.id);
        writes.push(expectStatus(live.call(token, 'DELETE', `${LIST}/${deleteBehind.id}`), 204));
      }
      // A name that extends a name far ahead sorts after it, so after the next page too.
      const farName = (listed[Math.min(at + AHEAD, listed.length - 1)] as Key).name;
      if (at + AHEAD < listed.length) {
        writes.push(create(`${farName} (new ${pageIndex})`).then((k) => void createdAhead.set(k.id, k)));
      }
      // Strictly smaller name than the cursor's, so the new device sorts behind it whatever its id.
      const earlier = listed.slice(Math.max(0, at - BEHIND - 50), Math.max(0, at - BEHIND)).reverse().find((k) => k.name < cursor.name);
      if (earlier) writes.push(create(earlier.name).then((k) => void createdBehind.add(k.id)));
      return writes;
    };

    const create = async (deviceName: string): Promise<Key> => {
      const reply = await live.call(token, 'POST', LIST, { deviceName, operatingSystem: 'Windows', managedDeviceOwnerType: 'company' });
      assert.equal(reply.status, 201, reply.text);
      return keyOf(reply.json as Record<string, unknown>);
    };

    // Still the default page size; $select only keeps the second 100,000-device walk within the
    // time budget, as the properties sent play no part in paging.
    let url: string | undefined = `${LIST}?$select=id,deviceName,managedDeviceName`;
    const seen = new Map<string, number>();
    let previous: Key | undefined;
    let pageIndex = 0;
    let pending: Promise<void>[] = [];
    while (url !== undefined) {
      const [reply] = await Promise.all([get(url), ...pending]);
      const page = asPage(reply);
      // Keyset pages stay full whatever changes around them; only the last is short.
      assert.ok(page.value.length === PAGE_MAX || page.nextLink === undefined, `page ${pageIndex} holds ${page.value.length}`);
      for (const device of page.value) {
        const key = keyOf(device);
        seen.set(key.id, (seen.get(key.id) ?? 0) + 1);
        if (previous) assert.ok(compareKeys(previous, key) < 0, `page ${pageIndex} out of order or repeated: ${JSON.stringify(previous)} then ${JSON.stringify(key)}`);
        previous = key;
        const patched = patchedAhead.get(key.id);
        if (patched !== undefined) assert.equal(device['managedDeviceName'], patched, 'a change made before the listing reached the device is not shown');
      }
      url = page.nextLink;
      pending = url !== undefined && previous ? writesAt(previous, pageIndex) : [];
      pageIndex++;
    }
    await Promise.all(pending);

    assert.ok(deletedAhead.size > 50 && createdAhead.size > 50 && createdBehind.size > 50, 'too few writes happened for the test to mean much');
    const twice = [...seen].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'devices listed more than once');
    const missing = listed.filter((k) => !deletedAhead.has(k.id) && !deletedBehind.has(k.id) && !seen.has(k.id));
    assert.deepEqual(missing, [], 'devices present for the whole listing were left out');
    for (const id of deletedAhead) assert.ok(!seen.has(id), `${id} was deleted before the listing reached it but was listed`);
    for (const id of deletedBehind) assert.equal(seen.get(id), 1, `${id} was listed before its deletion, so once`);
    // Keyset paging: a device created ahead of the cursor is reached; one created behind is not.
    for (const id of createdAhead.keys()) assert.equal(seen.get(id), 1, `created ahead of the cursor but not listed: ${id}`);
    for (const id of createdBehind) assert.ok(!seen.has(id), `created behind the cursor but listed: ${id}`);
    assert.equal(seen.size, DEVICES - deletedAhead.size + createdAhead.size);
    for (const id of patchedAhead.keys()) assert.equal(seen.get(id), 1);

    const count = await get(`${LIST}/$count`);
    assert.equal(count.text, String(DEVICES - deletedAhead.size - deletedBehind.size + createdAhead.size + createdBehind.size));
  });
});

async function expectStatus(reply: Promise<GraphReply>, status: number): Promise<void> {
  const r = await reply;
  assert.equal(r.status, status, r.text.slice(0, 300));
}
