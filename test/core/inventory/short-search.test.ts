// Searches of one and two characters (the search box's first keystrokes), answered from the
// devices' lines in memory: for many queries (letters of either case, digits, punctuation,
// non-ASCII, % and _, the @ and the separator rules) the store finds exactly the devices a plain
// JavaScript filter finds, counts them exactly, and gives every window in the order the same
// list has without a search, for indexed and unindexed sorts. Enough devices (12,000) that one
// character matches more than are written down, and that orders are read in several steps.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DeviceQuery, InventoryStore } from '../../../src/core/inventory/index.ts';
import { allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import type { TempInventory } from './helpers/temp-inventory.ts';
import { ANCHOR, graphDevices } from './helpers/tenant-data.ts';

const AS_OF = new Date(ANCHOR).toISOString();

const lower = (v: string | null | undefined): string => (v ?? '').toLowerCase();
/** MACs are searched as stored less the separators the index removes. */
const mac = (v: string | null | undefined): string => lower(v).replace(/[:.\- ]/g, '');
const local = (upn: string | null | undefined): string => lower(upn).split('@')[0] ?? '';

/** The meaning of search, written the slow, obvious way. */
function expected(query: string, devices: readonly ManagedDevice[]): Set<string> {
  // eslint-disable-next-line no-control-regex -- control characters are what the store turns into spaces
  const typed = query.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
  const ids = (keep: (d: ManagedDevice) => boolean): Set<string> => new Set(devices.filter(keep).map((d) => String(d.id)));
  if (typed.includes('@')) return ids((d) => lower(d.userPrincipalName).includes(typed));
  const variants = [typed];
  const compact = typed.replace(/[\s:.-]+/g, '');
  if (compact !== typed && compact.length > 0 && /^[\p{L}\p{N}]+$/u.test(compact)) variants.push(compact);
  return ids((d) => {
    const fields = [lower(d.deviceName), local(d.userPrincipalName), lower(d.serialNumber), lower(d.imei), mac(d.wiFiMacAddress), mac(d.ethernetMacAddress), lower(d.model)];
    return variants.some((v) => fields.some((f) => f.includes(v)));
  });
}

/** Devices with what the generated ones lack: non-ASCII in every field, separators, wildcards, an @ in a name, nulls. */
function oddDevices(template: ManagedDevice): ManagedDevice[] {
  const odd = (n: number, fields: Partial<ManagedDevice>): ManagedDevice => ({ ...template, id: `0dd0dd00-0000-4000-8000-${String(n).padStart(12, '0')}`, ...fields });
  return [
    odd(1, { deviceName: "Zoë's Surface", userPrincipalName: 'zoe.ÅSTRÖM@contoso.com', serialNumber: 'ÉÇ-1234', model: 'Surface Laptop 7' }),
    odd(2, { deviceName: 'ÉCOLE-PC-01', userPrincipalName: 'Élodie@Fabrikam.fr', imei: '35 209900 176148 1', wiFiMacAddress: '3C:22:FB:AA:BB:CC' }),
    odd(3, { deviceName: 'İSTANBUL-LAPTOP', userPrincipalName: 'ılgın@contoso.com', ethernetMacAddress: '3c-22-fb-aa-bb-cd', model: 'ThinkPad X1 Carbon' }),
    odd(4, { deviceName: 'Straße-PC', userPrincipalName: 'strasse@contoso.com', serialNumber: 'ss 55.66', wiFiMacAddress: '3c22.fbaa.bbce' }),
    odd(5, { deviceName: '50%_OFF', userPrincipalName: null, serialNumber: null, imei: null, wiFiMacAddress: null, ethernetMacAddress: null, model: null }),
    odd(6, { deviceName: 'under_score', userPrincipalName: 'no-at-sign', model: 'Ω-Phone σς' }),
    odd(7, { deviceName: 'kiosk@lobby', userPrincipalName: 'Kiosk.Account@Contoso.com', model: '日本語モデル' }),
    odd(8, { deviceName: 'Q', userPrincipalName: 'q@q.q', serialNumber: 'Q', imei: 'q', model: 'Q' }),
    // Control characters the in-memory lines are joined with: they must not break them up.
    odd(9, { deviceName: 'line\nbreak', userPrincipalName: 'rec\u001esep@contoso.com', model: 'tab\tbed\u001ftwo' }),
  ];
}

/** One- and two-character queries of every kind, plus pairs taken from the data (so they match something). */
function queries(devices: readonly ManagedDevice[]): string[] {
  const single = [...'abcdefghijklmnopqrstuvwxyzQWERTY0123456789', ...'-_.%\'()@:/ ', ...'éÉöÖßåÅİiıΩσςの日Ç'];
  const pairs = ['ab', 'AB', 'e1', 'on', 'x9', 'zy', '%_', '_o', '50', '-p', 'p-', 'a-', 'a:', 'é-', 'ös', 'SS', 'ss', 'ß', '@c', 'a@', 'q@', '@q', '.c', "'s", 's ', ' a', 'i̇', 'Ωσ', '日本', '3c', ':2', 'c:', '--', '..', '  ', 'eb', 'cs', 'dt', 'p@', 'br', 'ed'];
  const fromData: string[] = [];
  for (let i = 0; fromData.length < 40 && i < devices.length; i += 277) {
    const d = devices[i] as ManagedDevice;
    const text = [d.deviceName, d.serialNumber, d.userPrincipalName, d.model, d.imei][i % 5] ?? '';
    if (text.length >= 2) fromData.push(text.slice(i % (text.length - 1), (i % (text.length - 1)) + 2));
  }
  return [...single, ...pairs, ...fromData];
}

/** Every row of the unsearched list, in its order, through keyset pages (which a search does not take part in). */
function orderOf(store: InventoryStore, sort: DeviceQuery['sort']): string[] {
  return allIds(store, sort ? { sort } : {});
}

const SORTS: readonly (DeviceQuery['sort'] | undefined)[] = [
  undefined,
  { column: 'lastSyncDateTime', direction: 'desc' },
  { column: 'osVersion' },
  // The other way round: read backwards from the order above once that is complete.
  { column: 'osVersion', direction: 'desc' },
  { column: 'complianceState', direction: 'desc' },
  { column: 'model' },
];

/** Checks one query: its total, and windows at the start, the middle and the end, in every sort, against the filter. */
function check(store: InventoryStore, devices: readonly ManagedDevice[], orders: ReadonlyMap<DeviceQuery['sort'] | undefined, readonly string[]>, query: string): void {
  const want = expected(query, devices);
  for (const sort of SORTS) {
    const list = (orders.get(sort) ?? []).filter((id) => want.has(id));
    const what = `"${query}" sorted by ${sort ? `${sort.column} ${sort.direction ?? 'asc'}` : 'name'}`;
    for (const offset of new Set([0, Math.floor(list.length / 2), Math.max(0, list.length - 25)])) {
      const window = store.queryDevices({ search: query, ...(sort ? { sort } : {}), offset, limit: 60 });
      assert.equal(window.total, want.size, `${what}: total`);
      assert.deepEqual(
        window.rows.map((r) => r.id),
        list.slice(offset, offset + 60),
        `${what}: the window at ${offset}`,
      );
    }
  }
}

describe('one- and two-character searches', () => {
  let t: TempInventory;
  let devices: ManagedDevice[];

  before(() => {
    t = tempInventory();
    const generated = graphDevices(12_000, 3);
    snapshot(t.store, generated);
    // The odd devices arrive through this connection's own writes (an incremental sync).
    const odd = oddDevices(generated[0] as ManagedDevice);
    t.store.upsertDevices(odd, AS_OF);
    devices = [...generated, ...odd];
  });
  after(() => t[Symbol.dispose]());

  test('find exactly what contains the query, count it, and window it in every sort', () => {
    const orders = new Map(SORTS.map((sort) => [sort, orderOf(t.store, sort)] as const));
    const asked = queries(devices);
    let matched = 0;
    for (const query of asked) {
      check(t.store, devices, orders, query);
      if (expected(query, devices).size > 0) matched++;
    }
    // The queries must be worth checking: most find something, some find most of the fleet.
    assert.ok(matched > asked.length * 0.8, `${matched} of ${asked.length} queries match something`);
    assert.ok(expected('a', devices).size > 6000, 'one letter matches most devices');
    assert.equal(expected('%', devices).size, 1);
    assert.equal(expected('é', devices).size, 2, 'non-ASCII of either case is in the data');
  });

  test('longer queries, through the index, keep the same meaning for the same devices', () => {
    for (const query of ["zoë's", 'École', 'STRASSE', 'straße-pc', '3c:22:fb', 'Ω-ph', 'kiosk.account@contoso', 'no-at', '50%_']) {
      assert.deepEqual(new Set(allIds(t.store, { search: query })), expected(query, devices), `"${query}"`);
    }
  });

  test('with filters, the count and the rows are the intersection', () => {
    const filter = { operatingSystem: ['Windows'] };
    for (const query of ['e', 'a', '1', 'ab', '%']) {
      const want = expected(query, devices);
      const windows = devices.filter((d) => want.has(String(d.id)) && d.operatingSystem === 'Windows').map((d) => String(d.id));
      const answer = t.store.queryDevices({ search: query, filter, sort: { column: 'osVersion' }, offset: 0, limit: 1000 });
      assert.equal(answer.total, windows.length, `"${query}" with a filter: total`);
      assert.deepEqual(new Set(allIds(t.store, { search: query, filter })), new Set(windows), `"${query}" with a filter: devices`);
    }
  });


  test('follow this connection\'s writes and another connection\'s, without going stale', () => {
    const byOs = { column: 'osVersion' } as const;
    // Remembered lines and orders first.
    assert.equal(t.store.queryDevices({ search: 'ö', offset: 0, limit: 60 }).total, expected('ö', devices).size);
    t.store.queryDevices({ search: 'e', sort: byOs, offset: 0, limit: 60 });
    // This connection: one device renamed to hold a character no other has, and first by OS version; one removed.
    const renamed = { ...(devices[100] as ManagedDevice), deviceName: 'Ðevice', osVersion: '0.0.1' };
    const removed = devices[200] as ManagedDevice;
    t.store.upsertDevices([renamed], AS_OF);
    t.store.removeDevices([String(removed.id)]);
    let now = devices.map((d) => (d.id === renamed.id ? renamed : d)).filter((d) => d.id !== removed.id);
    assert.deepEqual(t.store.queryDevices({ search: 'ð', offset: 0, limit: 60 }).rows.map((r) => r.id), [renamed.id]);
    const first = t.store.queryDevices({ search: 'e', sort: byOs, offset: 0, limit: 60 });
    assert.equal(first.rows[0]?.id, renamed.id, 'the kept order by OS version was read again');
    assert.equal(first.total, expected('e', now).size);
    assert.equal(t.store.queryDevices({ search: String(removed.deviceName).slice(0, 2), offset: 0, limit: 1 }).total, expected(String(removed.deviceName).slice(0, 2), now).size);
    // Another connection (the sync engine's snapshot, another process): the whole text is read again.
    const other = t.openOther().store;
    const moved = { ...(devices[300] as ManagedDevice), deviceName: 'Þorn', osVersion: '0.0.0' };
    other.upsertDevices([moved], AS_OF);
    now = now.map((d) => (d.id === moved.id ? moved : d));
    // Read ahead of the first keystroke, as the app does when idle: the same answers.
    t.store.prepareSearch();
    assert.deepEqual(t.store.queryDevices({ search: 'þ', offset: 0, limit: 60 }).rows.map((r) => r.id), [moved.id]);
    assert.equal(t.store.queryDevices({ search: 'o', sort: byOs, offset: 0, limit: 1 }).rows[0]?.id, moved.id);
    for (const query of ['e', 'ö', 'ab', 'Ð', '3c']) assert.equal(t.store.queryDevices({ search: query, offset: 0, limit: 5 }).total, expected(query, now).size, `"${query}" after the writes`);
  });

});
