// Intune's published throttling limits, seen from a client over HTTPS (FACTS §4): per app and
// per tenant, any request and writes, the devices service doubled. The throttle's clock is a
// ManualClock that stands still while requests are counted, so every figure is exact; moving
// it by Retry-After shows exactly how much budget came back.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../src/emulator/clock.ts';
import { DEFAULT_CLIENT_ID, NORTHWIND, PARTNER_CLIENT_ID, REPORTING_CLIENT_ID } from '../../src/emulator/directory/demo-directory.ts';
import type { GraphReply } from '../helpers/graph-call.ts';
import { ISAIAH, asPage, inParallel, startLiveTenant, statusCounts } from './helpers/live-tenant.ts';
import type { LiveTenant, Method } from './helpers/live-tenant.ts';

/** Small answers, so thousands of requests stay cheap; the throttle does not look at the query. */
const CONFIGS = '/v1.0/deviceManagement/deviceConfigurations?$top=1&$select=id';
const IN_FLIGHT = 32;
const WINDOW_MS = 20_000;

const clock = new ManualClock(Date.parse('2026-03-02T09:00:00.000Z'));
let live: LiveTenant;
/** Adele through three app registrations, and an admin of the other tenant. */
let appA: string;
let appB: string;
let appC: string;
let otherTenant: string;
let configId: string;
let configType: string;
let deviceId: string;

