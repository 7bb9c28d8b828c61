// The bridge's argument schemas: every channel takes what the API declares and refuses the rest
// with a sentence naming the channel and the field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANNELS } from '../../src/shared/bridge/channels.ts';
import type { Channel } from '../../src/shared/bridge/channels.ts';
import { CHANNEL_SCHEMAS, validateArgs } from '../../src/shared/bridge/schemas.ts';

const GUID = '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60';
const DEVICE = '0828df8d-7e48-484e-ab90-69589852912a';

/** For each channel: arguments it takes, and arguments it refuses with the message expected. */
const CASES: { readonly [C in Channel]: { readonly good: readonly unknown[]; readonly bad: readonly (readonly [unknown, RegExp])[] } } = {
  'app.info': { good: [{}], bad: [[{ verbose: true }, /^app\.info: unknown field "verbose"\.$/], [null, /^app\.info: the arguments must be an object\.$/]] },
  'tenants.setup': { good: [{}], bad: [[[], /^tenants\.setup: the arguments must be an object\.$/]] },
  'tenants.useDemo': { good: [{}], bad: [[{ tenant: 'x' }, /unknown field "tenant"/]] },
  'tenants.connect': {
    good: [{ clientId: GUID, tenant: 'contoso.onmicrosoft.com' }, { clientId: GUID.toUpperCase(), tenant: '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11', label: 'Contoso' }, { clientId: GUID, tenant: 'organizations' }, { clientId: GUID, tenant: 'common' }],
    bad: [
      [{ clientId: 'intune desk', tenant: 'contoso.com' }, /^tenants\.connect: clientId must be the app registration's Application \(client\) ID, a GUID/],
      [{ clientId: GUID, tenant: 'https://login.microsoftonline.com/contoso.com' }, /^tenants\.connect: tenant must be a tenant GUID, a domain such as contoso\.onmicrosoft\.com, "organizations" or "common"\.$/],
      [{ clientId: GUID, tenant: 'consumers' }, /tenant must be a tenant GUID/],
      [{ clientId: GUID }, /^tenants\.connect: tenant is required\.$/],
      [{ clientId: GUID, tenant: 'contoso.com', label: 'x'.repeat(101) }, /label must be at most 100 characters/],
      [{ clientId: GUID, tenant: 'contoso.com', label: 'a\u0007b' }, /label must not contain control characters/],
    ],
  },
  'tenants.switchTo': { good: [{ profileId: 'demo-contoso' }, { profileId: 'contoso.onmicrosoft.com' }], bad: [[{ profileId: '../../etc' }, /^tenants\.switchTo: profileId must be a tenant profile id/], [{}, /profileId is required/]] },
  'tenants.remove': { good: [{ profileId: 'demo-northwind' }], bad: [[{ profileId: 'x'.repeat(65) }, /profileId must be a tenant profile id/]] },
  'session.state': { good: [{}], bad: [[{ profileId: 'x' }, /unknown field "profileId"/]] },
  'session.signIn': { good: [{}, { feature: 'apps' }], bad: [[{ feature: 'everything' }, /^session\.signIn: feature must be one of "browseDevices", "remoteActions"/]] },
  'session.ensureFeature': { good: [{ feature: 'remoteActions' }], bad: [[{}, /^session\.ensureFeature: feature is required\.$/]] },
  'session.signOut': { good: [{}], bad: [['now', /the arguments must be an object/]] },
  'devices.window': {
    good: [
      { offset: 0, limit: 1 },
      { offset: 10_000_000, limit: 500, search: 'surface', sort: { column: 'lastSyncDateTime', direction: 'desc' } },
      { offset: 0, limit: 50, filter: { operatingSystem: ['Windows', 'macOS'], complianceState: ['noncompliant'], ownership: ['company'], category: ['Sales'], staleForMoreThanDays: 30, userPrincipalName: 'adele.vance@contoso.onmicrosoft.com' } },
      { offset: 0, limit: 50, filter: { conditions: [{ column: 'isEncrypted', op: 'eq', value: false }, { column: 'model', op: 'in', value: ['A', 'B'] }, { column: 'imei', op: 'isNull' }] } },
    ],
    bad: [
      [{ offset: 0, limit: 501 }, /^devices\.window: limit must be between 1 and 500\.$/],
      [{ offset: 0, limit: 0 }, /^devices\.window: limit must be between 1 and 500\.$/],
      [{ offset: -1, limit: 10 }, /^devices\.window: offset must be between 0 and 10,000,000\.$/],
      [{ offset: 10_000_001, limit: 10 }, /offset must be between 0 and 10,000,000/],
      [{ offset: 0.5, limit: 10 }, /^devices\.window: offset must be a whole number\.$/],
      [{ offset: Number.NaN, limit: 10 }, /^devices\.window: offset must be a number\.$/],
      [{ offset: 0, limit: Number.POSITIVE_INFINITY }, /^devices\.window: limit must be a number\.$/],
      [{ offset: '0', limit: 10 }, /offset must be a number/],
      [{ limit: 10 }, /^devices\.window: offset is required\.$/],
      [{ offset: 0, limit: 10, search: 'x'.repeat(201) }, /search must be at most 200 characters/],
      [{ offset: 0, limit: 10, sort: { column: 'password' } }, /^devices\.window: sort\.column must be a device column \(one of id, deviceName,.*\), not "password"\.$/],
      [{ offset: 0, limit: 10, sort: { column: 'deviceName', direction: 'up' } }, /sort\.direction must be one of "asc", "desc"/],
      [{ offset: 0, limit: 10, filter: { os: ['Windows'] } }, /^devices\.window: unknown field "filter\.os"\.$/],
      [{ offset: 0, limit: 10, filter: { operatingSystem: [] } }, /filter\.operatingSystem must name at least one value/],
      [{ offset: 0, limit: 10, filter: { operatingSystem: Array.from({ length: 51 }, (_, i) => `os${i}`) } }, /filter\.operatingSystem must hold at most 50 values/],
      [{ offset: 0, limit: 10, filter: { staleForMoreThanDays: 5000 } }, /filter\.staleForMoreThanDays must be between 0 and 3,650/],
      [{ offset: 0, limit: 10, filter: { conditions: [{ column: 'deviceName', op: 'like', value: 'x' }] } }, /filter\.conditions\[0\]\.op must be one of "eq"/],
      [{ offset: 0, limit: 10, filter: { conditions: [{ column: 'x; DROP TABLE', op: 'eq', value: 'x' }] } }, /filter\.conditions\[0\]\.column must be a device column/],
      [{ offset: 0, limit: 10, filter: { conditions: [{ column: 'deviceName', op: 'eq', value: { $gt: 1 } }] } }, /filter\.conditions\[0\]\.value must be text, a number, true\/false, null or a list of those/],
    ],
  },
  'devices.facets': { good: [{}, { staleDays: 30 }], bad: [[{ staleDays: 0 }, /^devices\.facets: staleDays must be between 1 and 365\.$/]] },
  'devices.categories': { good: [{}], bad: [[{ all: true }, /unknown field "all"/]] },
  'devices.detail': {
    good: [{ id: DEVICE, live: true }, { id: DEVICE, live: false }],
    bad: [[{ id: `${DEVICE}/retire`, live: true }, /^devices\.detail: id must be a device id/], [{ id: DEVICE, live: 'yes' }, /^devices\.detail: live must be true or false\.$/]],
  },
  'devices.mine': { good: [{}], bad: [[{ upn: 'x' }, /unknown field "upn"/]] },
  'devices.exportCsv': {
    good: [{ columns: ['deviceName'] }, { search: 'lab', filter: { complianceState: ['noncompliant'] }, sort: { column: 'deviceName' }, columns: ['deviceName', 'userPrincipalName', 'lastSyncDateTime'] }],
    bad: [
      [{ columns: [] }, /^devices\.exportCsv: columns must name at least one column\.$/],
      [{ columns: ['deviceName', 'deviceName'] }, /columns must not name a column twice/],
      [{ columns: ['deviceName', 'secret'] }, /columns\[1\] must be a device column/],
      [{}, /columns is required/],
    ],
  },
  'devices.runAction': {
    good: [{ id: DEVICE, action: 'syncDevice' }, { id: DEVICE, action: 'rebootNow' }, { id: DEVICE, action: 'remoteLock' }],
    bad: [[{ id: DEVICE, action: 'wipe' }, /^devices\.runAction: action must be one of "syncDevice", "rebootNow", "remoteLock"\.$/]],
  },
  'sync.state': { good: [{}], bad: [[{ x: 1 }, /unknown field "x"/]] },
  'sync.start': { good: [{}, { kind: 'full' }, { kind: 'incremental' }], bad: [[{ kind: 'delta' }, /^sync\.start: kind must be one of "full", "incremental"\.$/]] },
  'sync.cancel': { good: [{}], bad: [[42, /the arguments must be an object/]] },
  'activity.list': { good: [{}, { limit: 1000 }], bad: [[{ limit: 1001 }, /^activity\.list: limit must be between 1 and 1,000\.$/]] },
  'settings.get': { good: [{}], bad: [[{ key: 'theme' }, /unknown field "key"/]] },
  'settings.update': {
    good: [{}, { theme: 'dark' }, { deviceColumns: ['deviceName', 'model'], staleDays: 14, autoRefreshMinutes: 0 }],
    bad: [
      [{ theme: 'purple' }, /^settings\.update: theme must be one of "system", "light", "dark", "highContrast"\.$/],
      [{ autoRefreshMinutes: 1441 }, /autoRefreshMinutes must be between 0 and 1,440/],
      [{ staleDays: 7, fontSize: 12 }, /unknown field "fontSize"/],
    ],
  },
};

describe('bridge argument schemas', () => {
  test('there is a schema for exactly the contract\'s channels', () => {
    assert.deepEqual(Object.keys(CHANNEL_SCHEMAS).sort(), [...CHANNELS].sort());
    assert.deepEqual(Object.keys(CASES).sort(), [...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    test(`${channel}: takes what the API declares, refuses the rest naming the field`, () => {
      for (const good of CASES[channel].good) {
        const result = validateArgs(channel, good);
        assert.ok(result.ok, `${channel} refused ${JSON.stringify(good)}: ${result.ok ? '' : result.problem.message}`);
        assert.deepEqual(result.value, good, 'valid arguments come through unchanged');
      }
      for (const [bad, message] of CASES[channel].bad) {
        const result = validateArgs(channel, bad);
        assert.equal(result.ok, false, `${channel} took ${JSON.stringify(bad)}`);
        if (!result.ok) {
          assert.equal(result.problem.code, 'badRequest');
          assert.match(result.problem.message, message);
        }
      }
    });
  }

  test('several mistakes are named together, the first three in full', () => {
    const result = validateArgs('devices.window', { offset: -1, limit: 0, search: 7, sort: { column: 'nope' }, extra: 1 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.problem.message, /^devices\.window: [^;]+; [^;]+; [^;]+ \(and 2 more\)\.$/);
      const named = ['offset must be between', 'limit must be between', 'search must be text', 'sort.column must be a device column', 'unknown field "extra"'].filter((m) => result.problem.message.includes(m));
      assert.equal(named.length, 3, result.problem.message);
    }
  });

  test('the argument object is not trusted for its prototype', () => {
    const hostile = JSON.parse('{"offset":0,"limit":5,"__proto__":{"admin":true}}') as unknown;
    const result = validateArgs('devices.window', hostile);
    assert.equal(result.ok, false, 'a "__proto__" key is an unknown field like any other');
  });
});
