// $batch against the demo tenant: 45 items go as 20 + 20 + 5, throttled items (and only those)
// go again after the longest Retry-After, dependsOn chains survive a retry, a failed dependency
// gives 424, and results come back in request order.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { BatchItem } from '../../../src/core/graph/batch.ts';
import { deviceAction, managedDevice, managedDevices } from '../../../src/core/graph/graph-paths.ts';
import type { TestBed } from './helpers/test-bed.ts';
import { MEGAN, eventsOf, seededRandom, startTestBed } from './helpers/test-bed.ts';

describe('GraphClient $batch', () => {
  let bed: TestBed;
  let ids: string[];
  before(async () => {
    bed = await startTestBed({ devices: 500, seed: 5 });
    const { client } = bed.client();
    ids = (await client.all(managedDevices, { query: { $select: 'id' } })).map((d: ManagedDevice) => d.id as string);
  });
  after(async () => {
    await bed.stop();
  });

  const getDevice = (n: number): BatchItem => ({ id: `d${n}`, method: 'GET', url: `${managedDevice(ids[n] as string).path}?$select=id,deviceName` });

  it('splits 45 items into 20 + 20 + 5 and answers each, in request order', async () => {
    const { client, events } = bed.client();
    const items = Array.from({ length: 45 }, (_, n) => getDevice(n));
    const results = await client.batch(items);
    assert.deepEqual(results.map((r) => r.id), items.map((i) => i.id));
    for (const [n, r] of results.entries()) {
      assert.equal(r.status, 200);
      assert.equal((r.body as ManagedDevice).id, ids[n]);
      assert.equal(r.attempts, 1);
      assert.equal(r.problem, undefined);
    }
    const envelopes = eventsOf(events, 'send').map((s) => s.batchItemIds?.length);
    assert.deepEqual(envelopes.sort(), [20, 20, 5].sort());
    assert.ok(eventsOf(events, 'send').every((s) => s.method === 'POST' && s.path.endsWith('/$batch')));
  });

  it('retries only the throttled items, after the longest item Retry-After', async () => {
    // 40 device requests per 20 s for the app: 5 of the 45 items are throttled.
    await bed.throttling({ rateMultiplier: 0.02 });
    try {
      const { client, events } = bed.client({ random: seededRandom(1) });
      const items = Array.from({ length: 45 }, (_, n) => getDevice(n));
      const results = await client.batch(items);
      assert.deepEqual(results.map((r) => r.id), items.map((i) => i.id));
      assert.ok(results.every((r) => r.status === 200), `all answered: ${results.map((r) => r.status).join(',')}`);

      const rounds = eventsOf(events, 'batchRound');
      assert.ok(rounds.length >= 2, 'a second round was needed');
      assert.equal(rounds[0]?.sentItemIds.length, 45);
      assert.equal(rounds[0]?.retryItemIds.length, 5, 'exactly the throttled items go again');
      for (let i = 1; i < rounds.length; i++) {
        assert.deepEqual([...(rounds[i]?.sentItemIds ?? [])].sort(), [...(rounds[i - 1]?.retryItemIds ?? [])].sort(), 'a round sends only what the last one failed');
      }
      const retried = new Set(rounds.flatMap((r) => r.retryItemIds));
      for (const r of results) assert.equal(r.attempts > 1, retried.has(r.id), `${r.id} tried ${r.attempts} times`);

      // No envelope of a later round went before the longest Retry-After of the previous one allowed.
      const firstRoundEnd = eventsOf(events, 'response').filter((r) => r.status === 200).slice(0, 3);
      const sends = eventsOf(events, 'send');
      const laterSends = sends.slice(3);
      assert.ok(laterSends.length > 0);
      const lastFirstAnswer = Math.max(...firstRoundEnd.map((r) => r.at));
      assert.ok(laterSends.every((s) => s.at >= lastFirstAnswer + 1000), 'the retry waited the items\' Retry-After (1 s or more)');
      assert.ok(eventsOf(events, 'wait').some((w) => w.reason === 'retryAfter'));
    } finally {
      await bed.calm();
    }
  });

  it('sends a dependent item again together with its throttled dependency', async () => {
    // Back to the full budget first, so the tiny one starts full: 40 requests.
    await bed.throttling({ rateMultiplier: 1 });
    await bed.throttling({ rateMultiplier: 0.02 });
    try {
      const { client, events } = bed.client({ random: seededRandom(2) });
      // Spend 39 of the 40 (virtual time stands still while nothing sleeps).
      await Promise.all(Array.from({ length: 39 }, (_, n) => client.get(managedDevice(ids[n] as string), { query: { $select: 'id' } })));
      const results = await client.batch([
        { ...getDevice(100), id: 'first' }, // takes the last request of the budget
        { ...getDevice(101), id: 'parent' }, // throttled
        { ...getDevice(102), id: 'child', dependsOn: ['parent'] }, // 424 because its parent failed
      ]);
      assert.deepEqual(results.map((r) => [r.id, r.status, r.attempts]), [['first', 200, 1], ['parent', 200, 2], ['child', 200, 2]]);
      const second = eventsOf(events, 'batchRound')[1];
      assert.deepEqual(second?.sentItemIds, ['parent', 'child'], 'the child went again with its parent');
    } finally {
      await bed.calm();
    }
  });

  it('answers 424 for items whose dependency failed, naming it, and does not send what cannot succeed', async () => {
    const { client } = bed.client();
    const results = await client.batch([
      { id: 'missing', method: 'GET', url: managedDevice('00000000-0000-0000-0000-000000000000').path },
      { ...getDevice(1), id: 'after-missing', dependsOn: ['missing'] },
      { ...getDevice(2), id: 'chain', dependsOn: ['after-missing'] },
      { ...getDevice(3), id: 'independent' },
    ]);
    const [missing, afterMissing, chain, independent] = results;
    assert.equal(missing?.status, 404);
    assert.equal(missing?.problem?.code, 'notFound');
    assert.ok(missing?.problem?.requestId, 'the item\'s own request id');
    assert.equal(afterMissing?.status, 424);
    assert.equal(afterMissing?.problem?.code, 'notFound', 'the cause is the missing device');
    assert.match(afterMissing?.problem?.message ?? '', /"missing"/);
    assert.equal(chain?.status, 424);
    assert.match(chain?.problem?.message ?? '', /"after-missing"/);
    assert.equal(independent?.status, 200);
  });

  it('keeps dependencies across the 20-item boundary by holding items for the next round', async () => {
    const { client, events } = bed.client();
    const items: BatchItem[] = Array.from({ length: 20 }, (_, n) => getDevice(n));
    items.push({ ...getDevice(20), id: 'late', dependsOn: ['d19'] });
    const results = await client.batch(items);
    assert.ok(results.every((r) => r.status === 200));
    const rounds = eventsOf(events, 'batchRound');
    assert.equal(rounds.length, 2, 'the dependent item waited for its dependency');
    assert.deepEqual(rounds[1]?.sentItemIds, ['late']);
  });

  it('reports per-item Problems (a 403 for a wipe by a Read Only Operator) without failing the rest', async () => {
    const token = await bed.token(MEGAN);
    const { client } = bed.client({ token });
    const results = await client.batch([
      getDevice(5),
      { id: 'wipe', method: 'POST', url: deviceAction(ids[6] as string, 'wipe'), body: {} },
    ]);
    assert.equal(results[0]?.status, 200);
    assert.equal(results[1]?.status, 403);
    assert.equal(results[1]?.problem?.code, 'forbidden');
    assert.equal(results[1]?.problem?.requiredRole, 'Microsoft.Intune_RemoteTasks_Wipe');
  });

  it('refuses a batch whose dependsOn names no earlier item', async () => {
    const { client } = bed.client();
    await assert.rejects(client.batch([{ ...getDevice(1), id: 'a', dependsOn: ['b'] }, { ...getDevice(2), id: 'b' }]), RangeError);
    await assert.rejects(client.batch([getDevice(1), getDevice(1)]), RangeError);
  });
});
