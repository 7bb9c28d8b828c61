// The auth service against the demo tenant, with nothing faked: real MSAL Node, real HTTPS, the
// system Chromium clicking through the real sign-in and consent pages, an encrypted cache file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AuthService } from '../../../src/core/auth/auth-service.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import type { ProblemCode } from '../../../src/core/problem.ts';
import { CONTOSO, NORTHWIND } from '../../../src/emulator/directory/demo-directory.ts';
import { completeSignIn } from '../../helpers/browser-sign-in.ts';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import { ADELE, LEE, NESTOR, PRIVILEGED, READ_DEVICES, SIGNED_IN, decryptCacheFile, startAuthFixture } from './auth-fixture.ts';
import type { AuthFixture } from './auth-fixture.ts';

let f: AuthFixture;
let auth: AuthService;

before(async () => {
  f = await startAuthFixture();
  auth = f.service();
});

after(async () => {
  await f?.stop();
});

/** Asserts that `promise` fails with a ProblemError of `code`, and returns its problem. */
async function problemOf(promise: Promise<unknown>, code: ProblemCode): Promise<ProblemError['problem']> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProblemError, `expected a ProblemError, got ${String(error)}`);
    assert.equal(error.problem.code, code, error.problem.message);
    return error.problem;
  }
  assert.fail(`expected a ${code} problem`);
}

function tokenClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function devicesStatus(token: string): Promise<number> {
  return (await f.tenant.graph(token, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id')).status;
}

describe('signing in to Contoso and using the token', () => {
  test('before any sign-in, a token request is a signInRequired problem and no browser opens', async () => {
    const problem = await problemOf(auth.getAccessToken('contoso', [READ_DEVICES]), 'signInRequired');
    assert.match(problem.message, /Sign in to Contoso \(demo\)/);
    assert.equal(f.browser.opened.length, 0);
    await problemOf(auth.getAccessToken('no-such-profile', [READ_DEVICES]), 'notFound');
  });

  test('interactive: the system browser shows login and consent for the one scope asked; PKCE and form_post to the loopback', async () => {
    const { result, trace } = await f.browser.during(
      { upn: ADELE.upn, password: ADELE.password, consent: 'accept', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso', [READ_DEVICES], { signal }),
    );
    assert.deepEqual(trace.headings, ['Pick an account', 'Enter password', 'Permissions requested']);
    assert.deepEqual(trace.consentLabels, ['Read Microsoft Intune devices', 'Sign you in and read your profile', 'Maintain access to data you have given it access to']);
    assert.equal(result.profileId, 'contoso');
    assert.equal(result.account.username, ADELE.upn);
    assert.equal(result.account.name, 'Adele Vance');
    assert.equal(result.account.homeAccountId, ADELE.homeAccountId);
    assert.equal(result.account.tenantId, CONTOSO.id);
    assert.deepEqual(result.grantedScopes, [READ_DEVICES]);
    assert.ok(!JSON.stringify(result).includes('eyJ'), 'the sign-in result carries no token');

    const opened = new URL(f.browser.opened.at(-1) ?? '');
    assert.equal(opened.origin, f.tenant.baseUrl);
    assert.equal(opened.pathname, '/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    assert.equal(opened.searchParams.get('code_challenge_method'), 'S256');
    assert.match(opened.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(opened.searchParams.get('response_mode'), 'form_post');
    assert.match(opened.searchParams.get('redirect_uri') ?? '', /^http:\/\/localhost:\d+$/);
    assert.deepEqual((opened.searchParams.get('scope') ?? '').split(' ').sort(), [READ_DEVICES, 'offline_access', 'openid', 'profile'].sort());

    const token = await auth.getAccessToken('contoso', [READ_DEVICES]);
    assert.equal(token.tenantId, CONTOSO.id);
    assert.deepEqual(token.scopes, [READ_DEVICES]);
    assert.equal(await devicesStatus(token.token), 200);
  });

  test('silent: the cached token is reused; forceRefresh redeems the refresh token for a new one', async () => {
    const opened = f.browser.opened.length;
    const first = await auth.getAccessToken('contoso', [READ_DEVICES]);
    // A second service on the same cache file reads the same token without the network.
    const elsewhere = await f.service().getAccessToken('contoso', [READ_DEVICES]);
    assert.equal(elsewhere.token, first.token);
    const refreshed = await auth.getAccessToken('contoso', [READ_DEVICES], { forceRefresh: true });
    assert.notEqual(refreshed.token, first.token);
    assert.equal(await devicesStatus(refreshed.token), 200);
    // The rotated refresh token is in the file: another service refreshes with it too.
    const again = await f.service().getAccessToken('contoso', [READ_DEVICES], { forceRefresh: true });
    assert.notEqual(again.token, refreshed.token);
    assert.equal(await devicesStatus(again.token), 200);
    assert.equal(f.browser.opened.length, opened, 'no browser for silent tokens');
  });

  test('silent: a token about to expire is refreshed without being asked to', async () => {
    // Tokens for 2 minutes: inside MSAL's 5-minute renewal window from the moment they are issued.
    assert.equal((await f.tenant.admin('PATCH', '/identity', { accessTokenLifetimeSeconds: 120 })).status, 200);
    try {
      const short = await auth.getAccessToken('contoso', [READ_DEVICES], { forceRefresh: true });
      const next = await f.service().getAccessToken('contoso', [READ_DEVICES]);
      assert.notEqual(next.token, short.token, 'an expiring token is not handed out');
      assert.equal(await devicesStatus(next.token), 200);
    } finally {
      await f.tenant.admin('PATCH', '/identity', { accessTokenLifetimeSeconds: 3600 });
    }
  });

  test('a scope never granted is a consentRequired problem naming it, not a browser window', async () => {
    const opened = f.browser.opened.length;
    const problem = await problemOf(auth.getAccessToken('contoso', ['DeviceManagementRBAC.Read.All']), 'consentRequired');
    assert.deepEqual(problem.requiredScopes, ['DeviceManagementRBAC.Read.All']);
    assert.match(problem.message, /DeviceManagementRBAC\.Read\.All/);
    assert.equal(f.browser.opened.length, opened);
  });

  test('incremental consent: remote actions ask only for their scope; then one token carries both', async () => {
    const { result, trace } = await f.browser.during(
      { consent: 'accept', doneText: SIGNED_IN },
      (signal) => auth.ensureScopes('contoso', 'remoteActions', { signal }),
    );
    // The browser still has Adele's session: straight to the permissions page, listing only the new scope.
    assert.deepEqual(trace.headings, ['Permissions requested']);
    assert.ok(trace.consentLabels.includes('Perform user-impacting remote actions on Microsoft Intune devices'), trace.consentLabels.join('; '));
    assert.ok(!trace.consentLabels.includes('Read Microsoft Intune devices'), trace.consentLabels.join('; '));
    assert.equal(result.asked, true);
    assert.deepEqual(result.askedScopes, [PRIVILEGED]);
    assert.deepEqual([...result.grantedScopes].sort(), [PRIVILEGED, READ_DEVICES].sort());
    const opened = new URL(f.browser.opened.at(-1) ?? '');
    assert.equal(opened.pathname, `/${CONTOSO.id}/oauth2/v2.0/authorize`);
    assert.equal(opened.searchParams.get('login_hint'), ADELE.upn);

    const both = await auth.getAccessToken('contoso', [READ_DEVICES, PRIVILEGED]);
    assert.deepEqual([...both.scopes].sort(), [PRIVILEGED, READ_DEVICES].sort());
    assert.deepEqual(String(tokenClaims(both.token)['scp']).split(' ').sort(), [PRIVILEGED, READ_DEVICES].sort());

    // Already granted: nothing to ask.
    const count = f.browser.opened.length;
    const browse = await auth.ensureScopes('contoso', 'browseDevices');
    assert.equal(browse.asked, false);
    assert.deepEqual(browse.askedScopes, []);
    assert.equal(f.browser.opened.length, count);
  });

  test('capabilities: granted scopes from the token\'s scp, Intune Administrator from its directory role', async () => {
    const caps = await auth.capabilities('contoso');
    assert.equal(caps.account.username, ADELE.upn);
    assert.equal(caps.account.homeAccountId, ADELE.homeAccountId);
    assert.equal(caps.account.tenantId, CONTOSO.id);
    assert.deepEqual([...caps.grantedScopes].sort(), [PRIVILEGED, READ_DEVICES].sort());
    assert.deepEqual(caps.intuneRoles, ['Intune Administrator']);
    assert.ok(!JSON.stringify(caps).includes('eyJ'), 'capabilities carry no token');
  });

  test('capabilities of a Help Desk Operator: the role is unknown without a role source, and read through one', async () => {
    await f.browser.newSession();
    const { result } = await f.browser.during(
      { upn: LEE.upn, password: LEE.password, consent: 'accept', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso-helpdesk', [READ_DEVICES], { signal }),
    );
    assert.equal(result.account.username, LEE.upn);
    const caps = await auth.capabilities('contoso-helpdesk');
    assert.deepEqual(caps.grantedScopes, [READ_DEVICES]);
    assert.equal(caps.intuneRoles, undefined);

    const asked: string[] = [];
    const withRoles = f.service({
      intuneRoles: async ({ profileId, tenantId }) => {
        asked.push(`${profileId}@${tenantId}`);
        return ['Help Desk Operator'];
      },
    });
    assert.deepEqual((await withRoles.capabilities('contoso-helpdesk')).intuneRoles, ['Help Desk Operator']);
    assert.deepEqual(asked, [`contoso-helpdesk@${CONTOSO.id}`]);
  });
});

describe('device code', () => {
  test('the code is shown, entered on /devicelogin in Chromium, and the profile is signed in', async () => {
    await f.browser.newSession();
    const page = await f.browser.newPage();
    let entered: Promise<void> | undefined;
    const shown: string[] = [];
    const result = await auth.signInWithDeviceCode('northwind', [READ_DEVICES], (prompt) => {
      shown.push(prompt.message);
      assert.equal(prompt.verificationUri, `${f.tenant.baseUrl}/devicelogin`);
      assert.match(prompt.userCode, /^[A-Z0-9]{9}$/);
      assert.ok(prompt.message.includes(prompt.userCode));
      assert.ok(prompt.expiresInSeconds > 0);
      entered = (async () => {
        await page.goto(prompt.verificationUri);
        await page.getByLabel('Code').fill(prompt.userCode);
        await page.getByRole('button', { name: 'Next' }).click();
        await completeSignIn(page, { upn: NESTOR.upn, password: NESTOR.password, consent: 'accept', doneText: /You have signed in to the Intune Desk application/ });
      })();
    });
    await entered;
    await page.close();
    assert.equal(shown.length, 1);
    assert.equal(result.account.username, NESTOR.upn);
    assert.equal(result.account.tenantId, NORTHWIND.id);
    const token = await auth.getAccessToken('northwind', [READ_DEVICES]);
    assert.equal(tokenClaims(token.token)['tid'], NORTHWIND.id);
    assert.equal(await devicesStatus(token.token), 200);
  });

  test('cancelling stops the polling with a cancelled problem', async () => {
    const stop = new AbortController();
    const problem = await problemOf(auth.signInWithDeviceCode('northwind', [READ_DEVICES], () => stop.abort(), { signal: stop.signal }), 'cancelled');
    assert.match(problem.message, /cancelled/);
  });
});

describe('a partner with one account in several tenants', () => {
  test('Adele signs in through the Northwind authority, then works in Contoso with the same account and no browser', async () => {
    await f.browser.newSession();
    // The partner console is admin-consented in both tenants: no permissions page.
    const { result, trace } = await f.browser.during(
      { upn: ADELE.upn, password: ADELE.password, consent: 'not-expected', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('partner-northwind', [READ_DEVICES], { signal }),
    );
    assert.deepEqual(trace.headings, ['Pick an account', 'Enter password']);
    assert.equal(result.account.homeAccountId, ADELE.homeAccountId);
    assert.equal(result.account.tenantId, NORTHWIND.id);

    const opened = f.browser.opened.length;
    const contoso = await auth.signInWithAccount('partner-contoso', ADELE.homeAccountId, [READ_DEVICES]);
    assert.equal(f.browser.opened.length, opened, 'no browser for the second tenant');
    assert.equal(contoso.account.homeAccountId, ADELE.homeAccountId);
    assert.equal(contoso.account.tenantId, CONTOSO.id);

    const northwindToken = await auth.getAccessToken('partner-northwind', [READ_DEVICES]);
    const contosoToken = await auth.getAccessToken('partner-contoso', [READ_DEVICES]);
    assert.equal(tokenClaims(northwindToken.token)['tid'], NORTHWIND.id);
    assert.equal(tokenClaims(contosoToken.token)['tid'], CONTOSO.id);
    assert.equal(tokenClaims(northwindToken.token)['unique_name'], ADELE.upn);
    const northwindDevice = await f.tenant.graph(northwindToken.token, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id');
    const contosoDevice = await f.tenant.graph(contosoToken.token, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id');
    assert.equal(northwindDevice.status, 200);
    assert.equal(contosoDevice.status, 200);
    assert.notDeepEqual(northwindDevice.json, contosoDevice.json, 'two tenants, two inventories');
    // The Contoso profile names its tenant by domain (contoso.com); what is recorded is the tenant id.
    assert.equal((await f.cache().readSignIns())['partner-contoso']?.tenantId, CONTOSO.id);

    // An 'organizations' profile with an account already here works in that account's home tenant.
    const anywhere = await auth.signInWithAccount('any-work-account', ADELE.homeAccountId, [READ_DEVICES]);
    assert.equal(anywhere.account.tenantId, CONTOSO.id);
    assert.equal(f.browser.opened.length, opened);
  });

  test('a tenant the account may not use is a problem, not a browser window', async () => {
    const opened = f.browser.opened.length;
    // Nestor is a Northwind member with no access to Contoso.
    const nestor = (await auth.accounts()).find((a) => a.username === NESTOR.upn);
    assert.ok(nestor);
    const problem = await problemOf(auth.signInWithAccount('contoso-helpdesk', nestor.homeAccountId, [READ_DEVICES]), 'signInRequired');
    assert.match(problem.message, /cannot sign in to Contoso helpdesk \(demo\): it is neither a member nor a guest of that tenant \(AADSTS50020\)/);
    assert.equal(f.browser.opened.length, opened);
    assert.equal((await f.cache().readSignIns())['contoso-helpdesk']?.username, LEE.upn, 'the profile keeps its own sign-in');
  });

  test('accounts() lists each person once, with the tenant profiles they are signed in to', async () => {
    const accounts = await auth.accounts();
    const adele = accounts.find((a) => a.homeAccountId === ADELE.homeAccountId);
    assert.ok(adele, JSON.stringify(accounts));
    assert.equal(adele.username, ADELE.upn);
    assert.equal(adele.homeTenantId, CONTOSO.id);
    assert.deepEqual(adele.profiles.map((p) => `${p.profileId}@${p.tenantId}`).sort(), [
      `any-work-account@${CONTOSO.id}`, `contoso@${CONTOSO.id}`, `partner-contoso@${CONTOSO.id}`, `partner-northwind@${NORTHWIND.id}`,
    ].sort());
    assert.deepEqual(accounts.map((a) => a.username).sort(), [ADELE.upn, LEE.upn, NESTOR.upn].sort());
  });
});

describe('sign-out', () => {
  test('removes the account from the cache for every profile using it and purges those tenants\' data', async () => {
    const out = await auth.signOut('partner-northwind');
    assert.equal(out.username, ADELE.upn);
    assert.deepEqual([...out.signedOutProfileIds].sort(), ['any-work-account', 'contoso', 'partner-contoso', 'partner-northwind']);
    assert.deepEqual([...out.purgedTenantIds].sort(), [CONTOSO.id, NORTHWIND.id].sort());
    assert.deepEqual([...f.purged].sort(), [CONTOSO.id, NORTHWIND.id].sort());

    // No token of hers is left in the file, for any tenant.
    const { msal, signIns } = await decryptCacheFile(f.cacheFile, new KeyFileEncryptor(f.keyFile));
    for (const kind of [msal.RefreshToken, msal.AccessToken, msal.Account]) {
      assert.ok(!Object.values(kind).some((entry) => entry.home_account_id === ADELE.homeAccountId), 'a credential of the signed-out account remains');
    }
    assert.deepEqual(Object.keys(signIns).sort(), ['contoso-helpdesk', 'northwind']);

    for (const profile of ['contoso', 'partner-contoso', 'partner-northwind', 'any-work-account']) {
      await problemOf(auth.getAccessToken(profile, [READ_DEVICES]), 'signInRequired');
      // Another process reading the same file sees it too.
      await problemOf(f.service().getAccessToken(profile, [READ_DEVICES]), 'signInRequired');
    }
    const accounts = await f.service().accounts();
    assert.ok(!accounts.some((a) => a.homeAccountId === ADELE.homeAccountId), JSON.stringify(accounts));
    // Other people stay signed in.
    assert.equal(await devicesStatus((await auth.getAccessToken('contoso-helpdesk', [READ_DEVICES])).token), 200);
    // Signing out of a profile that is not signed in changes nothing.
    assert.deepEqual(await auth.signOut('contoso'), { username: undefined, signedOutProfileIds: [], purgedTenantIds: [] });
    assert.equal(f.purged.length, 2);
  });
});

describe('cancelling an interactive sign-in', () => {
  test('an abort answers MSAL\'s loopback server, and the sign-in ends with a cancelled problem', async () => {
    const stop = new AbortController();
    const opened: string[] = [];
    // The "browser" never signs in: the user gave up, and the app cancels.
    const service = f.service({ openBrowser: async (url) => { opened.push(url); stop.abort(); } });
    const problem = await problemOf(service.signInInteractive('contoso', [READ_DEVICES], { signal: stop.signal }), 'cancelled');
    assert.match(problem.message, /cancelled/);
    assert.equal(opened.length, 1);
    await problemOf(service.signInInteractive('contoso', [READ_DEVICES], { signal: stop.signal }), 'cancelled');
    assert.equal(opened.length, 1, 'an already-aborted sign-in opens nothing');
  });
});

describe('when the sign-in service cannot be reached', () => {
  test('the problem says offline and names the host', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const contoso = f.profiles.find((p) => p.id === 'contoso');
    assert.ok(contoso);
    const service = f.service({ profiles: [{ ...contoso, id: 'gone', authority: `https://127.0.0.1:${closed}/contoso.onmicrosoft.com` }] });
    const problem = await problemOf(service.signInWithDeviceCode('gone', [READ_DEVICES], () => assert.fail('no code without a server')), 'offline');
    assert.match(problem.message, new RegExp(`Could not reach the sign-in service for Contoso \\(demo\\) \\(127\\.0\\.0\\.1:${closed}\\)`));
  });

  test('a tenant the service does not know is a profile problem, not "offline"', async () => {
    const contoso = f.profiles.find((p) => p.id === 'contoso');
    assert.ok(contoso);
    const service = f.service({ profiles: [{ ...contoso, id: 'typo', authority: `${f.tenant.baseUrl}/contosso.onmicrosoft.com` }] });
    const problem = await problemOf(service.signInInteractive('typo', [READ_DEVICES]), 'badRequest');
    assert.match(problem.message, /does not accept the authority of Contoso \(demo\) .*AADSTS90002: Tenant 'contosso\.onmicrosoft\.com' not found/);
    assert.equal(f.browser.opened.filter((u) => u.includes('contosso')).length, 0);
  });
});
