import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDeviceKeys, deviceKey } from '../../../../src/emulator/graph/model/device-collection.ts';
import type { DeviceCollection } from '../../../../src/emulator/graph/model/device-collection.ts';
import { EntityCollection, entityRecord, idOf } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import { countOnly, listPage } from '../../../../src/emulator/graph/odata/paging.ts';
import type { Page } from '../../../../src/emulator/graph/odata/paging.ts';
import { parseQuery } from '../../../../src/emulator/graph/odata/query.ts';
import { assertBadRequest, device, devices, guid } from './helpers.ts';

const BASE = 'https://127.0.0.1:8443';
const DEVICES_PATH = '/deviceManagement/managedDevices';

/** A deterministic shuffle, so insertion order differs from key order. */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** 5,000 devices, ~7 per name, a fifth of them iOS. */
function fleet(count = 5000): EntityRecord[] {
  return shuffled(Array.from({ length: count }, (_, i) => device(i, { deviceName: `DEV-${String(i % 700).padStart(3, '0')}`, operatingSystem: i % 5 === 0 ? 'iOS' : 'Windows' })));
}

function requestPage(collection: EntityCollection, url: string, version: GraphVersion = 'v1.0', path = DEVICES_PATH, declaredType = 'managedDevice'): Page {
  const u = new URL(url);
  assert.equal(`${u.origin}${u.pathname}`, `${BASE}/${version}${path}`);
  const query = parseQuery(u.searchParams, { version, declaredType, inList: true });
  return listPage(collection, query, { version, baseUrl: BASE, requestPath: path, declaredType });
}

/** Follows nextLinks verbatim from the first request; `between` runs after each page. */
function walk(collection: EntityCollection, firstQuery: string, options: { between?: (pageIndex: number) => void; version?: GraphVersion; path?: string; declaredType?: string } = {}): Page[] {
  const version = options.version ?? 'v1.0';
  const path = options.path ?? DEVICES_PATH;
  const pages: Page[] = [];
  let url: string | undefined = `${BASE}/${version}${path}?${firstQuery}`;
  while (url !== undefined) {
    assert.ok(pages.length < 10000, 'paging does not end');
    const page = requestPage(collection, url, version, path, options.declaredType ?? 'managedDevice');
    pages.push(page);
    options.between?.(pages.length - 1);
    url = page.nextLink;
  }
  return pages;
}

const idsOf = (pages: readonly Page[]): string[] => pages.flatMap((p) => p.value.map((d) => String(d['id'])));

function keyOrder(records: readonly EntityRecord[]): string[] {
  return [...records].sort((a, b) => compareDeviceKeys(deviceKey(a), deviceKey(b))).map(idOf);
}

