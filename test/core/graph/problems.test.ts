// The error model against the demo tenant's real answers: 403 names the missing scope by its
// portal label or the missing Intune role permission, with the article's three checks; 401 says
// sign in again; 404 and 400 carry the service's sentence; every Problem carries the ids.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import intuneScopes from '../../../src/shared/intune/scopes.json' with { type: 'json' };
import { deviceAction, managedDevice, managedDevices, mobileApps } from '../../../src/core/graph/graph-paths.ts';
import type { Problem } from '../../../src/core/problem.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import type { TestBed } from './helpers/test-bed.ts';
import { ADELE, LEE, MEGAN, PRADEEP, eventsOf, startTestBed } from './helpers/test-bed.ts';

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error.problem;
    throw error;
  }
  return assert.fail('expected a Problem');
}

describe('Graph errors as Problems', () => {
  let bed: TestBed;
  let deviceId: string;
  before(async () => {
    bed = await startTestBed({ devices: 200, seed: 3 });
    const { client } = bed.client();
    const first = await client.pages(managedDevices, { query: { $top: 1, $select: 'id' } }).next();
    deviceId = first.value?.value[0]?.id as string;
  });
  after(async () => {
    await bed.stop();
  });

  it('403 for a missing scope: names it with its portal label, lists the accepted ones, adds the three checks', async () => {
    const token = await bed.token(ADELE, ['DeviceManagementApps.Read.All']);
    const { client } = bed.client({ token });
    // The granted scope works…
    await client.get(mobileApps.path, { query: { $top: 1 } });
    // …the missing one does not.
    const p = await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
    assert.equal(p.code, 'forbidden');
    assert.equal(p.httpStatus, 403);
    assert.ok(p.requiredScopes?.includes('DeviceManagementManagedDevices.Read.All'));
    assert.ok(p.requiredScopes?.includes('DeviceManagementManagedDevices.ReadWrite.All'));
    assert.match(p.message, /"Read Microsoft Intune devices" \(DeviceManagementManagedDevices\.Read\.All\)/);
    assert.match(p.message, /"Read and write Microsoft Intune devices"/);
    assert.match(p.message, /Sign in again to consent/);
    assert.deepEqual(p.checks, intuneScopes.troubleshooting403);
    assert.equal(p.checks?.length, 3);
    assert.ok(p.requestId && p.clientRequestId);
    assert.equal(p.requiredRole, undefined);
  });

  it('403 for a privileged action without the scope names "Perform user-impacting remote actions"', async () => {
    const token = await bed.token(LEE, ['DeviceManagementManagedDevices.Read.All']);
    const { client } = bed.client({ token });
    const p = await problemOf(client.post(deviceAction(deviceId, 'remoteLock')));
    assert.equal(p.code, 'forbidden');
    assert.ok(p.requiredScopes?.includes('DeviceManagementManagedDevices.PrivilegedOperations.All'));
    assert.match(p.message, /Perform user-impacting remote actions on Microsoft Intune devices/);
  });

  it('403 for an Intune role: a Read Only Operator\'s wipe names the role permission it lacks', async () => {
    const token = await bed.token(MEGAN);
    const { client, events } = bed.client({ token });
    const p = await problemOf(client.post(deviceAction(deviceId, 'wipe'), { keepUserData: false }));
    assert.equal(p.code, 'forbidden');
    assert.equal(p.requiredRole, 'Microsoft.Intune_RemoteTasks_Wipe');
    assert.match(p.message, /Your Intune role does not allow this/);
    assert.match(p.message, /"Remote tasks: Wipe"/);
    assert.equal(p.requiredScopes, undefined, 'the scopes were fine');
    assert.deepEqual(p.checks, intuneScopes.troubleshooting403);
    assert.equal(eventsOf(events, 'send').length, 1, 'a 403 is not retried');
    // She can still read.
    const device = await client.get(managedDevice(deviceId), { query: { $select: 'id' } });
    assert.equal(device.id, deviceId);
  });

  it('403 for a user with no Intune role at all (Intune\'s UnknownError wrapper)', async () => {
    const token = await bed.token(PRADEEP);
    const { client } = bed.client({ token });
    const p = await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
    assert.equal(p.code, 'forbidden');
    assert.match(p.message, /no Intune role/);
    assert.equal(p.checks?.length, 3);
    assert.ok(p.requestId);
  });

  it('401 for a garbage token: signInRequired, sent once', async () => {
    const { client, events } = bed.client({ token: 'not-a-token' });
    const p = await problemOf(client.get(managedDevices.path));
    assert.equal(p.code, 'signInRequired');
    assert.equal(p.httpStatus, 401);
    assert.match(p.message, /Sign in again/);
    assert.ok(p.requestId);
    assert.equal(eventsOf(events, 'send').length, 1, 'the provider had nothing newer, so no second try');
    assert.doesNotMatch(JSON.stringify(p), /not-a-token/, 'no token in a Problem');
  });

  it('401 for an expired token: signInRequired; a provider with a fresh token recovers in one retry', async () => {
    await bed.admin('PATCH', '/identity', { accessTokenLifetimeSeconds: 60 });
    let expired: string;
    try {
      expired = await bed.token(ADELE);
    } finally {
      await bed.admin('PATCH', '/identity', { accessTokenLifetimeSeconds: 3600 });
    }
    // Past its lifetime and Graph's five minutes of clock-skew tolerance.
    bed.time.advance(10 * 60_000);

    const { client: stale } = bed.client({ token: expired });
    const p = await problemOf(stale.get(managedDevices.path, { query: { $top: 1 } }));
    assert.equal(p.code, 'signInRequired');

    const fresh = await bed.token(ADELE);
    const handedOut: string[] = [];
    const { client, events } = bed.client({
      token: async () => {
        const token = handedOut.length === 0 ? expired : fresh;
        handedOut.push(token);
        return token;
      },
    });
    const page = await client.get<{ value: unknown[] }>(managedDevices.path, { query: { $top: 1 } });
    assert.equal(page.value.length, 1);
    const sends = eventsOf(events, 'send');
    assert.deepEqual(eventsOf(events, 'response').map((r) => r.status), [401, 200]);
    assert.equal(new Set(sends.map((s) => s.clientRequestId)).size, 1, 'one logical request');
  });

  it('404 for a device that does not exist: notFound with the service\'s words', async () => {
    const { client } = bed.client();
    const p = await problemOf(client.get(managedDevice('6a0b2c3d-0000-4000-8000-000000000000')));
    assert.equal(p.code, 'notFound');
    assert.equal(p.httpStatus, 404);
    assert.match(p.message, /refresh/);
    assert.ok(p.requestId && p.clientRequestId);
  });

  it('400 for a bad query: badRequest with Graph\'s message', async () => {
    const { client, events } = bed.client();
    const p = await problemOf(client.get(managedDevices.path, { query: { $filter: 'noSuchProperty eq 1' } }));
    assert.equal(p.code, 'badRequest');
    assert.equal(p.httpStatus, 400);
    assert.match(p.message, /noSuchProperty/);
    assert.equal(eventsOf(events, 'send').length, 1, 'a 400 is not retried');
  });

  it('a token provider that fails becomes signInRequired; one that throws a Problem passes it on', async () => {
    const { client: failing } = bed.client({ token: async () => Promise.reject(new Error('interaction_required')) });
    assert.equal((await problemOf(failing.get(managedDevices.path))).code, 'signInRequired');
    const consent: Problem = { code: 'consentRequired', message: 'Intune Desk needs your consent to read devices.' };
    const { client: asking } = bed.client({ token: async () => Promise.reject(new ProblemError(consent)) });
    assert.deepEqual(await problemOf(asking.get(managedDevices.path)), consent);
  });
});
