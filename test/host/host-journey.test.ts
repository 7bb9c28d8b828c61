// The desktop host end to end, as the window drives it, against the demo tenant started by the
// host itself: first run, the demo choice, sign-in through the real pages in Chromium, sync,
// the grid, the device panel live and cached, the partner's second tenant, the service going
// away (offline, with as-of times), switching tenants offline, a Read Only Operator's remote
// action refused with the role it lacks. Then every answer and event is scanned for tokens.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KeyFileEncryptor } from '../../src/core/auth/index.ts';
import { ADMIN_KEY_HEADER } from '../../src/emulator/admin.ts';
import { CONTOSO, NORTHWIND } from '../../src/emulator/directory/demo-directory.ts';
import type { DeviceRow, SyncState } from '../../src/shared/bridge/api.ts';
import { decryptCacheFile } from '../core/auth/auth-fixture.ts';
import { httpsRequest } from '../helpers/https-request.ts';
import { startHostFixture } from './helpers/host-fixture.ts';
import type { HostFixture } from './helpers/host-fixture.ts';

const SIGNED_IN = 'You are signed in to Intune Desk';
const ADELE = { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026' };
const MEGAN = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };
const PRADEEP = { upn: 'pradeep.gupta@contoso.onmicrosoft.com', password: 'Contoso-User-2026' };
const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;

let f: HostFixture;
/** Every token the token cache held at some point of the journey. */
const tokensSeen = new Set<string>();

async function noteTokens(): Promise<void> {
  const { msal } = await decryptCacheFile(join(f.dataDir, 'token-cache.bin'), new KeyFileEncryptor(join(f.dataDir, 'token-cache.key')));
  for (const kind of [msal.RefreshToken, msal.AccessToken, msal.IdToken]) for (const entry of Object.values(kind)) tokensSeen.add(entry.secret);
}

