// The rate budget and 429 handling against the demo tenant, on virtual time shared by tenant and
// client: a 429 storm with and without Retry-After completes and never sends early, and a burst
// of 3000 GETs stays inside Intune's published devices budget without a single 429.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { GraphClientEvent } from '../../../src/core/graph/client-events.ts';
import { managedDevice, managedDevices } from '../../../src/core/graph/graph-paths.ts';
import type { GraphClient } from '../../../src/core/graph/graph-client.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import type { TestBed } from './helpers/test-bed.ts';
import { eventsOf, seededRandom, startTestBed } from './helpers/test-bed.ts';

const WINDOW_MS = 20_000;

/** Counts every device of three concurrent full syncs (the sync engine runs partitions like this). */
async function threeConcurrentSyncs(client: GraphClient): Promise<number[]> {
  const sync = async (): Promise<number> => {
    let n = 0;
    for await (const page of client.pages(managedDevices, { query: { $top: 5, $select: 'id' } })) n += page.value.length;
    return n;
  };
  return Promise.all([sync(), sync(), sync()]);
}

/** Every send that started after a 429 arrived waited at least its Retry-After. */
function assertNothingSentEarly(events: readonly GraphClientEvent[]): number {
  let checked = 0;
  let notBefore = -Infinity;
  let cause: GraphClientEvent | undefined;
  for (const event of events) {
    if (event.kind === 'response' && event.status === 429 && event.retryAfterMs !== undefined) {
      if (event.at + event.retryAfterMs > notBefore) {
        notBefore = event.at + event.retryAfterMs;
        cause = event;
      }
    }
    if (event.kind === 'send' && notBefore > -Infinity) {
      checked++;
      assert.ok(event.at >= notBefore, `send at ${event.at} came ${notBefore - event.at} ms before Retry-After allowed (after ${JSON.stringify(cause)})`);
    }
  }
  return checked;
}

