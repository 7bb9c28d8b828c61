// Search: for each kind of query a technician types, the store finds exactly the devices whose
// name, UPN, serial number, IMEI, MAC addresses or model contain it (checked against a plain
// scan in JS over the same devices).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { DeviceQuery } from '../../../src/core/inventory/index.ts';
import { allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { graphDevices } from './helpers/tenant-data.ts';

const DEVICES = graphDevices(3000, 7);

const lower = (v: string | null | undefined): string => (v ?? '').toLowerCase();
const mac = (v: string | null | undefined): string => lower(v).replace(/[\s:.-]/g, '');
const local = (upn: string | null | undefined): string => lower(upn).split('@')[0] ?? '';

/** The meaning of search, written the slow, obvious way. */
function expected(query: string, devices: readonly ManagedDevice[] = DEVICES): string[] {
  const typed = query.trim().replace(/\s+/g, ' ').toLowerCase();
  if (typed.includes('@')) return devices.filter((d) => lower(d.userPrincipalName).includes(typed)).map((d) => String(d.id)).sort();
  const variants = [typed];
  const compact = typed.replace(/[\s:.-]+/g, '');
  if (compact !== typed && /^[\p{L}\p{N}]+$/u.test(compact)) variants.push(compact);
  return devices
    .filter((d) => {
      const fields = [lower(d.deviceName), local(d.userPrincipalName), lower(d.serialNumber), lower(d.imei), mac(d.wiFiMacAddress), mac(d.ethernetMacAddress), lower(d.model)];
      return variants.some((v) => fields.some((f) => f.includes(v)));
    })
    .map((d) => String(d.id))
    .sort();
}

function pick(predicate: (d: ManagedDevice) => boolean): ManagedDevice {
  const found = DEVICES.find(predicate);
  if (!found) throw new Error('no generated device fits this test');
  return found;
}

const withSerial = pick((d) => (d.serialNumber ?? '').length >= 10);
const withImei = pick((d) => (d.imei ?? '').length === 15);
const withMac = pick((d) => (d.wiFiMacAddress ?? '').length === 12);
const hexMac = String(withMac.wiFiMacAddress);
const colonMac = hexMac.match(/../g)?.join(':') ?? hexMac;
const unique = pick((d) => DEVICES.filter((o) => o.deviceName === d.deviceName).length === 1 && /^[A-Z]+-/.test(String(d.deviceName)));
const user = pick((d) => DEVICES.filter((o) => o.userPrincipalName === d.userPrincipalName).length > 1);

const KINDS: readonly (readonly [kind: string, query: string, atLeast: number])[] = [
  ['exact device name', String(unique.deviceName), 1],
  ['device name prefix', String(DEVICES[0]?.deviceName).slice(0, 6), 2],
  ['UPN fragment', local(user.userPrincipalName).slice(1, 7), 2],
  ['whole UPN with its domain', String(user.userPrincipalName).toUpperCase(), 2],
  ['domain only', `@${String(user.userPrincipalName).split('@')[1]}`, 100],
  ['serial number fragment', String(withSerial.serialNumber).slice(2, 8), 1],
  ['IMEI fragment', String(withImei.imei).slice(3, 11), 1],
  ['IMEI with spaces', `${String(withImei.imei).slice(0, 2)} ${String(withImei.imei).slice(2, 8)} ${String(withImei.imei).slice(8)}`, 1],
  ['MAC with colons', colonMac, 1],
  ['MAC with dashes, partial', colonMac.replaceAll(':', '-').slice(3, 14), 1],
  ['MAC without separators, lower case', hexMac.toLowerCase().slice(2), 1],
  ['model words', 'iPhone 15', 10],
  ['model words, other case', 'LATITUDE', 10],
  ['two letters', 'ab', 20],
  ['two letters ending a field', 'one', 1],
  ['two digits', '15', 20],
  ['one letter', 'q', 1],
  ['nothing matches', 'zzqqxx', 0],
  ['quotes and wildcards are text', `"%_'`, 0],
  ['an apostrophe', "n's", 5],
];

test('search finds exactly what contains the query, for every kind of query', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  for (const [kind, query, atLeast] of KINDS) {
    const want = expected(query);
    assert.ok(want.length >= atLeast, `${kind}: the test data has only ${want.length} matches for "${query}"`);
    const page = t.store.queryDevices({ search: query, limit: 5 });
    assert.equal(page.total, want.length, `${kind} ("${query}"): total`);
    assert.deepEqual(allIds(t.store, { search: query }).sort(), want, `${kind} ("${query}"): devices`);
  }
});

test('search with filters and a sort: the intersection, in order', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const query: DeviceQuery = { search: 'iphone', filter: { operatingSystem: ['iOS'], complianceState: ['compliant', 'inGracePeriod'] }, sort: { column: 'lastSyncDateTime', direction: 'desc' } };
  const matches = new Set(expected('iphone'));
  const want = DEVICES.filter((d) => matches.has(String(d.id)) && d.operatingSystem === 'iOS' && ['compliant', 'inGracePeriod'].includes(String(d.complianceState)))
    .sort((a, b) => Date.parse(String(b.lastSyncDateTime)) - Date.parse(String(a.lastSyncDateTime)) || (String(b.id) < String(a.id) ? -1 : 1))
    .map((d) => String(d.id));
  assert.ok(want.length > 50);
  assert.equal(t.store.queryDevices(query).total, want.length);
  assert.deepEqual(allIds(t.store, query), want);
});

test('the user filter finds exactly one user\'s devices', () => {
  using t = tempInventory();
  snapshot(t.store, DEVICES);
  const upn = String(user.userPrincipalName);
  const want = DEVICES.filter((d) => lower(d.userPrincipalName) === lower(upn)).map((d) => String(d.id)).sort();
  assert.deepEqual(allIds(t.store, { filter: { userPrincipalName: upn.toUpperCase() } }).sort(), want);
  assert.equal(t.store.queryDevices({ filter: { userPrincipalName: upn } }).total, want.length);
  const shortUser = pick((d) => local(d.userPrincipalName).length >= 3);
  const prefixOnly = `${local(shortUser.userPrincipalName).slice(1)}@${String(shortUser.userPrincipalName).split('@')[1]}`;
  assert.equal(t.store.queryDevices({ filter: { userPrincipalName: prefixOnly } }).total, DEVICES.filter((d) => lower(d.userPrincipalName) === prefixOnly).length);
});