async function emulatorAdmin(path: string, body: unknown): Promise<void> {
  const demo = f.host.demo.inProcess?.tenant;
  assert.ok(demo);
  const res = await httpsRequest(`${demo.urls.adminUrl}${path}`, { method: 'PATCH', ca: demo.caCertificatePem, headers: { [ADMIN_KEY_HEADER]: demo.ready.admin.key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, res.text);
}

/** A sync of the open tenant (joining the one the sign-in may have started), to its end. */
async function syncNow(profileId: string): Promise<void> {
  await f.value('sync.start', {});
  await f.host.sync.idle(profileId);
}

before(async () => {
  f = await startHostFixture({ sync: { pageSize: 20, concurrency: 1, progressIntervalMs: 0 } });
});

after(async () => {
  await f?.stop();
});

describe('a technician\'s day with the desktop host', () => {
  let contosoRows: readonly DeviceRow[] = [];

  test('first run, then the demo choice adds both demo tenants and opens Contoso', async () => {
    assert.deepEqual(await f.value('tenants.setup', {}), { firstRun: true, tenants: [], tenantsLocked: false });
    const setup = await f.value('tenants.useDemo', {});
    assert.equal(setup.firstRun, false);
    assert.equal(setup.currentProfileId, 'demo-contoso');
    assert.deepEqual(setup.tenants.map((t) => [t.profileId, t.label, t.kind, t.managed]), [
      ['demo-contoso', 'Contoso Ltd (demo)', 'demo', false],
      ['demo-northwind', 'Northwind Traders (demo)', 'demo', false],
    ]);
    assert.deepEqual(await f.value('session.state', {}), { profileId: 'demo-contoso', signedIn: false, grantedScopes: [], features: [] });
    const before = await f.problem('devices.window', { offset: 0, limit: 10 }, 'signInRequired');
    assert.match(before.message, /Sign in to see its devices/);
  });

  test('sign-in opens the demo tenant\'s own pages and asks only for reading devices', async () => {
    const browser = await f.browser();
    const { result, trace } = await browser.during({ ...ADELE, consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.signIn', {}));
    assert.deepEqual(trace.headings, ['Pick an account', 'Enter password', 'Permissions requested']);
    assert.deepEqual(trace.consentLabels, ['Read Microsoft Intune devices', 'Sign you in and read your profile', 'Maintain access to data you have given it access to']);
    assert.equal(new URL(browser.opened.at(-1) ?? '').origin, f.host.demo.endpoint?.baseUrl, 'the demo sign-in window, not the system browser');
    assert.deepEqual(f.external, []);
    assert.deepEqual(result, {
      profileId: 'demo-contoso', signedIn: true,
      account: { username: ADELE.upn, tenantId: CONTOSO.id, name: 'Adele Vance' },
      grantedScopes: [READ_DEVICES], intuneRoles: ['Intune Administrator'], features: ['browseDevices'],
    });
    await noteTokens();
  });

  test('sync fills the inventory; progress reaches the window at most about five times a second', async () => {
    // The first sign-in started a sync of the empty inventory; let it finish, then watch a slow full one.
    await f.host.sync.idle('demo-contoso');
    const before = await f.value('sync.state', {});
    await emulatorAdmin('/faults', { latencyMs: 60 });
    const from = f.events.length;
    const ended = f.nextEvent('syncState', (p) => (p as SyncState).running === false && (p as SyncState).asOf !== before.asOf);
    const started = await f.value('sync.start', { kind: 'full' });
    assert.equal(started.running, true);
    await ended;
    await emulatorAdmin('/faults', { latencyMs: 0 });
    const states = f.events.slice(from).filter((e) => e.name === 'syncState');
    const last = states.at(-1)?.payload as SyncState;
    assert.equal(last.running, false);
    assert.equal(last.deviceCount, 300);
    assert.ok(last.asOf);
    const progress = states.filter((e) => (e.payload as SyncState).progress !== undefined);
    assert.ok(progress.length >= 3, `progress was shown (${progress.length} events)`);
    const elapsed = (states.at(-1)?.at ?? 0) - (states[0]?.at ?? 0);
    assert.ok(elapsed > 700, `the slowed sync took ${elapsed} ms`);
    for (const e of states) {
      const within = states.filter((x) => x.at >= e.at && x.at < e.at + 1000).length;
      assert.ok(within <= 6, `${within} syncState events within one second`);
    }
    const state = await f.value('sync.state', {});
    assert.deepEqual([state.running, state.deviceCount, state.offline], [false, 300, false]);
  });

  test('the grid: any window of the list, search, filters, facets, categories, export', async () => {
    const first = await f.value('devices.window', { offset: 0, limit: 100 });
    assert.equal(first.total, 300);
    assert.equal(first.rows.length, 100);
    assert.ok(first.asOf);
    // SQLite's NOCASE: ASCII letters without regard to case, everything else by code unit.
    const folded = first.rows.map((r) => (r.deviceName ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase()));
    assert.ok(folded.every((name, i) => i === 0 || (folded[i - 1] ?? '') <= name), 'ordered by name');
    const last = await f.value('devices.window', { offset: 280, limit: 100 });
    assert.equal(last.rows.length, 20);
    assert.equal(last.offset, 280);
    const all = [...first.rows, ...(await f.value('devices.window', { offset: 100, limit: 180 })).rows, ...last.rows];
    assert.equal(new Set(all.map((r) => r.id)).size, 300, 'windows tile the list without gaps or repeats');
    contosoRows = all;

    const target = all[137] as DeviceRow;
    const found = await f.value('devices.window', { offset: 0, limit: 500, search: (target.deviceName ?? '').slice(0, 8) });
    assert.ok(found.rows.some((r) => r.id === target.id), 'search finds the device by part of its name');

    const facets = await f.value('devices.facets', {});
    assert.equal(facets.total, 300);
    const windows = facets.operatingSystem.find((c) => c.value === 'Windows');
    assert.ok(windows);
    const filtered = await f.value('devices.window', { offset: 0, limit: 1, filter: { operatingSystem: ['Windows'] }, sort: { column: 'lastSyncDateTime', direction: 'desc' } });
    assert.equal(filtered.total, windows.count);
    const categories = await f.value('devices.categories', {});
    assert.ok(categories.length > 0 && categories.every((c) => typeof c === 'string'));

    const exported = await f.value('devices.exportCsv', { filter: { operatingSystem: ['Windows'] }, sort: { column: 'deviceName' }, columns: ['deviceName', 'operatingSystem'] });
    assert.equal(exported.kind, 'content');
    assert.equal(exported.rows, windows.count);
    const lines = (exported.content ?? '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'deviceName,operatingSystem');
    assert.equal(lines.length, windows.count + 1);
    assert.ok(lines.slice(1).every((l) => l.endsWith(',Windows')));
  });

  test('an export the shell saves streams to the chosen file; a cancelled dialog writes nothing', async () => {
    const path = join(f.dataDir, 'chosen.csv');
    f.saveDialog(path);
    const saved = await f.value('devices.exportCsv', { search: 'lap', columns: ['deviceName', 'serialNumber', 'lastSyncDateTime'] });
    const window = await f.value('devices.window', { offset: 0, limit: 500, search: 'lap' });
    assert.deepEqual(saved, { kind: 'saved', rows: window.total, path, fileName: 'chosen.csv' });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
    assert.equal(lines[0], 'deviceName,serialNumber,lastSyncDateTime');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]?.replace(/^"|"$/g, '').replaceAll('""', '"')), window.rows.map((r) => r.deviceName ?? ''));
    f.saveDialog(undefined);
    assert.deepEqual(await f.value('devices.exportCsv', { columns: ['deviceName'] }), { kind: 'cancelled', rows: 0 });
    f.saveDialog('none');
    const activity = await f.value('activity.list', { limit: 3 });
    assert.ok(activity.some((e) => e.kind === 'export' && e.summary.includes(path)));
  });

  test('a sync can be cancelled; the inventory keeps what it had', async () => {
    const before = await f.value('sync.state', {});
    await emulatorAdmin('/faults', { latencyMs: 80 });
    try {
      assert.equal((await f.value('sync.start', { kind: 'full' })).running, true);
      await f.nextEvent('syncState', (p) => (p as SyncState).progress?.phase === 'fetching');
      const cancelled = await f.value('sync.cancel', {});
      assert.equal(cancelled.running, false);
      assert.equal(cancelled.deviceCount, 300);
      assert.equal(cancelled.asOf, before.asOf, 'the last completed snapshot stays');
      assert.equal(cancelled.lastProblem, undefined, 'cancelling is not a failure');
    } finally {
      await emulatorAdmin('/faults', { latencyMs: 0 });
    }
    const [entry] = await f.value('activity.list', { limit: 1 });
    assert.equal(entry?.kind, 'sync');
    assert.match(entry?.summary ?? '', /^Sync of Contoso Ltd \(demo\) cancelled/);
  });

  test('the device panel: live sections read in parallel, and the cached view with its as-of time', async () => {
    const device = contosoRows.find((r) => r.userPrincipalName === ADELE.upn) ?? contosoRows[0];
    assert.ok(device);
    const live = await f.value('devices.detail', { id: device.id, live: true });
    assert.equal(live.id, device.id);
    assert.equal(live.properties.source, 'live');
    assert.equal(live.properties.value?.['deviceName'], device.deviceName);
    for (const name of ['compliance', 'configuration', 'detectedApps', 'primaryUser', 'actionHistory'] as const) {
      const section = live[name];
      assert.ok(section.source === 'live' || section.problem, `${name} is live or says why not`);
    }
    assert.ok(Array.isArray(live.compliance.value) && live.compliance.value.length > 0);
    assert.ok((live.detectedApps.value ?? []).length > 0);
    assert.equal(live.primaryUser.value?.userPrincipalName, device.userPrincipalName);
    const cached = await f.value('devices.detail', { id: device.id, live: false });
    assert.equal(cached.properties.source, 'cached');
    assert.ok(cached.properties.asOf);
    assert.equal(cached.compliance.source, 'unavailable');
    assert.equal(cached.row.id, device.id);
    const mine = await f.value('devices.mine', {});
    assert.ok(mine.rows.length > 0 && mine.rows.every((r) => r.userPrincipalName === ADELE.upn), 'my devices, live');
  });

  test('a partner opens the second tenant with the same account: consent there, nothing else', async () => {
    const browser = await f.browser();
    const setup = await f.value('tenants.switchTo', { profileId: 'demo-northwind' });
    assert.equal(setup.currentProfileId, 'demo-northwind');
    await f.problem('devices.window', { offset: 0, limit: 10 }, 'signInRequired');
    const { result, trace } = await browser.during({ consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.signIn', {}));
    assert.deepEqual(trace.headings, ['Permissions requested'], 'no account picker and no password: the account was known');
    assert.equal(result.account?.username, ADELE.upn);
    assert.equal(result.account?.tenantId, NORTHWIND.id);
    await syncNow('demo-northwind');
    const northwind = await f.value('devices.window', { offset: 0, limit: 500 });
    assert.equal(northwind.total, 50);
    const contosoIds = new Set(contosoRows.map((r) => r.id));
    assert.ok(northwind.rows.every((r) => !contosoIds.has(r.id)), 'only Northwind\'s devices');
    await noteTokens();
    await f.value('tenants.switchTo', { profileId: 'demo-contoso' });
  });

  test('when the demo tenant stops answering the host goes offline and keeps serving the inventory with its as-of time', async () => {
    const device = contosoRows[3] as DeviceRow;
    const offline = f.nextEvent('syncState', (p) => (p as SyncState).offline === true);
    await f.host.demo.inProcess?.tenant.stop();
    const state = (await offline) as SyncState;
    assert.equal(state.profileId, 'demo-contoso');
    assert.ok(state.asOf);
    const window = await f.value('devices.window', { offset: 0, limit: 20 });
    assert.equal(window.total, 300);
    assert.equal(window.asOf, state.asOf);
    const detail = await f.value('devices.detail', { id: device.id, live: true });
    assert.equal(detail.properties.source, 'cached');
    assert.equal(detail.properties.asOf, state.asOf);
    assert.equal(detail.properties.problem?.code, 'offline');
    assert.equal(detail.properties.problem?.asOf, state.asOf);
    assert.equal(detail.compliance.problem?.code, 'offline');
    const mine = await f.value('devices.mine', {});
    assert.equal(mine.asOf, state.asOf, 'my devices from the inventory, as of the last sync');
    assert.ok(mine.rows.length > 0 && mine.rows.every((r) => r.userPrincipalName === ADELE.upn));
    assert.equal((await f.value('sync.state', {})).offline, true);
  });

  test('switching tenant while offline shows only that tenant\'s rows', async () => {
    await f.value('tenants.switchTo', { profileId: 'demo-northwind' });
    const northwind = await f.value('devices.window', { offset: 0, limit: 500 });
    assert.equal(northwind.total, 50);
    const contosoIds = new Set(contosoRows.map((r) => r.id));
    assert.ok(northwind.rows.every((r) => !contosoIds.has(r.id)));
    await f.value('tenants.switchTo', { profileId: 'demo-contoso' });
    assert.equal((await f.value('devices.window', { offset: 0, limit: 1 })).total, 300);
  });

  test('a Read Only Operator\'s remote action comes back as a 403 naming the Intune permission it needs', async () => {
    const browser = await f.browser();
    // Signing in needs the service: the demo tenant starts again, on the same port, so the sign-ins in the cache still fit.
    const signIn = await browser.during({ ...MEGAN, consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.signIn', {}));
    assert.equal(signIn.result.account?.username, MEGAN.upn);
    assert.deepEqual(signIn.result.features, ['browseDevices']);
    assert.equal((await f.value('sync.state', {})).offline, false, 'the host saw the service again');
    const device = contosoRows[5] as DeviceRow;
    const { result, trace } = await browser.during({ consent: 'accept', doneText: SIGNED_IN }, () => f.call('devices.runAction', { id: device.id, action: 'rebootNow' }));
    assert.deepEqual(trace.consentLabels.slice(0, 1), ['Perform user-impacting remote actions on Microsoft Intune devices'], 'remote actions asked for their own scope, when first used');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.problem.code, 'forbidden');
      assert.equal(result.problem.httpStatus, 403);
      assert.equal(result.problem.requiredRole, 'Microsoft.Intune_RemoteTasks_RebootNow');
      assert.match(result.problem.message, /Your Intune role does not allow this: it needs the permission "Remote tasks: Reboot now" \(Microsoft\.Intune_RemoteTasks_RebootNow\)/);
      assert.ok((result.problem.checks ?? []).length === 3);
    }
    const state = await f.value('session.state', {});
    assert.ok(state.features.includes('remoteActions'), 'the consent given stands');
    const activity = await f.value('activity.list', { limit: 5 });
    assert.equal(activity[0]?.kind, 'problem');
    assert.match(activity[0]?.summary ?? '', /^Restart of .* was not sent: Your Intune role does not allow this/);
    await noteTokens();
  });

  test('someone without an Intune role: each section of the panel explains its own 403, the inventory\'s copy stays', async () => {
    const browser = await f.browser();
    await browser.during({ ...PRADEEP, consent: 'accept', doneText: SIGNED_IN }, () => f.value('session.signIn', {}));
    const device = contosoRows[7] as DeviceRow;
    const detail = await f.value('devices.detail', { id: device.id, live: true });
    assert.equal(detail.properties.source, 'cached', 'the panel still shows what the inventory holds');
    assert.equal(detail.properties.value?.['deviceName'], device.deviceName);
    for (const name of ['properties', 'compliance', 'configuration', 'detectedApps', 'actionHistory'] as const) {
      const problem = detail[name].problem;
      assert.equal(problem?.code, 'forbidden', `${name}: ${JSON.stringify(problem)}`);
      assert.equal(problem?.httpStatus, 403);
      assert.match(problem?.message ?? '', /You hold no Intune role that allows this in this tenant/);
      assert.equal(problem?.checks?.length, 3);
    }
    assert.match(detail.compliance.problem?.message ?? '', /^Compliance: /, 'each problem says which section it is about');
    await noteTokens();
  });

  test('signing out removes the account and its tenant\'s offline data from this computer, and nothing else', async () => {
    const contosoFolder = join(f.dataDir, 'inventory', CONTOSO.id);
    assert.ok(existsSync(contosoFolder));
    const state = await f.value('session.signOut', {});
    assert.deepEqual(state, { profileId: 'demo-contoso', signedIn: false, grantedScopes: [], features: [] });
    assert.equal(existsSync(contosoFolder), false, 'Contoso\'s inventory is gone');
    await f.problem('devices.window', { offset: 0, limit: 10 }, 'signInRequired');
    const setup = await f.value('tenants.switchTo', { profileId: 'demo-northwind' });
    assert.equal(setup.tenants.find((t) => t.profileId === 'demo-northwind')?.signedIn?.username, ADELE.upn, 'another person\'s sign-in stays');
    assert.equal((await f.value('devices.window', { offset: 0, limit: 1 })).total, 50);
    const [entry] = await f.value('activity.list', { limit: 1 });
    assert.match(entry?.summary ?? '', /^pradeep\.gupta@contoso\.onmicrosoft\.com signed out; the offline data of its tenant was removed from this computer\.$/);
  });

  test('no answer, event or activity entry holds an access, ID or refresh token', async () => {
    await noteTokens();
    assert.ok(tokensSeen.size >= 6, `the scan knows the tokens the cache held (${tokensSeen.size})`);
    assert.ok(f.answers.length > 20 && f.events.length > 20);
    const crossed = [...f.answers.map((a) => JSON.stringify(a)), ...f.events.map((e) => JSON.stringify(e.payload))];
    const activityFile = await readFile(join(f.dataDir, 'activity.jsonl'), 'utf8');
    for (const text of [...crossed, activityFile]) {
      assert.doesNotMatch(text, JWT);
      for (const token of tokensSeen) assert.ok(!text.includes(token), 'a token from the cache crossed the bridge');
    }
  });
});
