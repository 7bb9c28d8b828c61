// A sync that outlives its access token. The demo tenant issues tokens that live two seconds and
// accepts none past expiry (clock skew 0); the sync is slowed to last several lifetimes. The
// token provider renews through the real refresh-token grant, the Graph client asks it for every
// request, and the sync completes without a 401 reaching anyone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import { readInventory } from './helpers/store-checks.ts';
import { refreshingTokenProvider } from './helpers/refreshing-token-provider.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { eventsOf, startSyncTenant } from './helpers/sync-tenant.ts';

const DEVICES = 1500;
const LIFETIME_SECONDS = 2;

describe('a token that expires mid-sync', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, latencyMs: 200 });
    await t.admin('PATCH', '/identity', { accessTokenLifetimeSeconds: LIFETIME_SECONDS, clockSkewSeconds: 0 });
  });
  after(async () => {
    await t.stop();
  });

  it('is renewed without anyone noticing: the sync spans several lifetimes and completes', async (context) => {
    const tokens = refreshingTokenProvider(t.baseUrl, t.ca);
    const { client, events } = t.client({ tokenProvider: tokens.provide });
    const dataDir = t.dataDir();
    const sync = new DeviceSync({ client, openStore: t.opener(dataDir), settings: { pageSize: 25, concurrency: 2 } });
    const started = Date.now();
    const result = await sync.fullSync();
    sync.close();
    const seconds = (Date.now() - started) / 1000;

    assert.equal(result.deviceCount, await t.deviceCount());
    assert.equal(readInventory(dataDir).snapshot.count, result.deviceCount);
    assert.ok(seconds >= 3 * LIFETIME_SECONDS, `the sync lasted ${seconds.toFixed(1)} s, several token lifetimes`);
    assert.ok(tokens.refreshes() >= 2, `the token was renewed ${tokens.refreshes()} times`);
    assert.ok(tokens.calls() > tokens.tokens().length, 'the client asked the provider for every request');
    // Every request succeeded, at the latest on the one retry the client makes with a newer token.
    const answers = eventsOf(events, 'response');
    const unauthorized = answers.filter((a) => a.status === 401);
    for (const denied of unauthorized) {
      assert.ok(answers.some((a) => a.clientRequestId === denied.clientRequestId && a.status === 200 && a.attempt > denied.attempt), 'a 401 was retried with a fresh token');
    }
    context.diagnostic(`${seconds.toFixed(1)} s, ${tokens.tokens().length} tokens, ${tokens.refreshes()} refreshes, ${tokens.calls()} provider calls, ${unauthorized.length} 401s retried inside the client`);
  });
});
