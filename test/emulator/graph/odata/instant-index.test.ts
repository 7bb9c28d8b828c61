// Range filters on enrolledDateTime are answered through an index of the devices' enrolment
// instants (model/instant-index.ts). Every answer must be exactly what reading every device
// gives: the same devices, counts and pages, before and after devices are added, patched and
// removed, and for devices that store no enrolment date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDeviceKeys, deviceKey } from '../../../../src/emulator/graph/model/device-collection.ts';
import type { DeviceCollection } from '../../../../src/emulator/graph/model/device-collection.ts';
import { idOf } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import { countOnly, listPage } from '../../../../src/emulator/graph/odata/paging.ts';
import { parseQuery } from '../../../../src/emulator/graph/odata/query.ts';
import type { CollectionQuery } from '../../../../src/emulator/graph/odata/query.ts';
import { device, devices } from './helpers.ts';

const BASE = 'https://127.0.0.1:8443';
const PATH = '/deviceManagement/managedDevices';
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** 3,000 devices enrolled over 300 days, several per instant, names unrelated to the dates; some store no date. */
function fleet(): EntityRecord[] {
  return Array.from({ length: 3000 }, (_, i) => {
    const enrolled = START + ((i * 7919) % 300) * DAY + (i % 3) * 1000;
    const record = device(i, { deviceName: `PC-${String((i * 37) % 1000).padStart(4, '0')}`, operatingSystem: i % 4 === 0 ? 'iOS' : 'Windows', enrolledDateTime: iso(enrolled) });
    if (i % 250 === 0) delete record.props['enrolledDateTime'];
    return record;
  });
}

function query(text: string): CollectionQuery {
  return parseQuery(new URLSearchParams(text), { version: 'beta', declaredType: 'managedDevice', inList: true });
}

/** Every page of a listing, following nextLinks. */
function walk(collection: DeviceCollection, text: string): string[] {
  const ids: string[] = [];
  let params: URLSearchParams | undefined = new URLSearchParams(text);
  while (params) {
    const page = listPage(collection, query(params.toString()), { version: 'beta', baseUrl: BASE, requestPath: PATH, declaredType: 'managedDevice' });
    ids.push(...page.value.map((d) => String(d['id'])));
    params = page.nextLink === undefined ? undefined : new URL(page.nextLink).searchParams;
  }
  return ids;
}

/** What reading every device in listing order gives. */
function expected(collection: DeviceCollection, filter: string): string[] {
  const matches = query(`$filter=${filter}`).filter?.matches;
  assert.ok(matches);
  return [...collection.values()].sort((a, b) => compareDeviceKeys(deviceKey(a), deviceKey(b))).filter((r) => matches(r.props)).map(idOf);
}

function assertSameAsScan(collection: DeviceCollection, filter: string): void {
  const want = expected(collection, filter);
  assert.deepEqual(walk(collection, `$filter=${filter}&$top=97`), want, filter);
  assert.equal(countOnly(collection, query(`$filter=${filter}&$count=true`)), want.length, filter);
}

const FILTERS = [
  `enrolledDateTime gt ${iso(START + 40 * DAY)} and enrolledDateTime lt ${iso(START + 80 * DAY)}`,
  // The edges: devices enrolled exactly on a bound, one second on either side.
  `enrolledDateTime gt ${iso(START + 40 * DAY + 1000)} and enrolledDateTime lt ${iso(START + 80 * DAY + 1000)}`,
  `enrolledDateTime gt ${iso(START + 299 * DAY)}`,
  `enrolledDateTime lt ${iso(START + DAY)}`,
  // Devices without a date read as the schema's default, which is before any bound here.
  `enrolledDateTime lt ${iso(START - 365 * DAY)}`,
  `enrolledDateTime gt ${iso(START + 10 * DAY)} and operatingSystem eq 'iOS' and enrolledDateTime lt ${iso(START + 200 * DAY)}`,
  `enrolledDateTime gt ${iso(START + 200 * DAY)} and enrolledDateTime lt ${iso(START + 100 * DAY)}`,
  `enrolledDateTime gt 2099-01-01T00:00:00Z`,
];