before(async () => {
  live = await startLiveTenant({ devices: 60, seed: 5 }, { clock });
  const scopes = ['DeviceManagementConfiguration.ReadWrite.All', 'DeviceManagementManagedDevices.Read.All'];
  appA = await live.signInAs({ scopes, clientId: DEFAULT_CLIENT_ID });
  appB = await live.signInAs({ scopes, clientId: PARTNER_CLIENT_ID });
  // The confidential reporting app may only read.
  appC = await live.signInAs({ scopes: ['DeviceManagementConfiguration.Read.All'], clientId: REPORTING_CLIENT_ID });
  otherTenant = await live.signInAs({ scopes, upn: ISAIAH, tenant: NORTHWIND.domains[0] ?? NORTHWIND.id });
  const config = asPage(await live.call(appA, 'GET', CONFIGS)).value[0] ?? {};
  configId = String(config['id']);
  configType = String(config['@odata.type']);
  deviceId = String(asPage(await live.call(appA, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id')).value[0]?.['id']);
});

after(async () => {
  await live?.stop();
});

beforeEach(() => {
  // A full window later every bucket is full again: each test starts from the published budget.
  clock.advance(WINDOW_MS);
});

/** `count` requests, IN_FLIGHT at a time, with the clock standing still; their statuses by count. */
async function burst(count: number, token: string, method: Method, path: string, body?: unknown): Promise<Record<number, number>> {
  const replies = await inParallel(count, IN_FLIGHT, () => live.call(token, method, path, body));
  return statusCounts(replies.map((r) => r.status));
}

/** Checks the 429 is Intune's TooManyRequests and returns its Retry-After in seconds (undefined if absent). */
function assertTooManyRequests(reply: GraphReply): number | undefined {
  assert.equal(reply.status, 429, reply.text.slice(0, 300));
  const error = (reply.json as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } }).error;
  assert.equal(error?.code, 'TooManyRequests');
  // Intune's message is itself a JSON document that repeats the wait (FACTS §5).
  const inner = JSON.parse(String(error?.message)) as { _version?: unknown; RetryAfter?: unknown; Message?: unknown };
  assert.equal(inner._version, 3);
  assert.equal(typeof inner.Message, 'string');
  assert.equal(error?.innerError?.['request-id'], reply.headers['request-id']);
  const header = reply.headers['retry-after'];
  if (header === undefined) {
    assert.equal(inner.RetryAfter, null);
    return undefined;
  }
  assert.match(header, /^[1-9]\d*$/, 'Retry-After must be whole seconds');
  assert.equal(inner.RetryAfter, Number(header));
  return Number(header);
}

describe('throttling over HTTPS at the published rates', () => {
  it('lets one app make exactly 1000 requests per 20 s, then answers 429 with Retry-After', async () => {
    assert.deepEqual(await burst(1000, appA, 'GET', CONFIGS), { 200: 1000 });
    const retryAfter = assertTooManyRequests(await live.call(appA, 'GET', CONFIGS));
    // One request's worth of budget comes back every 20 ms, so the wait rounds up to a second.
    assert.equal(retryAfter, 1);
  });

  it('gives a second app its own 1000, and a third app nothing once the tenant has spent 2000', async () => {
    assert.deepEqual(await burst(1001, appA, 'GET', CONFIGS), { 200: 1000, 429: 1 });
    assert.deepEqual(await burst(1001, appB, 'GET', CONFIGS), { 200: 1000, 429: 1 });
    // The reporting app has sent nothing yet: only the tenant's limit can stop it.
    assertTooManyRequests(await live.call(appC, 'GET', CONFIGS));
    // Budgets are per tenant: the other tenant, through the same app, is untouched.
    assert.equal((await live.call(otherTenant, 'GET', CONFIGS)).status, 200);
    assert.deepEqual(await burst(1000, otherTenant, 'GET', CONFIGS), { 200: 999, 429: 1 });
  });

  it('doubles the budget for the devices service (2000 per app), separately from other areas', async () => {
    const device = `/v1.0/deviceManagement/managedDevices/${deviceId}?$select=id`;
    assert.deepEqual(await burst(2000, appA, 'GET', device), { 200: 2000 });
    assertTooManyRequests(await live.call(appA, 'GET', device));
    // The collection counts against the same devices budget.
    assertTooManyRequests(await live.call(appA, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1'));
    // Device configurations are another Intune area with a budget of their own.
    assert.equal((await live.call(appA, 'GET', CONFIGS)).status, 200);
  });

  it('stops writes at 100 per app per 20 s while reads go on', async () => {
    const patch = `/v1.0/deviceManagement/deviceConfigurations/${configId}`;
    const body = { '@odata.type': configType, description: 'throttled' };
    assert.deepEqual(await burst(100, appA, 'PATCH', patch, body), { 200: 100 });
    assertTooManyRequests(await live.call(appA, 'PATCH', patch, body));
    // Writes spent 100 of the 1000 any-request budget; reads still pass.
    assert.equal((await live.call(appA, 'GET', CONFIGS)).status, 200);
    // The second app has its own 100 (the tenant allows 200).
    assert.deepEqual(await burst(101, appB, 'PATCH', patch, body), { 200: 100, 429: 1 });
  });

  it('lets exactly the refilled budget through after waiting Retry-After', async () => {
    assert.deepEqual(await burst(1000, appA, 'GET', CONFIGS), { 200: 1000 });
    const retryAfter = assertTooManyRequests(await live.call(appA, 'GET', CONFIGS)) ?? 0;
    clock.advance(retryAfter * 1000);
    // 1000 per 20 s is 50 per second.
    assert.deepEqual(await burst(100, appA, 'GET', CONFIGS), { 200: 50 * retryAfter, 429: 100 - 50 * retryAfter });
  });

  it('rounds Retry-After up to whole seconds, and refills to the millisecond (rateMultiplier 0.0075)', async () => {
    try {
      assert.equal((await live.admin('PATCH', '/throttling', { rateMultiplier: 0.0075 })).status, 200);
      // 7 requests per 20 s: one every 2857.14 ms, so the exact wait is 2858 ms.
      assert.deepEqual(await burst(7, appA, 'GET', CONFIGS), { 200: 7 });
      assert.equal(assertTooManyRequests(await live.call(appA, 'GET', CONFIGS)), 3);
      clock.advance(2857);
      assert.equal(assertTooManyRequests(await live.call(appA, 'GET', CONFIGS)), 1);
      clock.advance(1);
      assert.deepEqual(await burst(2, appA, 'GET', CONFIGS), { 200: 1, 429: 1 });
    } finally {
      await live.admin('PATCH', '/throttling', { rateMultiplier: 1 });
    }
  });

  it('leaves Retry-After out when omitRetryAfter is on', async () => {
    try {
      assert.equal((await live.admin('PATCH', '/throttling', { omitRetryAfter: true })).status, 200);
      assert.deepEqual(await burst(1000, appA, 'GET', CONFIGS), { 200: 1000 });
      const reply = await live.call(appA, 'GET', CONFIGS);
      assert.equal(assertTooManyRequests(reply), undefined);
      assert.equal(reply.headers['retry-after'], undefined);
    } finally {
      await live.admin('PATCH', '/throttling', { omitRetryAfter: false });
    }
  });

  it('reports its buckets in the admin status', async () => {
    assert.deepEqual(await burst(10, appA, 'GET', CONFIGS), { 200: 10 });
    const status = await live.admin('GET', '/status');
    const buckets = (status.json as { throttling?: { buckets?: { scope: string; kind: string; area: string; appId?: string; capacity: number; available: number }[] } }).throttling?.buckets ?? [];
    const own = buckets.find((b) => b.scope === 'app' && b.kind === 'any' && b.area === 'other' && b.appId === DEFAULT_CLIENT_ID);
    assert.deepEqual(own && { capacity: own.capacity, available: own.available }, { capacity: 1000, available: 990 });
  });
});
