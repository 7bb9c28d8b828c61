// Remote actions as a client sees them over HTTPS: the 204 (or bulk result), then the device's
// deviceActionResults and state moving from pending to done, retired and wiped devices leaving
// the list, and Intune's refusals. Delays are switched through the admin surface: long where a
// test must see "pending" for certain, short where it waits for the outcome.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevicePicker, listedDevices } from '../helpers/device-picking.ts';
import type { ListedDevice } from '../helpers/device-picking.ts';
import type { GraphReply } from '../helpers/graph-call.ts';
import { startTestTenant } from '../helpers/running-tenant.ts';
import type { TestTenant } from '../helpers/running-tenant.ts';

const V1 = '/v1.0/deviceManagement/managedDevices';
const BETA = '/beta/deviceManagement/managedDevices';
const NEVER = 3_600_000;

interface ActionResult {
  readonly '@odata.type'?: string;
  readonly actionName: string;
  readonly actionState: string;
  readonly startDateTime: string;
  readonly lastUpdatedDateTime: string;
  readonly passcode?: string | null;
}

let t: TestTenant;
let adele = '';
let picker: DevicePicker;

before(async () => {
  t = await startTestTenant({ devices: 300 }, { actionDelays: { completeMs: NEVER, removeMs: NEVER } });
  adele = await t.token('adele.vance@contoso.onmicrosoft.com');
  picker = new DevicePicker(listedDevices(await t.all(adele, BETA)));
});
after(async () => {
  await t?.stop();
});

async function setDelays(completeMs: number, removeMs: number): Promise<void> {
  const reply = await t.admin('PATCH', '/actions', { completeMs, removeMs });
  assert.equal(reply.status, 200, JSON.stringify(reply.json));
  assert.deepEqual(reply.json, { completeMs, removeMs });
}

async function device(id: string): Promise<Record<string, unknown>> {
  const reply = await t.graph(adele, 'GET', `${BETA}/${id}`);
  assert.equal(reply.status, 200, reply.text);
  return reply.json as Record<string, unknown>;
}

function results(props: Record<string, unknown>, actionName: string): ActionResult[] {
  return (props['deviceActionResults'] as ActionResult[]).filter((r) => r.actionName === actionName);
}

