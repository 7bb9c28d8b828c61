// Intune's published limits, bucket by bucket, on a clock the test moves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/emulator/clock.ts';
import { IntuneThrottle } from '../../../src/emulator/graph/throttling/intune-throttle.ts';
import type { ThrottleVerdict, ThrottledRequest } from '../../../src/emulator/graph/throttling/intune-throttle.ts';
import type { ThrottleSettings } from '../../../src/emulator/graph/throttling/settings.ts';

const TENANT = '11111111-1111-1111-1111-111111111111';
const OTHER_TENANT = '22222222-2222-2222-2222-222222222222';
const APP = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const SECOND_APP = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
const CONFIGS = '/deviceManagement/deviceConfigurations';
const DEVICES = '/deviceManagement/managedDevices';

function setup(settings: ThrottleSettings = { enabled: true, omitRetryAfter: false }): { clock: ManualClock; throttle: IntuneThrottle } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  return { clock, throttle: new IntuneThrottle(clock, settings) };
}

function request(overrides: Partial<ThrottledRequest> = {}): ThrottledRequest {
  return { tenantId: TENANT, appId: APP, method: 'GET', path: CONFIGS, ...overrides };
}

/** Sends `count` requests and returns how many passed. */
function burst(throttle: IntuneThrottle, count: number, req: ThrottledRequest): number {
  let passed = 0;
  for (let i = 0; i < count; i++) if (throttle.check(req).allowed) passed++;
  return passed;
}

function blocked(verdict: ThrottleVerdict): Extract<ThrottleVerdict, { allowed: false }> {
  if (verdict.allowed) assert.fail('expected the request to be throttled');
  return verdict;
}

