// Who may do what, over real HTTPS with tokens from the real sign-in: delegated scopes first,
// then Intune roles. Each demo user signs in with every Intune scope, so only the role decides,
// except where a test narrows the scopes on purpose.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_ACTIONS } from '../../src/emulator/graph/actions/index.ts';
import { resourceActionFor } from '../../src/emulator/graph/authorization/intune-rbac.ts';
import { allPermissionRows, scopeRequirement } from '../../src/emulator/graph/authorization/scopes.ts';
import { intuneSchema } from '../../src/emulator/graph/model/schema.ts';
import { DevicePicker, listedDevices } from '../helpers/device-picking.ts';
import type { ListedDevice } from '../helpers/device-picking.ts';
import type { GraphReply } from '../helpers/graph-call.ts';
import { intuneMessage } from '../helpers/graph-call.ts';
import { startTestTenant } from '../helpers/running-tenant.ts';
import type { TestTenant } from '../helpers/running-tenant.ts';

const V1 = '/v1.0/deviceManagement';
const BETA = '/beta/deviceManagement';
const UPN = {
  adele: 'adele.vance@contoso.onmicrosoft.com',
  lee: 'lee.gu@contoso.onmicrosoft.com',
  megan: 'megan.bowen@contoso.onmicrosoft.com',
  pradeep: 'pradeep.gupta@contoso.onmicrosoft.com',
  nestor: 'nestor.wilke@northwind.onmicrosoft.com',
};

let t: TestTenant;
const token: Record<'adele' | 'lee' | 'megan' | 'pradeep', string> = { adele: '', lee: '', megan: '', pradeep: '' };
let picker: DevicePicker;
let configurationId = '';

before(async () => {
  // Long delays: nothing a test starts finishes, or removes a device, behind another test's back.
  t = await startTestTenant({ devices: 300 }, { actionDelays: { completeMs: 3_600_000, removeMs: 3_600_000 } });
  for (const who of ['adele', 'lee', 'megan', 'pradeep'] as const) token[who] = await t.token(UPN[who]);
  picker = new DevicePicker(listedDevices(await t.all(token.adele, `${BETA}/managedDevices`)));
  const configurations = await t.graph(token.adele, 'GET', `${V1}/deviceConfigurations?$top=1`);
  configurationId = String((configurations.json as { value: { id: string }[] }).value[0]?.id);
});
after(async () => {
  await t?.stop();
});

const syncable = (d: ListedDevice): boolean => ['windows', 'ios', 'macos', 'android'].includes(d.platform.family);
const wipeable = (d: ListedDevice): boolean => ['ios', 'macos'].includes(d.platform.family);

function configurationPatch(): unknown {
  return { '@odata.type': '#microsoft.graph.windows10GeneralConfiguration', description: 'Changed by a test' };
}

/** Intune's own 403: code Forbidden, the reason inside the JSON-in-a-string message. */
function assertIntuneForbidden(reply: GraphReply, mentions: string): void {
  assert.equal(reply.status, 403, reply.text);
  const error = (reply.json as { error: { code: string; message: string } }).error;
  assert.equal(error.code, 'Forbidden');
  const inner = JSON.parse(error.message) as { _version: number; Message: string };
  assert.equal(inner._version, 3);
  assert.ok(inner.Message.includes(mentions), inner.Message);
}