/** Polls until `check` returns a value; the limit is a safety net for a hung tenant, not a timing assertion. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`Gave up waiting for ${what}`);
}

async function finished(id: string, actionName: string): Promise<{ readonly props: Record<string, unknown>; readonly result: ActionResult }> {
  return eventually(`${actionName} on ${id} to finish`, async () => {
    const props = await device(id);
    const [result] = results(props, actionName);
    return result && result.actionState !== 'pending' ? { props, result } : undefined;
  });
}

async function post(path: string, body?: unknown): Promise<GraphReply> {
  return t.graph(adele, 'POST', path, body);
}

const supervisedIos = (d: ListedDevice): boolean => d.platform.family === 'ios' && d.platform.supervised;

describe('the admin switch for action delays', () => {
  test('refuses what it does not understand, and needs the key', async () => {
    assert.equal((await t.admin('PATCH', '/actions', { completeMs: -1 })).status, 400);
    assert.equal((await t.admin('PATCH', '/actions', { soonMs: 5 })).status, 400);
    const keyless = await t.graph(adele, 'PATCH', '/_emulator/actions', { completeMs: 1 });
    assert.equal(keyless.status, 401, 'a Graph token is not the admin key');
  });
});

describe('an action runs: pending, then done', () => {
  test('syncDevice shows pending, then done with lastSyncDateTime moved', async () => {
    const target = picker.pick('a Windows PC', (d) => d.platform.family === 'windows');
    const before = String((await device(target.id))['lastSyncDateTime']);

    await setDelays(NEVER, NEVER);
    assert.equal((await post(`${V1}/${target.id}/syncDevice`)).status, 204);
    const pending = await device(target.id);
    assert.deepEqual(results(pending, 'syncDevice').map((r) => r.actionState), ['pending']);
    assert.equal(pending['lastSyncDateTime'], before, 'not synced until the device checks in');

    // A repeat replaces the waiting entry; this one finishes.
    await setDelays(50, 50);
    assert.equal((await post(`${V1}/${target.id}/syncDevice`)).status, 204);
    const { props, result } = await finished(target.id, 'syncDevice');
    assert.equal(result.actionState, 'done');
    assert.equal(results(props, 'syncDevice').length, 1, 'one entry per action');
    assert.ok(String(props['lastSyncDateTime']) > before, `${String(props['lastSyncDateTime'])} after ${before}`);
    assert.equal(props['lastSyncDateTime'], result.lastUpdatedDateTime);
  });

  test('beta enableLostMode on a supervised iPhone turns lost mode on; disableLostMode turns it off', async () => {
    await setDelays(50, 50);
    const phone = picker.pick('a supervised iOS device', supervisedIos);
    assert.notEqual((await device(phone.id))['lostModeState'], 'enabled');
    const enabled = await post(`${BETA}/${phone.id}/enableLostMode`, { message: 'Found me? Please call.', phoneNumber: '+1 555 0100', footer: 'Contoso IT' });
    assert.equal(enabled.status, 204, enabled.text);
    const on = await finished(phone.id, 'enableLostMode');
    assert.equal(on.result.actionState, 'done');
    assert.equal(on.props['lostModeState'], 'enabled');

    assert.equal((await post(`${BETA}/${phone.id}/disableLostMode`)).status, 204);
    const off = await finished(phone.id, 'disableLostMode');
    assert.equal(off.result.actionState, 'done');
    assert.equal(off.props['lostModeState'], 'disabled');
  });

  test('resetPasscode on Android ends with the new passcode in its result', async () => {
    await setDelays(50, 50);
    const android = picker.pick('an Android device', (d) => d.platform.family === 'android');
    assert.equal((await post(`${V1}/${android.id}/resetPasscode`)).status, 204);
    const { result } = await finished(android.id, 'resetPasscode');
    assert.equal(result.actionState, 'done');
    assert.equal(result['@odata.type'], '#microsoft.graph.resetPasscodeActionResult');
    assert.match(String(result.passcode), /^\d{6}$/);
  });
});

describe('retire and wipe', () => {
  test('show retirePending / wipePending at once, with a pending result', async () => {
    await setDelays(NEVER, NEVER);
    for (const [action, state] of [['retire', 'retirePending'], ['wipe', 'wipePending']] as const) {
      const target = picker.pick('an iOS device', (d) => d.platform.family === 'ios');
      assert.equal((await post(`${V1}/${target.id}/${action}`, action === 'wipe' ? {} : undefined)).status, 204);
      const props = await device(target.id);
      assert.equal(props['managementState'], state);
      assert.deepEqual(results(props, action).map((r) => r.actionState), ['pending']);
    }
  });

  test('a second wipe while one is pending is refused and adds no entry', async () => {
    await setDelays(NEVER, NEVER);
    const target = picker.pick('a macOS device', (d) => d.platform.family === 'macos');
    assert.equal((await post(`${V1}/${target.id}/wipe`, {})).status, 204);
    const again = await post(`${V1}/${target.id}/wipe`, {});
    assert.equal(again.status, 400, again.text);
    assert.equal((again.json as { error: { code: string } }).error.code, 'BadRequest');
    assert.match(again.text, /already has a wipePending action/);
    const retire = await post(`${V1}/${target.id}/retire`);
    assert.equal(retire.status, 400, 'a retire is refused while the wipe is pending too');
    const props = await device(target.id);
    assert.equal(results(props, 'wipe').length, 1);
    assert.equal(results(props, 'retire').length, 0);
  });

  test('once done, the device leaves: 404 on GET and absent from the list', async () => {
    await setDelays(50, 50);
    const retired = picker.pick('an Android device', (d) => d.platform.family === 'android');
    const wiped = picker.pick('a Windows PC', (d) => d.platform.family === 'windows');
    assert.equal((await post(`${V1}/${retired.id}/retire`)).status, 204);
    assert.equal((await post(`${V1}/${wiped.id}/wipe`, { keepEnrollmentData: false, keepUserData: false })).status, 204);
    for (const gone of [retired, wiped]) {
      await eventually(`${gone.id} to leave`, async () => ((await t.graph(adele, 'GET', `${V1}/${gone.id}`)).status === 404 ? true : undefined));
    }
    const listed = new Set((await t.all(adele, `${V1}?$select=id`)).map((d) => String(d['id'])));
    assert.equal(listed.has(retired.id), false);
    assert.equal(listed.has(wiped.id), false);
    assert.ok(listed.size > 250, 'the rest are still listed');
    const late = await post(`${V1}/${wiped.id}/syncDevice`);
    assert.equal(late.status, 404, 'no action reaches a device that left');
  });
});

describe('beta executeAction', () => {
  test('sorts the devices into buckets and acts on each once', async () => {
    await setDelays(NEVER, NEVER);
    const fresh = picker.pick('an iOS device', (d) => d.platform.family === 'ios');
    const beingWiped = picker.pick('another iOS device', (d) => d.platform.family === 'ios');
    const personal = picker.pick('a personally owned Android work profile', (d) => d.platform.android === 'personalWorkProfile');
    assert.equal((await post(`${V1}/${beingWiped.id}/wipe`, {})).status, 204);
    const missing = '00000000-0000-4000-8000-000000000000';

    const reply = await post(`${BETA}/executeAction`, {
      actionName: 'wipe',
      deviceIds: [fresh.id, fresh.id.toUpperCase(), beingWiped.id, personal.id, missing],
      keepUserData: false,
    });
    assert.equal(reply.status, 200, reply.text);
    const body = reply.json as Record<string, unknown>;
    assert.equal(body['@odata.context'], `${t.baseUrl}/beta/$metadata#microsoft.graph.bulkManagedDeviceActionResult`);
    assert.deepEqual(body['successfulDeviceIds'], [fresh.id]);
    assert.deepEqual(body['failedDeviceIds'], [beingWiped.id]);
    assert.deepEqual(body['notSupportedDeviceIds'], [personal.id]);
    assert.deepEqual(body['notFoundDeviceIds'], [missing]);

    assert.equal((await device(fresh.id))['managementState'], 'wipePending');
    assert.equal(results(await device(fresh.id), 'wipe').length, 1, 'a repeated id is acted on once');
    assert.equal(results(await device(beingWiped.id), 'wipe').length, 1);
    assert.equal((await device(personal.id))['managementState'], 'managed');
  });

  test('is not a v1.0 action', async () => {
    const target = picker.pick('a Windows PC', (d) => d.platform.family === 'windows');
    const before = (await device(target.id))['deviceActionResults'];
    const reply = await post(`${V1}/executeAction`, { actionName: 'syncDevice', deviceIds: [target.id] });
    assert.ok(reply.status === 400 || reply.status === 404, reply.text);
    assert.deepEqual((await device(target.id))['deviceActionResults'], before, 'nothing was synced');
  });
});

describe('refusals', () => {
  test('an action the platform cannot take: 400 with Intune\'s error shape', async () => {
    const pc = picker.pick('a Windows PC', (d) => d.platform.family === 'windows');
    const before = (await device(pc.id))['deviceActionResults'];
    const reply = await post(`${BETA}/${pc.id}/enableLostMode`, { message: 'Lost' });
    assert.equal(reply.status, 400, reply.text);
    const error = (reply.json as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
    assert.equal(error.code, 'BadRequest');
    const inner = JSON.parse(error.message) as { _version: number; Message: string };
    assert.equal(inner._version, 3);
    assert.match(inner.Message, /^The enableLostMode action is not supported on Windows devices\. - Operation ID/);
    assert.match(inner.Message, /Url: https:\/\/fef\.[^ ]+\/deviceManagement\/managedDevices%28%27[^ ]+%27%29\/microsoft\.management\.services\.api\.enableLostMode/);
    assert.equal(error.innerError['request-id'], reply.headers['request-id']);

    const unsupervised = picker.pick('an unsupervised iOS device', (d) => d.platform.family === 'ios' && !d.platform.supervised);
    const needs = await post(`${BETA}/${unsupervised.id}/enableLostMode`, { message: 'Lost' });
    assert.equal(needs.status, 400);
    assert.match(needs.text, /available only on supervised iOS\/iPadOS devices/);
    assert.deepEqual((await device(pc.id))['deviceActionResults'], before, 'a refused action leaves no result');
  });

  test('a beta-only action on v1.0: 400 "Resource not found for the segment"', async () => {
    const phone = picker.pick('a supervised iOS device', supervisedIos);
    const reply = await post(`${V1}/${phone.id}/enableLostMode`, { message: 'Lost' });
    assert.equal(reply.status, 400, reply.text);
    const error = (reply.json as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'BadRequest');
    assert.equal(error.message, "Resource not found for the segment 'enableLostMode'.");
    assert.notEqual((await device(phone.id))['lostModeState'], 'enabled');
  });
});
