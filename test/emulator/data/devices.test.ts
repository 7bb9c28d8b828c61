// The fleet looks like a real one: platform and compliance mix, stale tail, names that
// repeat, unique hardware ids, dates in order, grace periods that match the state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HARDWARE } from '../../../src/emulator/data/hardware-catalog.ts';
import { isValidLuhn } from '../../../src/emulator/data/identifiers.ts';
import { ANCHOR, collectionOf, contoso, devicesOf, share, text } from './fixtures.ts';

const data = contoso();
const devices = devicesOf(data);
const DAY = 86_400_000;
const os = (name: string) => (d: (typeof devices)[number]): boolean => d.props['operatingSystem'] === name;
const state = (name: string) => (d: (typeof devices)[number]): boolean => d.props['complianceState'] === name;

test('platform mix: Windows ~55%, Android ~20%, then iOS, macOS, iPadOS', () => {
  assert.equal(devices.length, 2000);
  const within = (v: number, lo: number, hi: number, what: string): void => assert.ok(v >= lo && v <= hi, `${what}: ${v.toFixed(3)}`);
  within(share(devices, os('Windows')), 0.5, 0.6, 'Windows');
  within(share(devices, os('Android')), 0.16, 0.24, 'Android');
  within(share(devices, os('iOS')), 0.1, 0.18, 'iOS');
  within(share(devices, os('iPadOS')), 0.03, 0.08, 'iPadOS');
  within(share(devices, os('macOS')), 0.03, 0.09, 'macOS');
});

test('compliance mix: mostly compliant, some noncompliant, a few in grace or unknown, rare error and conflict', () => {
  const c = share(devices, state('compliant'));
  assert.ok(c >= 0.68 && c <= 0.82, `compliant ${c}`);
  const n = share(devices, state('noncompliant'));
  assert.ok(n >= 0.08 && n <= 0.22, `noncompliant ${n}`);
  assert.ok(share(devices, state('inGracePeriod')) > 0.01);
  assert.ok(share(devices, state('unknown')) > 0.01);
  assert.ok(devices.some(state('configManager')));
  assert.ok(share(devices, (d) => d.props['complianceState'] === 'error' || d.props['complianceState'] === 'conflict') < 0.03);
});

test('grace-period expiry agrees with the compliance state', () => {
  for (const d of devices) {
    const grace = text(d, 'complianceGracePeriodExpirationDateTime');
    const s = d.props['complianceState'];
    if (s === 'compliant') assert.equal(grace, '9999-12-31T23:59:59Z');
    if (s === 'inGracePeriod') assert.ok(Date.parse(grace) > ANCHOR && grace < '9999', `${grace} for a device in grace`);
    if (s === 'noncompliant') assert.ok(Date.parse(grace) <= ANCHOR, `${grace} for a noncompliant device`);
  }
});

test('check-ins spread with a stale tail; enrolled before last sync, nothing after the anchor', () => {
  const age = (d: (typeof devices)[number]): number => ANCHOR - Date.parse(text(d, 'lastSyncDateTime'));
  const stale = share(devices, (d) => age(d) > 30 * DAY);
  assert.ok(stale >= 0.05 && stale <= 0.11, `stale ${stale}`);
  assert.ok(devices.some((d) => age(d) > 90 * DAY));
  for (const d of devices) {
    const enrolled = Date.parse(text(d, 'enrolledDateTime'));
    const synced = Date.parse(text(d, 'lastSyncDateTime'));
    assert.ok(enrolled < synced && synced <= ANCHOR, `${text(d, 'id')}: enrolled ${text(d, 'enrolledDateTime')}, synced ${text(d, 'lastSyncDateTime')}`);
    assert.ok(enrolled >= ANCHOR - 3 * 365 * DAY);
  }
  // Nothing enrolled before its model went on sale.
  const released = new Map(Object.values(HARDWARE).flat().map((m) => [m.model, m.releasedMs]));
  for (const d of devices) assert.ok(Date.parse(text(d, 'enrolledDateTime')) >= (released.get(text(d, 'model')) ?? 0), `${text(d, 'model')} enrolled ${text(d, 'enrolledDateTime')}`);
  // Enrollments cover the whole three years (the sync engine partitions on them).
  const years = new Set(devices.map((d) => text(d, 'enrolledDateTime').slice(0, 4)));
  assert.ok(years.size >= 3, [...years].join());
});