describe('managedDevices paging: keyset order and skiptoken', () => {
  it('walking nextLinks gives every device exactly once, in (deviceName, id) order', () => {
    const records = fleet();
    const pages = walk(devices(records), '$top=137');
    assert.equal(pages.length, Math.ceil(5000 / 137));
    assert.deepEqual(idsOf(pages), keyOrder(records));
    assert.equal(pages.at(-1)?.nextLink, undefined);
    for (const p of pages.slice(0, -1)) assert.equal(p.value.length, 137);
  });

  it('issues nextLinks that look like the real service\'s', () => {
    const [first] = walk(devices(fleet(10)), '$top=3', { between: () => undefined }).slice(0, 1);
    assert.ok(first?.nextLink);
    assert.match(first.nextLink, /^https:\/\/127\.0\.0\.1:8443\/v1\.0\/deviceManagement\/managedDevices\?\$top=3&\$skiptoken=LastDeviceName%3d%27DEV-00\d%27%2cLastDeviceId%3d%27[0-9a-f-]{36}%27$/);
  });

  it('keeps the other parameters in the nextLink and replaces the skiptoken', () => {
    const records = fleet(300);
    const pages = walk(devices(records), "$select=deviceName,operatingSystem&$filter=operatingSystem eq 'iOS'&$top=25");
    const link = pages[0]?.nextLink;
    assert.ok(link);
    const params = new URL(link).searchParams;
    assert.equal(params.get('$select'), 'deviceName,operatingSystem');
    assert.equal(params.get('$filter'), "operatingSystem eq 'iOS'");
    assert.equal(params.getAll('$skiptoken').length, 1);
    assert.deepEqual(Object.keys(pages[1]?.value[0] ?? {}), ['id', 'deviceName', 'operatingSystem']);
    const second = pages[1]?.nextLink;
    assert.ok(second);
    assert.equal(new URL(second).searchParams.getAll('$skiptoken').length, 1);
  });

  it('round-trips device names with quotes, commas and other URL characters', () => {
    const odd = ["O'Brien, laptop", "it's & 'quoted'", 'a+b=c%d', 'Ünïcødé #1', ''];
    const records = odd.flatMap((name, i) => [device(i * 2, { deviceName: name }), device(i * 2 + 1, { deviceName: name })]);
    const pages = walk(devices(records), '$top=1');
    assert.deepEqual(idsOf(pages), keyOrder(records));
  });

  it('filters while paging, without a nextLink after the last match', () => {
    const records = fleet();
    const iOS = records.filter((r) => r.props['operatingSystem'] === 'iOS');
    const pages = walk(devices(records), "$filter=operatingSystem eq 'iOS'&$top=250");
    assert.equal(iOS.length, 1000);
    assert.equal(pages.length, 4, 'exactly full pages: the last one must not link to an empty page');
    assert.deepEqual(idsOf(pages), keyOrder(iOS));
  });

  it('ends without a nextLink when the rest of the collection has no match', () => {
    const records = [device(1, { deviceName: 'A', operatingSystem: 'iOS' }), device(2, { deviceName: 'B', operatingSystem: 'iOS' }), ...Array.from({ length: 50 }, (_, i) => device(10 + i, { deviceName: `C${i}` }))];
    const page = requestPage(devices(records), `${BASE}/v1.0${DEVICES_PATH}?$filter=operatingSystem eq 'iOS'&$top=2`);
    assert.equal(page.value.length, 2);
    assert.equal(page.nextLink, undefined);
  });

  it('uses 1000 as the default and maximum page size', () => {
    const collection = devices(fleet());
    for (const query of ['', '$top=5000']) {
      const page = requestPage(collection, `${BASE}/v1.0${DEVICES_PATH}?${query}`);
      assert.equal(page.value.length, 1000);
      assert.ok(page.nextLink);
    }
  });

  it('answers $top=0 with an empty page and no nextLink', () => {
    const page = requestPage(devices(fleet(20)), `${BASE}/v1.0${DEVICES_PATH}?$top=0&$count=true`);
    assert.deepEqual(page.value, []);
    assert.equal(page.nextLink, undefined);
    assert.equal(page.count, 20);
  });

  it('applies $skip to the first page only', () => {
    const records = fleet(50);
    const pages = walk(devices(records), '$skip=10&$top=15');
    assert.deepEqual(idsOf(pages), keyOrder(records).slice(10));
  });

  it('rejects a tampered or garbage skiptoken', () => {
    const collection = devices(fleet(30));
    const first = requestPage(collection, `${BASE}/v1.0${DEVICES_PATH}?$top=5`);
    assert.ok(first.nextLink);
    const broken = first.nextLink.replace('%2cLastDeviceId', '%2cLastDevice');
    assertBadRequest(() => requestPage(collection, broken), /for \$skiptoken query option found/);
    for (const token of ['abc', "LastDeviceName='x", "LastDeviceName='x',LastDeviceId=''", 'eyJpIjoieCIsInAiOjF9']) {
      assertBadRequest(() => requestPage(collection, `${BASE}/v1.0${DEVICES_PATH}?$skiptoken=${encodeURIComponent(token)}`), /for \$skiptoken query option found/);
    }
  });
});

describe('managedDevices paging: stable under concurrent writes', () => {
  it('returns every device present throughout exactly once while others are added, removed and patched', () => {
    const initial = fleet(3000);
    const collection: DeviceCollection = devices(initial);
    const removed = new Set<string>();
    let added = 0;
    const pages = walk(collection, '$top=100', {
      between: (n) => {
        // New devices on both sides of the cursor (names sort before and after it).
        for (let k = 0; k < 7; k++) {
          const id = 900000 + added++;
          collection.put(device(id, { deviceName: k % 2 === 0 ? `AAA-${id}` : `DEV-${String((n * 37 + k) % 700).padStart(3, '0')}` }));
        }
        // Remove some devices that have not been listed yet, and some that have.
        const current = collection.values();
        for (const victim of [current[(n * 13) % current.length], current[current.length - 1 - ((n * 29) % 50)]]) {
          if (!victim) continue;
          removed.add(idOf(victim).toLowerCase());
          collection.remove(idOf(victim));
        }
        // Patch non-key fields of others.
        for (let k = 0; k < 20; k++) {
          const target = current[(n * 101 + k * 17) % current.length];
          if (!target || removed.has(idOf(target).toLowerCase())) continue;
          const previous = { ...target.props };
          target.props['complianceState'] = 'noncompliant';
          target.props['lastSyncDateTime'] = '2025-01-01T00:00:00Z';
          collection.reindex(target, previous);
        }
      },
    });
    const seen = idsOf(pages).map((id) => id.toLowerCase());
    assert.equal(new Set(seen).size, seen.length, 'no device is listed twice');
    const survivors = initial.map((r) => idOf(r).toLowerCase()).filter((id) => !removed.has(id));
    const seenSet = new Set(seen);
    const missing = survivors.filter((id) => !seenSet.has(id));
    assert.deepEqual(missing, [], 'every device present for the whole listing is listed');
    assert.ok(removed.size > 0 && added > 0);
  });
});

