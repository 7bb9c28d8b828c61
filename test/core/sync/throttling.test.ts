// A full sync through a 429 storm: the demo tenant's budgets cut to a small fraction of
// Intune's published rates, on virtual time shared by tenant, client and engine (sleeps do not
// wait, so minutes of Retry-After pass in moments and every "not before" is exact). With
// Retry-After, no request leaves before the last 429 allows; without it, the client backs off
// on its own; either way the sync completes with the exact count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphClientEvent } from '../../../src/core/graph/client-events.ts';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import { readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { eventsOf, seededRandom, startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 1000;

/** Every send after a 429 waited at least its Retry-After; returns how many sends were checked. */
function assertNothingSentEarly(events: readonly GraphClientEvent[]): number {
  let notBefore = -Infinity;
  let checked = 0;
  for (const event of events) {
    if (event.kind === 'response' && event.status === 429 && event.retryAfterMs !== undefined) notBefore = Math.max(notBefore, event.at + event.retryAfterMs);
    if (event.kind === 'send' && notBefore > -Infinity) {
      checked++;
      assert.ok(event.at >= notBefore, `a request went ${notBefore - event.at} ms before Retry-After allowed`);
    }
  }
  return checked;
}

function describeSpan(events: readonly GraphClientEvent[]): string {
  const first = events[0]?.at ?? 0;
  const last = events[events.length - 1]?.at ?? 0;
  return `${Math.round((last - first) / 1000)} s of virtual time`;
}

describe('a sync in a 429 storm', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, virtualTime: true });
  });
  after(async () => {
    await t.stop();
  });

  const syncThroughStorm = async (omitRetryAfter: boolean, seed: number): Promise<{ readonly events: GraphClientEvent[]; readonly count: number }> => {
    // A two-hundredth of the published rate: 10 device requests per 20 s for the app.
    await t.admin('PATCH', '/throttling', { enabled: true, rateMultiplier: 0.005, omitRetryAfter });
    try {
      const dataDir = t.dataDir();
      const { client, events } = t.client({ maxConcurrentRequests: 2, random: seededRandom(seed) });
      const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 50, concurrency: 2 }, ...(t.time ? { time: t.time } : {}) });
      const result = await sync.fullSync();
      sync.close();
      assert.equal(readInventory(dataDir).snapshot.count, result.deviceCount);
      return { events, count: result.deviceCount };
    } finally {
      await t.calm();
    }
  };

  it('with Retry-After: completes with the exact count, and no request goes out before Retry-After allows', async (context) => {
    const { events, count } = await syncThroughStorm(false, 1);
    assert.equal(count, await t.deviceCount());
    const throttled = eventsOf(events, 'response').filter((e) => e.status === 429);
    assert.ok(throttled.length >= 10, `a storm: ${throttled.length} answers were 429`);
    assert.ok(throttled.every((e) => e.retryAfterMs !== undefined && e.retryAfterMs >= 1000), 'each 429 said when to come back');
    const checked = assertNothingSentEarly(events);
    assert.ok(checked >= 10, `ordering checked on ${checked} requests`);
    context.diagnostic(`${throttled.length} answers were 429; ordering checked on ${checked} requests over ${describeSpan(events)}`);
  });

  it('a storm the client gives up in: the sync waits until it clears and resumes each partition where it stopped', async (context) => {
    // Two device requests per 20 s, with the engine's usual concurrency: requests run out of
    // attempts in the client, which reports them throttled; the run outlasts that.
    await t.admin('PATCH', '/throttling', { enabled: true, rateMultiplier: 0.001, omitRetryAfter: false });
    try {
      const dataDir = t.dataDir();
      const { client, events } = t.client({ random: seededRandom(3) });
      const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 50 }, ...(t.time ? { time: t.time } : {}) });
      const result = await sync.fullSync();
      sync.close();
      assert.equal(result.deviceCount, await t.deviceCount());
      assert.equal(readInventory(dataDir).snapshot.count, result.deviceCount);
      // Requests the client gave up on: their last answer was a 429.
      const last = new Map<string, number>();
      for (const e of eventsOf(events, 'response')) last.set(e.clientRequestId, e.status);
      const givenUp = [...last.values()].filter((status) => status === 429).length;
      assert.ok(givenUp >= 1, 'the client gave up on some requests');
      // Resumed from the last nextLink: no page was received twice.
      const paths = new Map(eventsOf(events, 'send').map((e) => [e.clientRequestId, e.path]));
      const received = eventsOf(events, 'response').filter((e) => e.status === 200).map((e) => paths.get(e.clientRequestId) ?? '');
      const pages = received.filter((p) => !p.includes('$count=true'));
      assert.equal(new Set(pages).size, pages.length, 'each page once');
      assertNothingSentEarly(events);
      context.diagnostic(`${givenUp} requests given up by the client and resumed by the sync; ${describeSpan(events)}`);
    } finally {
      await t.calm();
    }
  });

  it('without Retry-After: backs off on its own and completes with the exact count', async (context) => {
    const { events, count } = await syncThroughStorm(true, 2);
    assert.equal(count, await t.deviceCount());
    const throttled = eventsOf(events, 'response').filter((e) => e.status === 429);
    assert.ok(throttled.length >= 10, `a storm: ${throttled.length} answers were 429`);
    assert.ok(throttled.every((e) => e.retryAfterMs === undefined), 'the service did not say when');
    const backoffs = eventsOf(events, 'wait').filter((e) => e.reason === 'backoff');
    assert.ok(backoffs.length > 0, 'the client waited on its own');
    context.diagnostic(`${throttled.length} answers were 429; ${backoffs.length} waits on backoff over ${describeSpan(events)}`);
    // After a 429, no request of the tenant went before the backoff chosen for it was over.
    let notBefore = -Infinity;
    for (const e of events) {
      if (e.kind === 'wait' && e.reason === 'backoff') notBefore = Math.max(notBefore, e.at + e.ms);
      if (e.kind === 'send' && notBefore > -Infinity) assert.ok(e.at >= notBefore, `a request went ${notBefore - e.at} ms before the backoff was over`);
    }
  });
});