test('display names repeat: many "iPhone" and "iPad", some reused asset tags', () => {
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(text(d, 'deviceName'), (counts.get(text(d, 'deviceName')) ?? 0) + 1);
  assert.ok((counts.get('iPhone') ?? 0) > 10 && (counts.get('iPad') ?? 0) > 10);
  assert.ok([...counts].some(([name, n]) => /^CONTOSO-(LT|DT)-\d{4,5}$/.test(name) && n > 1), 'a duplicated asset tag');
  assert.ok([...counts.keys()].some((n) => /^DESKTOP-[A-Z0-9]{7}$/.test(n)));
  assert.ok([...counts.keys()].some((n) => /^[A-Z][a-z]+'s iPhone$/.test(n)));
  assert.ok([...counts.keys()].some((n) => n === 'Galaxy S23'));
});

test('serial numbers, IMEIs and Entra device ids are unique; IMEIs pass the Luhn check', () => {
  const serials = devices.map((d) => text(d, 'serialNumber')).filter((s) => s !== '');
  assert.equal(new Set(serials).size, serials.length);
  // Personal Android work profiles and Apple User Enrollment do not report hardware ids.
  assert.ok(serials.length > devices.length * 0.85);
  const imeis = devices.map((d) => text(d, 'imei')).filter((s) => s !== '');
  assert.ok(imeis.length > 300);
  assert.equal(new Set(imeis).size, imeis.length);
  for (const imei of imeis) assert.ok(/^\d{15}$/.test(imei) && isValidLuhn(imei), imei);
  const phones = devices.filter((d) => d.props['operatingSystem'] === 'iOS' && d.props['deviceEnrollmentType'] !== 'appleUserEnrollment');
  assert.ok(phones.every((d) => text(d, 'imei') !== '' && text(d, 'meid') === text(d, 'imei').slice(0, 14)));
  const aad = devices.map((d) => text(d, 'azureADDeviceId')).filter((s) => !s.startsWith('00000000'));
  assert.equal(new Set(aad).size, aad.length);
  const macs = devices.map((d) => text(d, 'wiFiMacAddress')).filter((s) => s !== '');
  assert.ok(macs.every((m) => /^[0-9A-F]{12}$/.test(m)));
  assert.equal(new Set(macs).size, macs.length);
});

test('OS versions and models match the platform', () => {
  const pattern: Readonly<Record<string, RegExp>> = {
    Windows: /^10\.0\.(19044|19045|22000|22621|22631|26100)\.\d+$/,
    iOS: /^1[5-8]\.\d+(\.\d+)?$/,
    iPadOS: /^1[5-8]\.\d+(\.\d+)?$/,
    macOS: /^1[2-5]\.\d+(\.\d+)?$/,
    Android: /^1[0-5]\.0$/,
  };
  for (const d of devices) {
    const name = text(d, 'operatingSystem');
    assert.ok(pattern[name]?.test(text(d, 'osVersion')), `${name} ${text(d, 'osVersion')}`);
    if (name === 'iOS') assert.match(text(d, 'model'), /^iPhone/);
    if (name === 'iPadOS') assert.match(text(d, 'model'), /^iPad/);
    if (name === 'macOS') assert.match(text(d, 'model'), /^(MacBook|Mac mini|iMac)/);
    if (name === 'Android') assert.notEqual(text(d, 'androidSecurityPatchLevel'), '');
  }
  assert.ok(devices.some((d) => d.props['model'] === 'Latitude 5440'));
  assert.ok(devices.some((d) => d.props['model'] === 'iPhone 15'));
});

test('enrollment paths hang together: ownership, supervision, Android Enterprise, primary users', () => {
  for (const d of devices) {
    const type = text(d, 'deviceEnrollmentType');
    if (type.startsWith('appleBulk')) assert.equal(d.props['isSupervised'], true);
    if (type.startsWith('androidEnterprise')) {
      assert.equal(d.props['managementAgent'], 'googleCloudDevicePolicyController');
      assert.equal(d.props['managedDeviceOwnerType'], 'company');
    }
    assert.equal(d.props['ownerType'], d.props['managedDeviceOwnerType']);
    const user = text(d, 'userId');
    if (user === '') assert.equal(d.links.get('users'), undefined);
    else assert.deepEqual(d.links.get('users'), [user]);
  }
  const android = devices.filter(os('Android'));
  for (const kind of ['androidEnterpriseFullyManaged', 'androidEnterpriseDedicatedDevice', 'androidEnterpriseCorporateWorkProfile', 'userEnrollment']) {
    assert.ok(android.some((d) => d.props['deviceEnrollmentType'] === kind), kind);
  }
  assert.ok(android.some((d) => d.props['deviceType'] === 'android' && d.props['managementAgent'] === 'mdm'), 'device administrator');
  const shared = share(devices, (d) => text(d, 'userId') === '');
  assert.ok(shared > 0.03 && shared < 0.2, `userless ${shared}`);
  assert.ok(share(devices, (d) => d.props['managementState'] === 'managed') > 0.99);
  assert.ok(share(devices, (d) => Array.isArray(d.props['deviceActionResults']) && d.props['deviceActionResults'].length > 0) > 0.01);
});

test('categories and detected apps are linked, with deviceCount matching the links', () => {
  const categories = collectionOf(data, 'deviceManagement', 'deviceCategories');
  for (const d of devices) {
    const link = d.links.get('deviceCategory');
    if (!link) assert.equal(d.props['deviceCategoryDisplayName'], 'Unknown');
    else assert.equal(categories.get(link[0] ?? '')?.props['displayName'], d.props['deviceCategoryDisplayName']);
  }
  const apps = collectionOf(data, 'deviceManagement', 'detectedApps');
  assert.ok(apps.size >= 150 && apps.size <= 260, `${apps.size} detected apps`);
  const counted = new Map<string, number>();
  for (const d of devices) for (const id of d.links.get('detectedApps') ?? []) counted.set(id, (counted.get(id) ?? 0) + 1);
  for (const app of apps.values()) assert.equal(app.props['deviceCount'], counted.get(text(app, 'id')) ?? 0);
  assert.ok([...counted.keys()].every((id) => apps.get(id)));
});

test('malware counters on devices match windowsMalwareInformation', () => {
  const states = collectionOf(data, 'deviceManagement', 'windowsMalwareInformation').values().flatMap((m) => [...(m.nav.get('deviceMalwareStates') as { values(): readonly { props: { [k: string]: unknown } }[] }).values()]);
  const fromDevices = devices.reduce((n, d) => n + (d.props['windowsActiveMalwareCount'] as number) + (d.props['windowsRemediatedMalwareCount'] as number), 0);
  assert.ok(states.length > 0);
  assert.equal(fromDevices, states.length);
});

test('the personas own a few devices each', () => {
  for (const upn of ['adele.vance', 'lee.gu', 'megan.bowen', 'pradeep.gupta']) {
    const mine = devices.filter((d) => text(d, 'userPrincipalName') === `${upn}@contoso.onmicrosoft.com`);
    assert.ok(mine.length >= 2, `${upn} has ${mine.length}`);
  }
});