describe('@odata.count', () => {
  it('counts all matching devices with $count=true', () => {
    const records = fleet(500);
    const page = requestPage(devices(records), `${BASE}/v1.0${DEVICES_PATH}?$filter=operatingSystem eq 'iOS'&$top=10&$count=true`);
    assert.equal(page.count, 100);
    assert.equal(page.value.length, 10);
  });

  it('equals the page size on managedDevices without $count, as the service does', () => {
    const collection = devices(fleet(500));
    assert.equal(requestPage(collection, `${BASE}/v1.0${DEVICES_PATH}?$top=7`).count, 7);
    assert.equal(requestPage(collection, `${BASE}/v1.0${DEVICES_PATH}?$top=7&$count=false`).count, 7);
  });

  it('is absent on other collections unless asked for', () => {
    const categories = new EntityCollection('deviceCategory');
    for (let i = 0; i < 5; i++) categories.put(entityRecord('deviceCategory', { id: guid(i), displayName: `Cat ${i}` }));
    const path = '/deviceManagement/deviceCategories';
    assert.equal(requestPage(categories, `${BASE}/v1.0${path}`, 'v1.0', path, 'deviceCategory').count, undefined);
    assert.equal(requestPage(categories, `${BASE}/v1.0${path}?$count=true&$top=2`, 'v1.0', path, 'deviceCategory').count, 5);
  });

  it('countOnly counts matches for /$count', () => {
    const collection = devices(fleet(500));
    const query = parseQuery(new URLSearchParams("$filter=operatingSystem eq 'iOS'"), { version: 'v1.0', declaredType: 'managedDevice', inList: true, countSegment: true });
    assert.equal(countOnly(collection, query), 100);
    assert.equal(countOnly(collection, parseQuery(new URLSearchParams(''), { version: 'v1.0', declaredType: 'managedDevice', inList: true })), 500);
  });
});

describe('paging other collections', () => {
  const path = '/deviceManagement/deviceCategories';
  const category = (i: number): EntityRecord => entityRecord('deviceCategory', { id: guid(i), displayName: `Cat ${String(i).padStart(3, '0')}` });

  it('walks in insertion order and stays stable while items are appended', () => {
    const categories = new EntityCollection('deviceCategory');
    const initial = Array.from({ length: 95 }, (_, i) => category(i));
    for (const c of initial) categories.put(c);
    let next = 1000;
    const pages = walk(categories, '$top=10', { path, declaredType: 'deviceCategory', between: () => categories.put(category(next++)) });
    const seen = idsOf(pages);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(seen.slice(0, 95), initial.map(idOf));
    assert.equal(seen.length, 95 + (next - 1000) - 1, 'appended items are listed too (the last one after the final page)');
  });

  it('resumes correctly when the last item of a page is removed', () => {
    const categories = new EntityCollection('deviceCategory');
    const initial = Array.from({ length: 30 }, (_, i) => category(i));
    for (const c of initial) categories.put(c);
    const pages = walk(categories, '$top=10', {
      path,
      declaredType: 'deviceCategory',
      between: (n) => {
        if (n === 0) categories.remove(idOf(initial[9] as EntityRecord));
      },
    });
    assert.deepEqual(idsOf(pages), initial.map(idOf));
  });

  it('issues opaque base64url tokens and rejects garbage', () => {
    const categories = new EntityCollection('deviceCategory');
    for (let i = 0; i < 15; i++) categories.put(category(i));
    const first = requestPage(categories, `${BASE}/v1.0${path}?$top=10`, 'v1.0', path, 'deviceCategory');
    assert.ok(first.nextLink);
    assert.match(new URL(first.nextLink).searchParams.get('$skiptoken') ?? '', /^[A-Za-z0-9_-]+$/);
    assertBadRequest(() => requestPage(categories, `${BASE}/v1.0${path}?$skiptoken=not*base64`, 'v1.0', path, 'deviceCategory'), /\$skiptoken/);
    assertBadRequest(() => requestPage(categories, `${BASE}/v1.0${path}?$skiptoken=${Buffer.from('{"x":1}').toString('base64url')}`, 'v1.0', path, 'deviceCategory'), /\$skiptoken/);
  });
});

describe('paging with polymorphic sets and versions', () => {
  it('tags derived types and skips types the version does not have', () => {
    const apps = new EntityCollection('mobileApp');
    apps.put(entityRecord('win32LobApp', { id: guid(1), displayName: 'Win32' }));
    apps.put(entityRecord('winGetApp', { id: guid(2), displayName: 'WinGet (beta only)' }));
    const path = '/deviceAppManagement/mobileApps';
    const v1 = requestPage(apps, `${BASE}/v1.0${path}`, 'v1.0', path, 'mobileApp');
    assert.deepEqual(v1.value.map((a) => a['@odata.type']), ['#microsoft.graph.win32LobApp']);
    const beta = requestPage(apps, `${BASE}/beta${path}`, 'beta', path, 'mobileApp');
    assert.deepEqual(beta.value.map((a) => a['@odata.type']), ['#microsoft.graph.win32LobApp', '#microsoft.graph.winGetApp']);
  });
});
