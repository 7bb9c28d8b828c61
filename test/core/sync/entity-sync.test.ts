// The inventory's other entities, refreshed by the core after a device sync, against the demo
// tenant over HTTPS with real tokens into a real inventory file: users taken from the devices,
// the lists and tenant settings read with the scopes the sign-in holds and never more, and
// failures that leave what the inventory had.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FEATURE_SCOPES } from '../../../src/core/auth/index.ts';
import type { InventoryStore, ServiceConfigurationItem } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { DeviceSync, syncEntities } from '../../../src/core/sync/index.ts';
import type { EntityOutcome } from '../../../src/core/sync/index.ts';
import { INTUNE_SCOPES } from '../../../src/emulator/directory/demo-directory.ts';
import { signIn } from '../../helpers/sign-in.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { ADELE, TENANT_DOMAIN, eventsOf, startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 400;

type Json = Readonly<Record<string, unknown>>;

describe('entity sync', () => {
  let t: SyncTenant;
  let store: InventoryStore;
  let engine: DeviceSync;

  /** Every item of a collection, read the way a Graph client reads it, following nextLink. */
  const graphList = async (path: string): Promise<Json[]> => {
    const items: Json[] = [];
    let next: string | undefined = `/beta${path}`;
    while (next !== undefined) {
      const reply = await t.graph('GET', next);
      assert.equal(reply.status, 200, reply.text);
      const body = reply.json as { value: Json[]; '@odata.nextLink'?: string };
      items.push(...body.value);
      next = body['@odata.nextLink'];
    }
    return items;
  };
  const byKind = (outcomes: readonly EntityOutcome[]): Map<string, EntityOutcome> => new Map(outcomes.map((o) => [o.kind, o]));
  const everything = (): Promise<readonly EntityOutcome[]> => syncEntities({ graph: t.client().client, store, grantedScopes: INTUNE_SCOPES, now: Date.now });

  before(async () => {
    t = await startSyncTenant({ devices: DEVICES });
    engine = new DeviceSync({ client: t.client().client, openStore: t.opener(t.dataDir()) });
    await engine.fullSync();
    store = engine.store;
  });
  after(async () => {
    engine?.close();
    await t?.stop();
  });

  it('keeps the users the devices name, each once with their device count, as of the device snapshot', async () => {
    const outcomes = byKind(await everything());
    const devices = await graphList('/deviceManagement/managedDevices?$select=id,userId,userPrincipalName,userDisplayName,emailAddress');
    assert.equal(devices.length, DEVICES);
    const owned = devices.filter((d) => typeof d['userId'] === 'string' && d['userId'] !== '');
    const expected = new Map<string, Json[]>();
    for (const d of owned) expected.set(d['userId'] as string, [...(expected.get(d['userId'] as string) ?? []), d]);
    assert.ok(expected.size > 50 && owned.length < DEVICES, `most devices have a user, some none: ${expected.size} users, ${DEVICES - owned.length} userless`);

    assert.deepEqual(outcomes.get('users'), { kind: 'users', label: 'users', status: 'synced', count: expected.size, unread: [] });
    const page = store.listEntities('users', { limit: 1000 });
    assert.equal(page.total, expected.size);
    assert.equal(page.asOf, store.status().asOf, 'users are as of the devices they come from');
    for (const [id, theirs] of expected) {
      const user = store.getEntity('users', id) as Json | undefined;
      const device = theirs[0] as Json;
      assert.deepEqual(user, {
        id,
        displayName: device['userDisplayName'],
        userPrincipalName: device['userPrincipalName'],
        mail: device['emailAddress'],
        'managedDevices@odata.count': theirs.length,
      });
    }
  });

  it('with every Intune scope, stores each list and every tenant setting the tenant serves', async () => {
    const outcomes = byKind(await everything());
    for (const [kind, path] of [['mobileApps', '/deviceAppManagement/mobileApps'], ['deviceConfigurations', '/deviceManagement/deviceConfigurations'], ['compliancePolicies', '/deviceManagement/deviceCompliancePolicies'], ['roleDefinitions', '/deviceManagement/roleDefinitions'], ['roleAssignments', '/deviceManagement/roleAssignments']] as const) {
      const count = (await graphList(path)).length;
      assert.ok(count > 0, `the demo tenant has ${kind}`);
      assert.equal(outcomes.get(kind)?.status, 'synced', kind);
      assert.equal(store.listEntities(kind).total, count, kind);
    }

    const expectedKeys = ['applePushNotificationCertificate', 'deviceManagement'];
    for (const [collection, path] of [
      ['depOnboardingSettings', '/deviceManagement/depOnboardingSettings'], ['vppTokens', '/deviceAppManagement/vppTokens'],
      ['deviceEnrollmentConfigurations', '/deviceManagement/deviceEnrollmentConfigurations'], ['exchangeConnectors', '/deviceManagement/exchangeConnectors'],
      ['termsAndConditions', '/deviceManagement/termsAndConditions'], ['mobileThreatDefenseConnectors', '/deviceManagement/mobileThreatDefenseConnectors'],
      ['deviceManagementPartners', '/deviceManagement/deviceManagementPartners'], ['intuneBrandingProfiles', '/deviceManagement/intuneBrandingProfiles'],
    ] as const) {
      const items = await graphList(path);
      assert.ok(items.length > 0, `the demo tenant has ${collection}`);
      expectedKeys.push(...items.map((i) => `${collection}/${String(i['id'])}`));
    }
    const settings = outcomes.get('serviceConfiguration');
    assert.deepEqual(settings, { kind: 'serviceConfiguration', label: 'tenant settings', status: 'synced', count: expectedKeys.length, unread: [] });
    const stored = store.listEntities('serviceConfiguration', { limit: 1000 }).rows.map((r) => r.id);
    assert.deepEqual(stored.toSorted(), expectedKeys.toSorted());

    const apns = store.getEntity('serviceConfiguration', 'applePushNotificationCertificate') as ServiceConfigurationItem;
    const live = (await t.graph('GET', '/beta/deviceManagement/applePushNotificationCertificate')).json as Json;
    assert.equal(apns.type, 'applePushNotificationCertificate');
    assert.equal((apns.value as Json)['expirationDateTime'], live['expirationDateTime']);
    const [vpp] = await graphList('/deviceAppManagement/vppTokens');
    const token = store.getEntity('serviceConfiguration', `vppTokens/${String(vpp?.['id'])}`) as ServiceConfigurationItem;
    assert.equal(token.type, 'vppToken');
    assert.equal((token.value as Json)['appleId'], vpp?.['appleId']);
    const derived = store.listEntities('serviceConfiguration', { search: 'windows10EnrollmentCompletionPageConfiguration' });
    assert.ok(derived.total > 0, 'an enrollment configuration is stored under its derived type');
  });

  it('asks for nothing the sign-in does not hold: notGranted names the feature, and unread parts say which one adds them', async () => {
    // A technician who allowed devices and tenant settings only, with a token that holds just those.
    const scopes = [...FEATURE_SCOPES.browseDevices, ...FEATURE_SCOPES.tenantSettings];
    const token = (await signIn({ baseUrl: t.baseUrl, ca: t.ca, tenant: TENANT_DOMAIN, upn: ADELE, scopes })).accessToken;
    const { client, events } = t.client({ tokenProvider: async () => token });
    const outcomes = await syncEntities({ graph: client, store, grantedScopes: scopes, now: Date.now });

    assert.deepEqual(outcomes.map((o) => [o.kind, o.status, o.status === 'notGranted' ? o.feature : undefined]), [
      ['users', 'synced', undefined],
      ['mobileApps', 'notGranted', 'apps'],
      ['deviceConfigurations', 'notGranted', 'policies'],
      ['compliancePolicies', 'notGranted', 'policies'],
      ['roleDefinitions', 'notGranted', 'roles'],
      ['roleAssignments', 'notGranted', 'roles'],
      ['serviceConfiguration', 'synced', undefined],
    ]);
    const settings = outcomes.at(-1);
    assert.ok(settings?.status === 'synced');
    assert.deepEqual(settings.unread, [
      { label: 'Intune tenant settings', reason: 'notGranted', feature: 'apps' },
      { label: 'Apple push certificate', reason: 'notGranted', feature: 'editTenantSettings' },
      { label: 'branding profiles', reason: 'notGranted', feature: 'apps' },
    ]);
    assert.equal(store.getEntity('serviceConfiguration', 'applePushNotificationCertificate'), undefined, 'a setting not read is not kept as if current');
    assert.ok(store.listEntities('serviceConfiguration', { search: 'vppToken' }).total > 0);

    const sent = eventsOf(events, 'send').map((e) => decodeURIComponent(e.path));
    assert.ok(sent.length > 0);
    for (const path of sent) assert.doesNotMatch(path, /mobileApps|deviceConfigurations|deviceCompliancePolicies|role(Definitions|Assignments)|applePushNotificationCertificate|intuneBrandingProfiles|\/deviceManagement(\?|$)/, `${path} needs a scope the sign-in does not hold`);
  });

  it('a malformed answer fails only that entity, and the inventory keeps what it had', async () => {
    await everything();
    const appRuns = store.syncRuns(100, 'mobileApps').length;
    const before = {
      apps: store.listEntities('mobileApps', { limit: 1000 }),
      settings: store.listEntities('serviceConfiguration', { limit: 1000 }),
      users: store.listEntities('users', { limit: 1000 }),
    };
    await t.admin('PATCH', '/faults', { malformedPageRate: 1 });
    let outcomes: readonly EntityOutcome[];
    try {
      outcomes = await everything();
    } finally {
      await t.calm();
    }
    const kinds = byKind(outcomes);
    for (const kind of ['mobileApps', 'deviceConfigurations', 'compliancePolicies', 'roleDefinitions', 'roleAssignments', 'serviceConfiguration'] as const) {
      const outcome = kinds.get(kind);
      assert.equal(outcome?.status, 'failed', kind);
      if (outcome?.status === 'failed') assert.equal(outcome.problem.code, 'malformedResponse', kind);
    }
    assert.equal(kinds.get('users')?.status, 'synced', 'users need no request');
    assert.deepEqual(store.listEntities('mobileApps', { limit: 1000 }), before.apps, 'apps as they were, as of when they were read');
    assert.deepEqual(store.listEntities('serviceConfiguration', { limit: 1000 }), before.settings);
    assert.equal(store.listEntities('users', { limit: 1000 }).total, before.users.total);
    assert.equal(store.syncRuns(100, 'mobileApps').length, appRuns, 'the refused refresh recorded no run');
  });

  it('cancellation is thrown, not an outcome', async () => {
    await assert.rejects(
      syncEntities({ graph: t.client().client, store, grantedScopes: INTUNE_SCOPES, now: Date.now, signal: AbortSignal.abort() }),
      (error: unknown) => error instanceof ProblemError && error.problem.code === 'cancelled',
    );
  });
});
