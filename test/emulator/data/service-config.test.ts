// Expiry dates a technician watches, enrollment settings and terms acceptance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { singleton } from '../../../src/emulator/graph/model/tenant-graph.ts';
import { ANCHOR, collectionOf, contoso, northwind, text } from './fixtures.ts';

const DAY = 86_400_000;
const c = contoso({ devices: 300 });
const n = northwind({ devices: 60 });
const daysLeft = (iso: string): number => (Date.parse(iso) - ANCHOR) / DAY;

test('APNs certificate: Contoso\'s expires within 30 days, Northwind\'s later', () => {
  const apns = (data: typeof c): string => {
    const cert = singleton(data.graph, 'deviceManagement').nav.get('applePushNotificationCertificate');
    assert.ok(cert && !('elementType' in cert));
    return text(cert, 'expirationDateTime');
  };
  assert.ok(daysLeft(apns(c)) > 0 && daysLeft(apns(c)) < 30);
  assert.ok(daysLeft(apns(n)) > 30);
});

test('VPP and ADE tokens have expiries, one of each expiring soon somewhere', () => {
  const vpp = collectionOf(c, 'deviceAppManagement', 'vppTokens').values().map((t) => daysLeft(text(t, 'expirationDateTime')));
  assert.ok(vpp.length >= 2 && vpp.some((d) => d > 0 && d < 30) && vpp.some((d) => d > 30));
  const dep = collectionOf(n, 'deviceManagement', 'depOnboardingSettings').values().map((t) => daysLeft(text(t, 'tokenExpirationDateTime')));
  assert.ok(dep.some((d) => d > 0 && d < 30));
  const lob = collectionOf(c, 'deviceAppManagement', 'mobileApps').values().find((a) => a.type === 'iosLobApp');
  assert.ok(lob && daysLeft(text(lob, 'expirationDateTime')) < 30);
});

test('enrollment configurations: four defaults at priority 0, custom ones above, each assigned', () => {
  const configs = collectionOf(c, 'deviceManagement', 'deviceEnrollmentConfigurations').values();
  const defaults = configs.filter((x) => text(x, 'id').includes('_Default'));
  assert.deepEqual(defaults.map((x) => text(x, 'id').split('_')[1]).sort(), ['DefaultLimit', 'DefaultPlatformRestrictions', 'DefaultWindows10EnrollmentCompletionPageConfiguration', 'DefaultWindowsHelloForBusiness']);
  assert.ok(defaults.every((x) => x.props['priority'] === 0));
  const custom = configs.filter((x) => !defaults.includes(x));
  assert.ok(custom.length >= 4 && custom.every((x) => (x.props['priority'] as number) >= 1));
  for (const type of new Set(custom.map((x) => x.type))) {
    const priorities = custom.filter((x) => x.type === type).map((x) => x.props['priority']);
    assert.equal(new Set(priorities).size, priorities.length, `unique priorities for ${type}`);
  }
  assert.ok(configs.every((x) => (x.nav.get('assignments') as { size: number }).size > 0));
});

test('terms and conditions carry assignments and per-user acceptance', () => {
  const terms = collectionOf(c, 'deviceManagement', 'termsAndConditions').values();
  assert.ok(terms.length >= 1);
  const first = terms[0];
  assert.ok(first);
  const statuses = (first.nav.get('acceptanceStatuses') as { values(): readonly { props: { [k: string]: unknown } }[] }).values();
  assert.ok(statuses.length > 50);
  for (const s of statuses) assert.ok(String(s.props['id']).startsWith(`${text(first, 'id')}_`));
});

test('connectors and partners report state and heartbeat', () => {
  const mtd = collectionOf(c, 'deviceManagement', 'mobileThreatDefenseConnectors').values();
  assert.ok(mtd.some((m) => m.props['partnerState'] === 'enabled'));
  assert.ok(mtd.some((m) => m.props['partnerState'] === 'unresponsive'));
  const exchange = collectionOf(n, 'deviceManagement', 'exchangeConnectors').values();
  assert.ok(exchange.length === 1 && exchange[0]?.props['status'] === 'disconnected');
  assert.ok(collectionOf(c, 'deviceManagement', 'deviceManagementPartners').size >= 1);
});

test('the brand and subscription are set on deviceManagement', () => {
  const dm = singleton(c.graph, 'deviceManagement');
  const brand = dm.props['intuneBrand'] as { [k: string]: unknown };
  assert.equal(brand['displayName'], 'Contoso IT');
  assert.match(String(brand['contactITEmailAddress']), /@contoso\.com$/);
  assert.equal(dm.props['subscriptionState'], 'active');
  assert.equal(collectionOf(c, 'deviceManagement', 'deviceCategories').values().map((x) => x.props['displayName']).includes('Kiosk'), true);
});
