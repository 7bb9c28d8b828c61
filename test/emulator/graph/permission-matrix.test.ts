// The permission matrix: every row of intune-permissions.json ("METHOD /path" → least-privileged
// scopes), generated, not hand-listed. For each row the test builds a real URL (ids found by
// listing), then calls it with real tokens from the sign-in flow:
//   without: every Intune scope except the ones the row accepts → 403, Intune's error shape,
//            naming the scopes it needs;
//   with:    exactly one of the row's least-privileged scopes → 2xx.
// Rows the demo tenant does not serve are listed in NOT_EMULATED with the reason, and the test
// checks that each really is not served, so the list cannot hide a working route.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import type { GraphReply } from '../../helpers/graph-call.ts';
import { assertForbidden } from './helpers/forbidden.ts';
import { INTUNE_SCOPES, startGraphSession } from './helpers/graph-session.ts';
import type { GraphSession } from './helpers/graph-session.ts';
import { KeyFiller } from './helpers/key-filler.ts';
import { NOT_EMULATED } from './helpers/not-emulated.ts';
import { acceptedScopes, permissionRows, routeOf } from './helpers/permission-routes.ts';
import { RowPlanner, deletesLast, enrolChromebooks } from './helpers/row-plans.ts';

let session: GraphSession;
let keys: KeyFiller;
let planner: RowPlanner;

before(async () => {
  session = await startGraphSession();
  keys = new KeyFiller(session);
  planner = new RowPlanner(session, keys);
  await enrolChromebooks(session, 3);
});
after(async () => session.stop());

const rows = permissionRows();

describe('permission matrix', () => {
  for (const row of deletesLast(rows)) {
    if (Object.hasOwn(NOT_EMULATED, row.key)) continue;
    test(row.key, async () => {
      const route = routeOf(row.pattern);
      assert.ok(route, `${row.key}: neither schema version has this path; list it in NOT_EMULATED with the reason`);
      const plan = await planner.plan(row, route);
      assert.ok(plan.paths.length > 0, `${row.key}: found no entity to address`);
      const accepted = acceptedScopes(row.least);

      const without = await session.token(INTUNE_SCOPES.filter((s) => !accepted.includes(s)));
      assertForbidden(await session.call(without, row.method, plan.paths[0] as string, plan.body), row);

      // Reads are tried with each least-privileged scope; writes once, with the first.
      for (const scope of row.method === 'GET' ? row.least : row.least.slice(0, 1)) {
        const { reply, tried } = await planner.send(row, plan, await session.token([scope]));
        assert.ok(reply && reply.status >= 200 && reply.status < 300, `${row.key} with ${scope}:\n${tried.slice(-3).join('\n')}`);
      }
    });
  }
});

describe('rows the demo tenant does not serve', () => {
  test('every row is either in the matrix or listed, and most are in the matrix', () => {
    const keysOfRows = new Set(rows.map((r) => r.key));
    assert.deepEqual(Object.keys(NOT_EMULATED).filter((k) => !keysOfRows.has(k)), [], 'listed rows the permission map does not have');
    const emulated = rows.filter((r) => !Object.hasOwn(NOT_EMULATED, r.key)).length;
    assert.equal(emulated + Object.keys(NOT_EMULATED).length, rows.length);
    assert.ok(emulated / rows.length > 0.8, `only ${emulated} of ${rows.length} rows are emulated`);
  });

  for (const [key, reason] of Object.entries(NOT_EMULATED)) {
    test(`${key}: ${reason}`, async () => {
      const row = rows.find((r) => r.key === key);
      assert.ok(row, `${key} is a row of the permission map`);
      for (const version of ['v1.0', 'beta'] as const) {
        const path = await keys.anyPath(version, row.pattern);
        const reply = await session.admin(row.method, path, row.method === 'POST' || row.method === 'PATCH' ? {} : undefined);
        assert.ok([400, 404, 405].includes(reply.status), `${row.method} ${path}: expected 400, 404 or 405, got ${reply.status} ${reply.text.slice(0, 300)}`);
      }
    });
  }
});

describe('routes outside the permission map', () => {
  const DEVICE_READ = ['DeviceManagementManagedDevices.Read.All'];
  const withoutDeviceRead = (): Promise<string> => session.token(INTUNE_SCOPES.filter((s) => !acceptedScopes(DEVICE_READ).includes(s)));

  async function assertDeviceRead(path: string): Promise<GraphReply> {
    assertForbidden(await session.call(await withoutDeviceRead(), 'GET', path), { key: `GET ${path}`, least: DEVICE_READ });
    const reply = await session.call(await session.token(DEVICE_READ), 'GET', path);
    assert.equal(reply.status, 200, `GET ${path}: ${reply.text.slice(0, 300)}`);
    return reply;
  }

  test('/me/managedDevices and /users/{id}/managedDevices need the device read scope', async () => {
    const me = await assertDeviceRead('/v1.0/me/managedDevices');
    assert.ok(isJsonObject(me.json) && Array.isArray(me.json['value']));
    const devices = await keys.list('/v1.0/deviceManagement/managedDevices');
    const owned = devices.find((d) => typeof d['userId'] === 'string' && d['userId'] !== '');
    assert.ok(owned, 'some device has a primary user');
    const theirs = await assertDeviceRead(`/v1.0/users/${String(owned['userId'])}/managedDevices`);
    const ids = (isJsonObject(theirs.json) && Array.isArray(theirs.json['value']) ? theirs.json['value'] : []).map((d) => (isJsonObject(d) ? d['id'] : undefined));
    assert.ok(ids.includes(owned['id']), 'the user\'s own device is listed');
    await assertDeviceRead(`/v1.0/users/${String(owned['userId'])}/managedDevices/${String(owned['id'])}`);
  });

  test('$count is authorized as the collection it counts', async () => {
    const count = await assertDeviceRead('/v1.0/deviceManagement/managedDevices/$count');
    assert.match(count.text, /^[1-9][0-9]*$/);
    const configurationRead = ['DeviceManagementConfiguration.Read.All'];
    const path = '/beta/deviceManagement/deviceConfigurations/$count';
    assertForbidden(await session.call(await session.token(INTUNE_SCOPES.filter((s) => !acceptedScopes(configurationRead).includes(s))), 'GET', path), { key: `GET ${path}`, least: configurationRead });
    assert.equal((await session.call(await session.token(configurationRead), 'GET', path)).status, 200);
  });

  test('$batch authorizes each item on its own', async () => {
    const token = await session.token(DEVICE_READ);
    const reply = await session.call(token, 'POST', '/v1.0/$batch', {
      requests: [
        { id: 'devices', method: 'GET', url: '/deviceManagement/managedDevices?$top=1' },
        { id: 'configurations', method: 'GET', url: '/deviceManagement/deviceConfigurations' },
      ],
    });
    assert.equal(reply.status, 200, reply.text.slice(0, 300));
    const responses = (reply.json as { responses?: readonly { id: string; status: number; body?: unknown }[] }).responses ?? [];
    assert.equal(responses.find((r) => r.id === 'devices')?.status, 200);
    const denied = responses.find((r) => r.id === 'configurations');
    assert.ok(denied, 'the configurations item is answered');
    assertForbidden({ status: denied.status, headers: {}, text: JSON.stringify(denied.body), json: denied.body }, { key: 'batch item GET /deviceManagement/deviceConfigurations', least: ['DeviceManagementConfiguration.Read.All'] });
  });
});