describe('Help Desk Operator (Lee)', () => {
  test('lists devices and runs remote actions: sync, wipe, and sync in bulk', async () => {
    assert.equal((await t.graph(token.lee, 'GET', `${V1}/managedDevices?$top=10`)).status, 200);
    const synced = picker.pick('syncable', syncable);
    assert.equal((await t.graph(token.lee, 'POST', `${V1}/managedDevices/${synced.id}/syncDevice`)).status, 204);
    const wiped = picker.pick('an Apple device', wipeable);
    assert.equal((await t.graph(token.lee, 'POST', `${V1}/managedDevices/${wiped.id}/wipe`, {})).status, 204);
    const bulk = picker.pick('syncable', syncable);
    const reply = await t.graph(token.lee, 'POST', `${BETA}/managedDevices/executeAction`, { actionName: 'syncDevice', deviceIds: [bulk.id] });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual((reply.json as { successfulDeviceIds: string[] }).successfulDeviceIds, [bulk.id]);
  });

  test('cannot delete a device, one by one or in bulk', async () => {
    const device = picker.pick('any', () => true);
    assertIntuneForbidden(await t.graph(token.lee, 'DELETE', `${V1}/managedDevices/${device.id}`), 'Microsoft.Intune_ManagedDevices_Delete');
    const bulk = await t.graph(token.lee, 'POST', `${BETA}/managedDevices/executeAction`, { actionName: 'delete', deviceIds: [device.id] });
    assertIntuneForbidden(bulk, 'Microsoft.Intune_ManagedDevices_Delete');
    assert.equal((await t.graph(token.adele, 'GET', `${V1}/managedDevices/${device.id}`)).status, 200, 'still there');
  });

  test('the same rules hold for each item of a $batch', async () => {
    const device = picker.pick('any', () => true);
    const reply = await t.graph(token.lee, 'POST', '/beta/$batch', {
      requests: [
        { id: 'read', method: 'GET', url: `/deviceManagement/managedDevices/${device.id}?$select=id` },
        { id: 'delete', method: 'DELETE', url: `/deviceManagement/managedDevices/${device.id}` },
        { id: 'bulk', method: 'POST', url: '/deviceManagement/managedDevices/executeAction', headers: { 'content-type': 'application/json' }, body: { actionName: 'delete', deviceIds: [device.id] } },
      ],
    });
    assert.equal(reply.status, 200, reply.text);
    const byId = new Map((reply.json as { responses: { id: string; status: number; body: unknown }[] }).responses.map((r) => [r.id, r]));
    assert.equal(byId.get('read')?.status, 200);
    assert.equal(byId.get('delete')?.status, 403);
    assert.match(intuneMessage(byId.get('delete')?.body), /Microsoft\.Intune_ManagedDevices_Delete/);
    assert.equal(byId.get('bulk')?.status, 403, 'a bulk delete inside a batch is no way around the role');
    assert.match(intuneMessage(byId.get('bulk')?.body), /Microsoft\.Intune_ManagedDevices_Delete/);
    assert.equal((await t.graph(token.adele, 'GET', `${V1}/managedDevices/${device.id}`)).status, 200, 'still there');
  });

  test('cannot change a device configuration profile', async () => {
    assertIntuneForbidden(await t.graph(token.lee, 'PATCH', `${V1}/deviceConfigurations/${configurationId}`, configurationPatch()), 'Microsoft.Intune_DeviceConfigurations_Update');
  });
});

describe('Read Only Operator (Megan)', () => {
  test('reads devices, apps, policies and roles', async () => {
    for (const path of [
      `${V1}/managedDevices?$top=5`,
      '/v1.0/deviceAppManagement/mobileApps?$top=5',
      `${V1}/deviceConfigurations`,
      `${V1}/deviceCompliancePolicies`,
      `${V1}/roleDefinitions`,
      `${V1}/roleAssignments`,
    ]) {
      const reply = await t.graph(token.megan, 'GET', path);
      assert.equal(reply.status, 200, `${path}: ${reply.text.slice(0, 300)}`);
    }
  });

  test('every remote action the tenant routes is refused with 403, naming the permission', async () => {
    const device = picker.pick('any', () => true);
    const resultsNow = async (): Promise<unknown> => ((await t.graph(token.adele, 'GET', `${BETA}/managedDevices/${device.id}?$select=deviceActionResults`)).json as { deviceActionResults: unknown[] }).deviceActionResults;
    const before = await resultsNow();
    let checked = 0;
    for (const action of DEVICE_ACTIONS) {
      // An action without a permission row is answered 405 before roles are looked at.
      const pattern = `/devicemanagement/manageddevices/{id}/${action.name.toLowerCase()}`;
      if (!scopeRequirement('POST', pattern)) continue;
      const path = `/${action.versions.includes('v1.0') ? 'v1.0' : 'beta'}/deviceManagement/managedDevices/${device.id}/${action.name}`;
      const reply = await t.graph(token.megan, 'POST', path, {});
      assertIntuneForbidden(reply, resourceActionFor('POST', pattern) ?? 'no permission');
      checked++;
    }
    assert.ok(checked >= 30, `${checked} actions checked`);
    const bulk = await t.graph(token.megan, 'POST', `${BETA}/managedDevices/executeAction`, { actionName: 'syncDevice', deviceIds: [device.id] });
    assertIntuneForbidden(bulk, 'Microsoft.Intune_RemoteTasks_SyncDevice');
    assert.deepEqual(await resultsNow(), before, 'nothing was started');
  });

  test('every write is refused', async () => {
    const device = picker.pick('any', () => true);
    assertIntuneForbidden(await t.graph(token.megan, 'PATCH', `${BETA}/managedDevices/${device.id}`, { notes: 'no' }), 'Microsoft.Intune_ManagedDevices_Update');
    assertIntuneForbidden(await t.graph(token.megan, 'DELETE', `${V1}/managedDevices/${device.id}`), 'Microsoft.Intune_ManagedDevices_Delete');
    assertIntuneForbidden(await t.graph(token.megan, 'POST', `${V1}/deviceCategories`, { displayName: 'Kiosks' }), 'Microsoft.Intune_DeviceConfigurations_Create');
    assertIntuneForbidden(await t.graph(token.megan, 'PATCH', `${V1}/deviceConfigurations/${configurationId}`, configurationPatch()), 'Microsoft.Intune_DeviceConfigurations_Update');
  });
});

