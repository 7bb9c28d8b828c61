// The desktop host refreshes the inventory's other entities after each device sync, with the
// scopes the sign-in holds, and says how it went in the activity log: against the demo tenant the
// host starts itself, signed in through the real pages in Chromium, into a real inventory file.
// An entity that fails is a problem entry; the device sync before it stays a success.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InventoryStore } from '../../src/core/inventory/index.ts';
import { CONTOSO } from '../../src/emulator/directory/demo-directory.ts';
import type { ActivityEntry } from '../../src/shared/bridge/api.ts';
import { startHostFixture } from './helpers/host-fixture.ts';
import type { HostFixture } from './helpers/host-fixture.ts';

const SIGNED_IN = 'You are signed in to Intune Desk';
const ADELE = { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026' };
const PROFILE = 'demo-contoso';

let f: HostFixture;

before(async () => {
  f = await startHostFixture({ sync: { pageSize: 100, concurrency: 1, progressIntervalMs: 0 } });
});

after(async () => {
  await f?.stop();
});

/** The first activity entry from now on whose summary matches. */
function nextEntry(summary: RegExp): Promise<ActivityEntry> {
  return new Promise((resolve) => {
    const off = f.host.activity.onEntry((entry) => {
      if (!summary.test(entry.summary)) return;
      off();
      resolve(entry);
    });
  });
}

/** A sync started from the window, to the end of its entity refresh; the entry that matches `summary`. */
async function syncUntil(summary: RegExp): Promise<ActivityEntry> {
  const entry = nextEntry(summary);
  await f.value('sync.start', {});
  await f.host.sync.idle(PROFILE);
  return entry;
}

function store(): InventoryStore {
  return f.host.context.inventories.store(CONTOSO.id);
}

describe('the host refreshes the other entities after the devices', () => {
  test('after the first sync: the users the devices name, and what is not allowed yet', async () => {
    // No automatic refresh, so the only runs are the ones this test starts.
    await f.value('settings.update', { autoRefreshMinutes: 0 });
    await f.value('tenants.useDemo', {});
    const browser = await f.browser();
    await browser.during({ ...ADELE, consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.signIn', {}));

    const entry = await syncUntil(/^Also refreshed in /);
    // The entities were committed after the devices; the window's search text is read again
    // ahead of the next keystroke, not by it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(store().isSearchPrepared(), true, 'the short-search lines are current after the entity refresh');
    const match = /^Also refreshed in Contoso Ltd \(demo\): ([\d,]+) users\. Not allowed yet: apps \(apps\), configuration profiles \(policies\), compliance policies \(policies\), Intune roles \(roles\), Intune role assignments \(roles\), tenant settings \(tenantSettings\)\.$/.exec(entry.summary);
    assert.ok(match, entry.summary);
    const owners = new Set([...store().exportRows()].flatMap((d) => (d.userId ? [d.userId.toLowerCase()] : [])));
    assert.ok(owners.size > 0);
    assert.equal(Number(match[1]?.replaceAll(',', '')), owners.size);
    assert.equal(store().listEntities('users').total, owners.size);

    const [last, devices] = await f.value('activity.list', { limit: 2 });
    assert.equal(last?.summary, entry.summary, 'the entities come after the devices');
    assert.match(devices?.summary ?? '', /^Full sync of Contoso Ltd \(demo\): 300 devices/);
    const state = await f.value('sync.state', {});
    assert.deepEqual([state.running, state.deviceCount, state.lastProblem], [false, 300, undefined]);
  });

  test('once tenant settings are allowed, the next sync stores them, and says which parts need more', async () => {
    const browser = await f.browser();
    await browser.during({ consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.ensureFeature', { feature: 'tenantSettings' }));
    const entry = await syncUntil(/^Also refreshed in /);
    const match = / ([\d,]+) tenant settings \(without Intune tenant settings, Apple push certificate, branding profiles\)\./.exec(entry.summary);
    assert.ok(match, entry.summary);
    const count = Number(match[1]?.replaceAll(',', ''));
    assert.ok(count > 0);
    assert.equal(store().listEntities('serviceConfiguration', { limit: 1000 }).total, count);
    assert.doesNotMatch(entry.summary, /tenant settings \(tenantSettings\)/);
  });

  test('an entity that fails is a problem of its own; the device sync stays a success and the entity keeps what it had', async () => {
    // The sign-in claims the apps permission, which the tenant never granted (an admin took it
    // back, say): asking for a token for it fails, for apps and for the settings that need it.
    await f.host.context.tokenCache.updateSignIns((signIns) => {
      const mine = signIns[PROFILE];
      assert.ok(mine);
      return { ...signIns, [PROFILE]: { ...mine, grantedScopes: [...mine.grantedScopes, 'DeviceManagementApps.Read.All'] } };
    });
    const settingsBefore = store().listEntities('serviceConfiguration', { limit: 1000 });
    const problem = nextEntry(/^The apps of Contoso Ltd \(demo\) were not refreshed: /);
    const entry = await syncUntil(/^Also refreshed in /);
    const failed = await problem;

    assert.equal(failed.kind, 'problem');
    assert.equal(failed.problem?.code, 'consentRequired', 'a permission the tenant does not grant, not an Intune role');
    assert.match(entry.summary, /^Also refreshed in Contoso Ltd \(demo\): [\d,]+ users\. Not allowed yet: configuration profiles \(policies\), .*\. Not refreshed: apps \(\w+\), tenant settings \(\w+\)\.$/);
    assert.equal(store().listEntities('mobileApps').total, 0);
    assert.deepEqual(store().listEntities('serviceConfiguration', { limit: 1000 }), settingsBefore, 'the settings stored before are kept');

    const state = await f.value('sync.state', {});
    assert.deepEqual([state.running, state.deviceCount, state.lastProblem], [false, 300, undefined], 'the device sync did not fail');
    const recent = await f.value('activity.list', { limit: 4 });
    assert.ok(recent.some((e) => e.kind === 'sync' && /^Incremental sync of Contoso Ltd \(demo\)/.test(e.summary)), JSON.stringify(recent));
  });
});