/** Most sends in any window of `windowMs` (half-open (t - window, t]). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('GraphClient throttling and rate budget', () => {
  let bed: TestBed;
  before(async () => {
    bed = await startTestBed({ devices: 500 });
  });
  after(async () => {
    await bed.stop();
  });

  it('rides out a 429 storm with Retry-After: every sync completes, no request goes before Retry-After allows', async () => {
    // A twentieth of the published rate: 100 device requests per 20 s for the app.
    await bed.throttling({ rateMultiplier: 0.05, omitRetryAfter: false });
    try {
      const { client, events } = bed.client({ random: seededRandom(1) });
      const counts = await threeConcurrentSyncs(client);
      assert.deepEqual(counts, [500, 500, 500]);
      const throttled = eventsOf(events, 'response').filter((e) => e.status === 429);
      assert.ok(throttled.length >= 10, `a storm, not a shower: ${throttled.length} 429s`);
      assert.ok(throttled.every((e) => e.retryAfterMs !== undefined && e.retryAfterMs >= 1000), 'each 429 said when to come back');
      const checked = assertNothingSentEarly(events);
      assert.ok(checked > 50, `ordering checked on ${checked} sends`);
      const pauses = eventsOf(events, 'wait').filter((e) => e.reason === 'retryAfter');
      assert.ok(pauses.length > 0, 'callers were told they waited for Retry-After');
    } finally {
      await bed.calm();
    }
  });

  it('rides out a 429 storm without Retry-After on exponential backoff with jitter', async () => {
    await bed.throttling({ rateMultiplier: 0.05, omitRetryAfter: true });
    try {
      const { client, events } = bed.client({ random: seededRandom(2) });
      const counts = await threeConcurrentSyncs(client);
      assert.deepEqual(counts, [500, 500, 500]);
      const throttled = eventsOf(events, 'response').filter((e) => e.status === 429);
      assert.ok(throttled.length >= 10, `a storm: ${throttled.length} 429s`);
      assert.ok(throttled.every((e) => e.retryAfterMs === undefined), 'the service said nothing about when');
      const backoffs = eventsOf(events, 'wait').filter((e) => e.reason === 'backoff');
      assert.ok(backoffs.length > 0, 'the client backed off on its own');
      // Full jitter: never above the cap for the attempt (base 1 s doubling, at most 32 s).
      assert.ok(backoffs.every((e) => e.ms >= 0 && e.ms <= 32_000));
      // Each retry of a request waited out the backoff chosen after its 429.
      const lastSend = new Map<string, number>();
      for (const e of events) {
        if (e.kind === 'send') {
          const previous = lastSend.get(e.clientRequestId);
          if (previous !== undefined) assert.ok(e.at >= previous, 'retries never go back in time');
          lastSend.set(e.clientRequestId, e.at);
        }
      }
    } finally {
      await bed.calm();
    }
  });

  it('gives up with a `throttled` Problem saying when it should clear, rather than wait past its deadline', async () => {
    // One device request per 20 s: the second has to wait 20 s, longer than this client's deadline.
    await bed.throttling({ rateMultiplier: 0.0001, omitRetryAfter: false });
    try {
      const { client, events } = bed.client({ retry: { deadlineMs: 10_000 } });
      // Spend the one request the tiny budget allows.
      await client.get(managedDevices.path, { query: { $top: 1 } });
      const error = await client.get(managedDevices.path, { query: { $top: 1 } }).then(
        () => assert.fail('expected a 429'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ProblemError);
      const p = error.problem;
      assert.equal(p.code, 'throttled');
      assert.equal(p.httpStatus, 429);
      assert.ok(p.retryAfterSeconds !== undefined && p.retryAfterSeconds >= 1);
      assert.ok(p.clearsAt !== undefined && Date.parse(p.clearsAt) > bed.time.now());
      assert.match(p.message, /throttled/);
      assert.match(p.message, /about \d+ seconds?/);
      assert.ok(p.requestId);
      const sends = eventsOf(events, 'send').filter((e) => e.clientRequestId === p.clientRequestId);
      assert.equal(sends.length, 1, 'no second try that could only come after the deadline');
      assert.ok(p.retryAfterSeconds >= 10);
      // Giving up on that request does not lift the throttle: the tenant's next request waits until it clears.
      await client.get(managedDevices.path, { query: { $top: 1 } }).catch(() => undefined);
      const clearsAt = Date.parse(p.clearsAt ?? '');
      const next = eventsOf(events, 'send').filter((e) => e.clientRequestId !== p.clientRequestId).at(-1);
      assert.ok(next, 'the next request was sent');
      assert.ok(next.at >= clearsAt, `sent at ${new Date(next.at).toISOString()}, before the throttle cleared at ${p.clearsAt ?? ''}`);
    } finally {
      await bed.calm();
    }
  });

  it('keeps a burst of 3000 device GETs inside 2000 per 20 s for the app, so the service never throttles', async () => {
    const { client: lister } = bed.client();
    const ids = (await lister.all(managedDevices, { query: { $select: 'id' } })).map((d: ManagedDevice) => d.id as string);
    const started = bed.time.now();
    const { client, events } = bed.client({ maxConcurrentRequests: 24 });
    const results = await Promise.all(
      Array.from({ length: 3000 }, (_, i) => client.get(managedDevice(ids[i % ids.length] as string), { query: { $select: 'id' } })),
    );
    assert.equal(results.length, 3000);
    const responses = eventsOf(events, 'response');
    assert.equal(responses.filter((r) => r.status === 429).length, 0, 'not one 429: the client stayed inside the budget');
    assert.equal(responses.length, 3000, 'no retries were needed');
    const sends = eventsOf(events, 'send').map((e) => e.at);
    const busiest = busiestWindow(sends, WINDOW_MS);
    assert.ok(busiest <= 2000, `${busiest} requests in one 20-second window`);
    assert.ok(busiest >= 1500, `the budget was used, not wasted (${busiest} in the busiest window)`);
    const waits = eventsOf(events, 'wait').filter((e) => e.reason === 'rateBudget');
    assert.ok(waits.length > 0, 'callers were told they waited for the budget');
    assert.ok(waits.every((w) => w.budget?.area === 'devices' && w.budget.kind === 'any'));
    // 1800 at once, then 90 per second: at least (3000 - 1800) / 90 seconds of virtual time.
    assert.ok(bed.time.now() - started >= ((3000 - 1800) / 90) * 1000 - 1000);
  });
});