describe('no Intune role (Pradeep)', () => {
  test('every Intune call is 403 UnknownError, with Intune\'s message nested inside', async () => {
    for (const [method, path] of [['GET', `${V1}/managedDevices`], ['GET', `${V1}/deviceConfigurations`], ['POST', `${BETA}/managedDevices/executeAction`]] as const) {
      const reply = await t.graph(token.pradeep, method, path, method === 'POST' ? { actionName: 'syncDevice', deviceIds: ['x'] } : undefined);
      assert.equal(reply.status, 403, reply.text);
      const error = (reply.json as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
      assert.equal(error.code, 'UnknownError');
      const wrapper = JSON.parse(error.message) as { ErrorCode: string; Message: string };
      assert.equal(wrapper.ErrorCode, 'Forbidden');
      const nested = JSON.parse(wrapper.Message) as { _version: number; Message: string };
      assert.equal(nested._version, 3);
      assert.match(nested.Message, /^User is not authorized to perform this operation\. The user must hold an Intune role/);
      assert.match(intuneMessage(reply.json), /must hold an Intune role/, 'the test helper a client would use reads it');
      assert.equal(error.innerError['request-id'], reply.headers['request-id']);
    }
  });
});

describe('Intune Administrator (Adele)', () => {
  test('reads, writes, acts and deletes', async () => {
    const device = picker.pick('syncable', syncable);
    assert.equal((await t.graph(token.adele, 'POST', `${V1}/managedDevices/${device.id}/syncDevice`)).status, 204);
    const patched = await t.graph(token.adele, 'PATCH', `${V1}/deviceConfigurations/${configurationId}`, configurationPatch());
    assert.ok([200, 204].includes(patched.status), patched.text);
    const category = await t.graph(token.adele, 'POST', `${V1}/deviceCategories`, { displayName: 'Kiosks', description: 'Shared kiosks' });
    assert.equal(category.status, 201, category.text);
    assert.equal((await t.graph(token.adele, 'DELETE', `${V1}/managedDevices/${device.id}`)).status, 204);
    assert.equal((await t.graph(token.adele, 'GET', `${V1}/managedDevices/${device.id}`)).status, 404);
  });
});

describe('Northwind', () => {
  test('the partner (Adele as a guest, through the Northwind authority) acts there as Intune Administrator', async () => {
    const guest = await t.token(UPN.adele, { tenant: 'northwind.onmicrosoft.com' });
    const devices = listedDevices(await t.all(guest, `${BETA}/managedDevices`));
    assert.equal(devices.length, t.tenant.ready.tenants[1]?.devices);
    const local = new DevicePicker(devices);
    const synced = local.pick('syncable', syncable);
    assert.equal((await t.graph(guest, 'POST', `${V1}/managedDevices/${synced.id}/syncDevice`)).status, 204);
    const deleted = local.pick('any', () => true);
    assert.equal((await t.graph(guest, 'DELETE', `${V1}/managedDevices/${deleted.id}`)).status, 204);
    // The same person's own tenant is untouched by what she did as a guest.
    assert.equal((await t.graph(token.adele, 'GET', `${V1}/managedDevices/${synced.id}`)).status, 404);
  });

  test('Northwind\'s own help desk (Nestor) syncs but cannot delete', async () => {
    const nestor = await t.token(UPN.nestor, { tenant: 'northwind.onmicrosoft.com' });
    const local = new DevicePicker(listedDevices(await t.all(nestor, `${BETA}/managedDevices`)));
    const device = local.pick('syncable', syncable);
    assert.equal((await t.graph(nestor, 'POST', `${V1}/managedDevices/${device.id}/syncDevice`)).status, 204);
    assertIntuneForbidden(await t.graph(nestor, 'DELETE', `${V1}/managedDevices/${device.id}`), 'Microsoft.Intune_ManagedDevices_Delete');
  });
});

describe('delegated scopes come before roles', () => {
  test('a token without the scope an operation needs gets 403 naming the scopes that would do', async () => {
    const readDevices = await t.token(UPN.adele, { scopes: ['DeviceManagementManagedDevices.Read.All'] });
    const device = picker.pick('syncable', syncable);
    assert.equal((await t.graph(readDevices, 'GET', `${V1}/managedDevices/${device.id}`)).status, 200);
    assertIntuneForbidden(await t.graph(readDevices, 'POST', `${V1}/managedDevices/${device.id}/syncDevice`), 'DeviceManagementManagedDevices.PrivilegedOperations.All');
    assertIntuneForbidden(await t.graph(readDevices, 'DELETE', `${V1}/managedDevices/${device.id}`), 'DeviceManagementManagedDevices.ReadWrite.All');
    const configs = await t.graph(readDevices, 'GET', `${V1}/deviceConfigurations`);
    assertIntuneForbidden(configs, 'DeviceManagementConfiguration.Read.All');
    assert.ok(intuneMessage(configs.json).includes('DeviceManagementConfiguration.ReadWrite.All'), 'the broader scope is named too');
    assert.equal((await t.graph(token.adele, 'GET', `${V1}/managedDevices/${device.id}`)).status, 200, 'nothing happened to the device');
  });
});

describe('the permissions requests need are the ones roles grant', () => {
  test('every resource action the authorization asks for exists in resourceOperations, and roles grant them as described', async () => {
    const operations = new Set((await t.all(token.adele, `${BETA}/resourceOperations`)).map((o) => String(o['id'])));
    const wanted = new Map<string, string>();
    for (const row of allPermissionRows()) {
      const [method = '', pattern = ''] = row.split(' ');
      const action = resourceActionFor(method, pattern);
      if (action) wanted.set(row, action);
    }
    for (const action of DEVICE_ACTIONS) {
      wanted.set(`device action ${action.name}`, resourceActionFor('POST', `/devicemanagement/manageddevices/{id}/${action.name.toLowerCase()}`) ?? '');
    }
    for (const name of intuneSchema.enumMembers('beta', 'managedDeviceRemoteAction') ?? []) {
      wanted.set(`bulk ${name}`, resourceActionFor('POST', '/devicemanagement/manageddevices/executeaction', { actionName: name }) ?? '');
    }
    const unknown = [...wanted].filter(([, action]) => !operations.has(action));
    assert.deepEqual(unknown, []);

    const roles = await t.all(token.adele, `${BETA}/roleDefinitions`);
    const grants = (name: string): Set<string> => {
      const role = roles.find((r) => r['displayName'] === name);
      assert.ok(role, name);
      const permissions = role['rolePermissions'] as { resourceActions: { allowedResourceActions: string[] }[] }[];
      return new Set(permissions.flatMap((p) => p.resourceActions.flatMap((a) => a.allowedResourceActions)));
    };
    const helpDesk = grants('Help Desk Operator');
    const remoteTasks = [...new Set([...wanted.values()].filter((a) => a.startsWith('Microsoft.Intune_RemoteTasks_')))];
    assert.deepEqual(remoteTasks.filter((a) => !helpDesk.has(a)), [], 'Help Desk Operator runs every remote task');
    const readOnly = grants('Read Only Operator');
    const reads = [...wanted].filter(([row]) => row.startsWith('GET ')).map(([, a]) => a);
    assert.deepEqual([...new Set(reads.filter((a) => !readOnly.has(a)))], [], 'Read Only Operator reads everything');
  });
});