describe('IntuneThrottle', () => {
  it('lets exactly 1000 reads per app pass in a burst, then answers 429', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 1000, request()), 1000);
    const verdict = blocked(throttle.check(request()));
    assert.deepEqual(verdict.blockedBy, { scope: 'app', kind: 'any', area: 'other' });
  });

  it('lets a second app in the same tenant go on until the tenant has spent 2000', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 1000, request()), 1000);
    assert.equal(burst(throttle, 1000, request({ appId: SECOND_APP })), 1000);
    const third = blocked(throttle.check(request({ appId: 'cccccccc-cccc-cccc-cccc-cccccccccccc' })));
    assert.deepEqual(third.blockedBy, { scope: 'tenant', kind: 'any', area: 'other' });
  });

  it('limits writes to 100 per app and 200 per tenant, and writes spend the read budget too', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 150, request({ method: 'PATCH' })), 100);
    assert.deepEqual(blocked(throttle.check(request({ method: 'post' }))).blockedBy, { scope: 'app', kind: 'write', area: 'other' });
    // Reads still pass: 100 writes spent 100 of the 1000 "any" budget.
    assert.equal(burst(throttle, 1000, request()), 900);
    assert.equal(burst(throttle, 150, request({ appId: SECOND_APP, method: 'DELETE' })), 100);
    assert.deepEqual(blocked(throttle.check(request({ appId: 'cccccccc-cccc-cccc-cccc-cccccccccccc', method: 'PUT' }))).blockedBy, {
      scope: 'tenant',
      kind: 'write',
      area: 'other',
    });
  });

  it('doubles every limit for the devices service, which keeps its own budget', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 2500, request({ path: DEVICES })), 2000);
    assert.equal(burst(throttle, 300, request({ path: `${DEVICES}/abc/syncDevice`, method: 'POST', appId: SECOND_APP })), 200);
    // The standard areas were not touched.
    assert.equal(burst(throttle, 1000, request()), 1000);
    assert.equal(burst(throttle, 2500, request({ path: '/deviceManagement/detectedApps', appId: 'cccccccc-cccc-cccc-cccc-cccccccccccc' })), 2000 - 200);
  });

  it('refills continuously at the published rate', () => {
    const { clock, throttle } = setup();
    burst(throttle, 1000, request());
    assert.equal(throttle.check(request()).allowed, false);
    // 1000 per 20 s is one request every 20 ms.
    clock.advance(200);
    assert.equal(burst(throttle, 20, request()), 10);
    clock.advance(20_000);
    assert.equal(burst(throttle, 1001, request()), 1000);
  });

  it('never holds more than one window of budget, however long it rests', () => {
    const { clock, throttle } = setup();
    clock.advance(10 * 60_000);
    assert.equal(burst(throttle, 1100, request()), 1000);
  });

  it('gives the exact wait, and a request made exactly after Retry-After passes', () => {
    const { clock, throttle } = setup({ enabled: true, omitRetryAfter: false, rateMultiplier: 0.01 });
    // rateMultiplier 0.01: 10 requests per 20 s per app, one every 2000 ms.
    assert.equal(burst(throttle, 10, request()), 10);
    clock.advance(500);
    const verdict = blocked(throttle.check(request()));
    assert.equal(verdict.waitMs, 1500);
    assert.equal(verdict.retryAfterSeconds, 2);
    clock.advance(verdict.waitMs - 1);
    assert.equal(throttle.check(request()).allowed, false);
    clock.advance(1);
    assert.equal(throttle.check(request()).allowed, true);

    const again = blocked(throttle.check(request()));
    clock.advance(again.retryAfterSeconds * 1000);
    assert.equal(throttle.check(request()).allowed, true);
  });

  it('rounds a wait that is not a whole number of milliseconds up, never down', () => {
    // 0.003: 3 requests per 20 s, one every 6666.67 ms.
    const { clock, throttle } = setup({ enabled: true, omitRetryAfter: false, rateMultiplier: 0.003 });
    assert.equal(burst(throttle, 3, request()), 3);
    const verdict = blocked(throttle.check(request()));
    assert.equal(verdict.waitMs, 6667);
    assert.equal(verdict.retryAfterSeconds, 7);
    clock.advance(6666);
    assert.equal(throttle.check(request()).allowed, false);
    clock.advance(1);
    assert.equal(throttle.check(request()).allowed, true);
  });

  it('reports the longest wait when several limits block', () => {
    const { clock, throttle } = setup({ enabled: true, omitRetryAfter: false, rateMultiplier: 0.1 });
    // 0.1: 100 any / 10 writes per app; 200 any / 20 writes per tenant.
    assert.equal(burst(throttle, 10, request({ method: 'PATCH' })), 10);
    assert.equal(burst(throttle, 90, request()), 90);
    clock.advance(1);
    // Both app buckets are empty; a write refills at 10/20 s (2000 ms) and any at 100/20 s (200 ms).
    const verdict = blocked(throttle.check(request({ method: 'PATCH' })));
    assert.deepEqual(verdict.blockedBy, { scope: 'app', kind: 'write', area: 'other' });
    assert.equal(verdict.waitMs, 1999);
  });

  it('keeps tenants apart', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 1000, request()), 1000);
    assert.equal(throttle.check(request()).allowed, false);
    assert.equal(burst(throttle, 1000, request({ tenantId: OTHER_TENANT })), 1000);
  });

  it('treats ids case-insensitively, as GUIDs are', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 1000, request()), 1000);
    assert.equal(throttle.check(request({ tenantId: TENANT.toUpperCase(), appId: APP.toUpperCase() })).allowed, false);
  });

  it('does not spend from any bucket when a request is refused', () => {
    const { throttle } = setup({ enabled: true, omitRetryAfter: false, rateMultiplier: 0.1 });
    assert.equal(burst(throttle, 10, request({ method: 'PATCH' })), 10);
    // 50 refused writes must not eat the read budget: 90 reads remain.
    assert.equal(burst(throttle, 50, request({ method: 'PATCH' })), 0);
    assert.equal(burst(throttle, 100, request()), 90);
  });

  it('lets everything through when disabled, and spends nothing meanwhile', () => {
    const { throttle } = setup({ enabled: false, omitRetryAfter: false });
    assert.equal(burst(throttle, 5000, request()), 5000);
    throttle.update({ enabled: true, omitRetryAfter: false });
    assert.equal(burst(throttle, 1001, request()), 1000);
  });

  it('applies a new rate at once and starts buckets afresh', () => {
    const { throttle } = setup();
    assert.equal(burst(throttle, 10, request()), 10);
    throttle.update({ enabled: true, omitRetryAfter: true, rateMultiplier: 0.01 });
    assert.equal(burst(throttle, 20, request()), 10);
    assert.equal(throttle.settings().omitRetryAfter, true);
  });

  it('rejects a rate that makes no sense', () => {
    const { throttle } = setup();
    assert.throws(() => throttle.update({ enabled: true, omitRetryAfter: false, rateMultiplier: 0 }), /rateMultiplier/);
    assert.throws(() => new IntuneThrottle(new ManualClock(0), { enabled: true, omitRetryAfter: false, rateMultiplier: Number.NaN }), /rateMultiplier/);
  });

  it('shows the buckets in use in a snapshot', () => {
    const { throttle } = setup();
    burst(throttle, 3, request({ method: 'PATCH' }));
    const snap = throttle.snapshot();
    const appWrite = snap.buckets.find((b) => b.scope === 'app' && b.kind === 'write');
    assert.deepEqual(appWrite, { scope: 'app', kind: 'write', area: 'other', tenantId: TENANT, appId: APP, capacity: 100, available: 97 });
    const tenantAny = snap.buckets.find((b) => b.scope === 'tenant' && b.kind === 'any');
    assert.equal(tenantAny?.available, 1997);
    assert.equal(tenantAny?.capacity, 2000);
    assert.equal('appId' in (tenantAny ?? {}), false);
  });
});