describe('InstantIndex', () => {
  it('finds the devices of an inclusive range, on both edges, in listing order', () => {
    const records = fleet();
    const collection = devices(records);
    const index = collection.instantIndex('enrolledDateTime', '0001-01-01T00:00:00Z');
    assert.ok(index);
    const listing = collection.values();
    const at = (ms: number): number[] => listing.flatMap((r, i) => (r.props['enrolledDateTime'] === iso(ms) ? [i] : []));
    const edge = Date.parse(String(records[17]?.props['enrolledDateTime']));
    assert.ok(at(edge).length > 0);
    assert.deepEqual([...index.positionsWithin({ from: edge, to: edge })], at(edge));
    const week = listing.flatMap((r, i) => {
      const v = r.props['enrolledDateTime'];
      const t = typeof v === 'string' ? Date.parse(v) : Date.parse('0001-01-01T00:00:00Z');
      return t >= edge && t <= edge + 7 * DAY ? [i] : [];
    });
    assert.deepEqual([...index.positionsWithin({ from: edge, to: edge + 7 * DAY })], week);
    assert.equal(collection.instantIndex('lastSyncDateTime', null), undefined, 'lastSyncDateTime changes in place, so it is never indexed');
  });
});

describe('range filters on enrolledDateTime', () => {
  it('give the same pages and counts as reading every device', () => {
    const records = fleet();
    const collection = devices(records);
    for (const filter of FILTERS) assertSameAsScan(collection, filter);
    // Bounds exactly on devices' enrolment instants: gt and lt leave those devices out.
    const [low, high] = [String(records[17]?.props['enrolledDateTime']), String(records[18]?.props['enrolledDateTime'])].sort();
    assertSameAsScan(collection, `enrolledDateTime gt ${low} and enrolledDateTime lt ${high}`);
    // The lower bound's own devices are in the first filter's answer or not, exactly as gt says.
    assert.ok(expected(collection, FILTERS[0] as string).length > 100);
    assert.ok(expected(collection, FILTERS[4] as string).length > 0, 'devices without a date are found through their default');
  });

  it('see devices added, patched and removed since the last answer', () => {
    const collection = devices(fleet());
    const filter = FILTERS[0] as string;
    const before = expected(collection, filter);
    assertSameAsScan(collection, filter);

    const added = device(9001, { deviceName: 'AAA-NEW', enrolledDateTime: iso(START + 50 * DAY) });
    collection.put(added);
    assertSameAsScan(collection, filter);
    assert.ok(walk(collection, `$filter=${filter}`).includes(idOf(added)));

    // PATCHes move one device's enrolment date out of the range and another's into it: the
    // collection is told through reindex, and the next answer has both moves.
    const moved = collection.get(before[0] as string) as EntityRecord;
    const outside = collection.values().find((r) => r !== added && !before.includes(idOf(r)) && typeof r.props['enrolledDateTime'] === 'string') as EntityRecord;
    for (const [record, enrolled] of [[moved, iso(START + 290 * DAY)], [outside, iso(START + 60 * DAY)]] as const) {
      const previous = { ...record.props };
      record.props['enrolledDateTime'] = enrolled;
      collection.reindex(record, previous);
    }
    assertSameAsScan(collection, filter);
    assert.ok(!walk(collection, `$filter=${filter}`).includes(idOf(moved)));
    assert.ok(walk(collection, `$filter=${filter}`).includes(idOf(outside)));

    collection.remove(before[1] as string);
    assertSameAsScan(collection, filter);
    assert.equal(walk(collection, `$filter=${filter}`).length, before.length, "one added, one patched out, one patched in, one removed");
  });

  it('leave lastSyncDateTime filters to a full read, since remote actions move it in place', () => {
    const collection = devices(fleet());
    const filter = 'lastSyncDateTime gt 2024-06-01T00:00:00Z';
    const all = expected(collection, filter);
    assert.deepEqual(walk(collection, `$filter=${filter}`), all);
    // A check-in moves lastSyncDateTime without the collection knowing: the next answer still sees it.
    const first = collection.values()[0] as EntityRecord;
    first.props['lastSyncDateTime'] = '2023-01-01T00:00:00Z';
    assert.deepEqual(walk(collection, `$filter=${filter}`), all.filter((id) => id !== idOf(first)));
  });
});
