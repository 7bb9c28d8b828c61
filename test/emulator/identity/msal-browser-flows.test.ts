// The "done means" for the identity side, with nothing faked: the real MSAL Node
// public client, real HTTPS, and the system Chromium clicking through the real pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, PublicClientApplication } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult, Configuration, DeviceCodeRequest } from '@azure/msal-node';
import type { Browser, BrowserContext } from 'playwright-core';
import { CONTOSO, DEFAULT_CLIENT_ID, NORTHWIND, PARTNER_CLIENT_ID, demoDirectory } from '../../../src/emulator/directory/demo-directory.ts';
import { isTokenProblem } from '../../../src/emulator/identity/service.ts';
import type { VerifiedToken } from '../../../src/emulator/identity/service.ts';
import { completeSignIn } from '../../helpers/browser-sign-in.ts';
import type { BrowserSignInSteps, BrowserSignInTrace } from '../../helpers/browser-sign-in.ts';
import { CaTrustingNetworkClient } from '../../helpers/ca-trusting-network-client.ts';
import { launchChromium } from '../../helpers/chromium.ts';
import { postForm } from '../../helpers/https-request.ts';
import { startIdentityServer } from '../../helpers/identity-server.ts';
import type { IdentityServer } from '../../helpers/identity-server.ts';

type DeviceCodeResponse = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];

const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const LOOPBACK_DONE = 'Auth code was successfully acquired';
const users = demoDirectory().users;
const person = (upn: string) => {
  const u = users.find((x) => x.userPrincipalName === upn && !x.guestOf);
  assert.ok(u, upn);
  return u;
};
const adele = person('adele.vance@contoso.onmicrosoft.com');
const lee = person('lee.gu@contoso.onmicrosoft.com');
const adeleInNorthwind = users.find((u) => u.tenantId === NORTHWIND.id && u.guestOf?.userId === adele.id);

let server: IdentityServer;
let browser: Browser;

before(async () => {
  server = await startIdentityServer();
  browser = await launchChromium(server.serverCertificate);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function msalApp(clientId: string, tenant: string, network = new CaTrustingNetworkClient(server.caCertificate)): PublicClientApplication {
  const config: Configuration = {
    auth: { clientId, authority: `${server.baseUrl}/${tenant}`, knownAuthorities: [server.host] },
    system: { networkClient: network },
  };
  return new PublicClientApplication(config);
}

/** acquireTokenInteractive with a browser that a test script drives, failing fast if the script fails. */
async function interactive(
  pca: PublicClientApplication,
  context: BrowserContext,
  scopes: readonly string[],
  steps: BrowserSignInSteps,
): Promise<{ result: AuthenticationResult; trace: BrowserSignInTrace }> {
  const page = await context.newPage();
  let driving: Promise<BrowserSignInTrace> | undefined;
  let failed: (reason: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  const result = await Promise.race([
    pca.acquireTokenInteractive({
      scopes: [...scopes],
      openBrowser: async (url) => {
        // Like shell.openExternal: start the browser and return at once.
        driving = page.goto(url).then(() => completeSignIn(page, steps));
        driving.catch(failed);
      },
    }),
    failure,
  ]);
  assert.ok(driving, 'MSAL never opened the browser');
  const trace = await driving;
  await page.close();
  return { result, trace };
}

function verified(accessToken: string): VerifiedToken {
  const v = server.identity.verifyGraphToken(`Bearer ${accessToken}`);
  assert.ok(!isTokenProblem(v), `Graph would refuse the token: ${JSON.stringify(v)}`);
  return v;
}

function refreshTokenIn(pca: PublicClientApplication): string {
  const cache = JSON.parse(pca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
  const tokens = Object.values(cache.RefreshToken);
  assert.equal(tokens.length, 1, 'one refresh token in the MSAL cache');
  return tokens[0]?.secret ?? '';
}

describe('MSAL Node public client against the demo tenant', () => {
  let context: BrowserContext;
  let pca: PublicClientApplication;
  let network: CaTrustingNetworkClient;
  let account: AccountInfo;

  before(async () => {
    context = await browser.newContext();
    network = new CaTrustingNetworkClient(server.caCertificate);
    pca = msalApp(DEFAULT_CLIENT_ID, 'contoso.onmicrosoft.com', network);
  });
  after(async () => {
    await context?.close();
  });

  test('acquireTokenInteractive: login and consent pages in Chromium, form_post to the loopback', async () => {
    const { result, trace } = await interactive(pca, context, [READ_DEVICES], {
      upn: adele.userPrincipalName, password: adele.password, consent: 'accept', doneText: LOOPBACK_DONE,
    });
    assert.deepEqual(trace.headings, ['Pick an account', 'Enter password', 'Permissions requested']);
    assert.deepEqual(trace.consentLabels, ['Read Microsoft Intune devices', 'Sign you in and read your profile', 'Maintain access to data you have given it access to']);
    assert.ok(result.account);
    account = result.account;
    assert.equal(account.username, adele.userPrincipalName);
    assert.equal(account.name, adele.displayName);
    assert.equal(account.homeAccountId, `${adele.id}.${CONTOSO.id}`);
    assert.equal(account.localAccountId, adele.id);
    assert.equal(account.environment, server.host);
    assert.equal(result.tenantId, CONTOSO.id);
    assert.ok(result.scopes.includes(READ_DEVICES), `scopes: ${result.scopes.join(' ')}`);
    const claims = result.idTokenClaims as Record<string, unknown>;
    assert.equal(claims['iss'], `${server.baseUrl}/${CONTOSO.id}/v2.0`);
    assert.equal(claims['aud'], DEFAULT_CLIENT_ID);
    assert.equal(claims['tid'], CONTOSO.id);
    assert.equal(claims['oid'], adele.id);
    assert.equal(claims['preferred_username'], adele.userPrincipalName);
    assert.equal(claims['ver'], '2.0');
    const token = verified(result.accessToken);
    assert.deepEqual(token.scopes, [READ_DEVICES]);
    assert.equal(token.tenantId, CONTOSO.id);
    assert.equal(token.userId, adele.id);
    assert.equal(token.appId, DEFAULT_CLIENT_ID);
    // What MSAL fetched on its own: our discovery document, then our token endpoint.
    assert.deepEqual(network.requests[0], { method: 'GET', url: `${server.baseUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration` });
    assert.ok(network.requests.some((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/oauth2/v2.0/token')), JSON.stringify(network.requests));
  });

  test('acquireTokenSilent with forceRefresh rotates the refresh token; the old one is refused', async () => {
    const before = await pca.acquireTokenSilent({ account, scopes: [READ_DEVICES] });
    const oldRefreshToken = refreshTokenIn(pca);
    const refreshed = await pca.acquireTokenSilent({ account, scopes: [READ_DEVICES], forceRefresh: true });
    assert.notEqual(refreshed.accessToken, before.accessToken);
    assert.equal(refreshed.fromCache, false);
    assert.equal(verified(refreshed.accessToken).userId, adele.id);
    const newRefreshToken = refreshTokenIn(pca);
    assert.notEqual(newRefreshToken, oldRefreshToken);

    const reuse = await postForm(`${server.baseUrl}/${CONTOSO.id}/oauth2/v2.0/token`, {
      client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: oldRefreshToken, scope: `${READ_DEVICES} openid offline_access`,
    }, server.caCertificate);
    assert.equal(reuse.status, 400);
    assert.equal(reuse.json['error'], 'invalid_grant');
    assert.deepEqual(reuse.json['error_codes'], [70000]);
    assert.equal(reuse.json['suberror'], 'bad_token');
  });

  test('a scope the user never consented to: silent fails with consent_required, interactive asks only for consent', async () => {
    await assert.rejects(pca.acquireTokenSilent({ account, scopes: ['DeviceManagementRBAC.Read.All'] }), (error: unknown) => {
      assert.ok(error instanceof InteractionRequiredAuthError, String(error));
      assert.equal(error.errorCode, 'invalid_grant');
      assert.equal(error.subError, 'consent_required');
      assert.match(error.errorMessage, /AADSTS65001/);
      return true;
    });
    // The browser still has the session: no account picker, no password, just the permissions page.
    const { result, trace } = await interactive(pca, context, ['DeviceManagementRBAC.Read.All'], { consent: 'accept', doneText: LOOPBACK_DONE });
    assert.deepEqual(trace.headings, ['Permissions requested']);
    assert.ok(trace.consentLabels.includes('Read Microsoft Intune RBAC settings'));
    assert.deepEqual(verified(result.accessToken).scopes, ['DeviceManagementRBAC.Read.All']);
    assert.equal(result.account?.homeAccountId, account.homeAccountId);
  });

  test('acquireTokenByDeviceCode: the code is entered on /devicelogin, then login and consent', async () => {
    const deviceContext = await browser.newContext();
    try {
      const page = await deviceContext.newPage();
      let shown: DeviceCodeResponse | undefined;
      let driving: Promise<BrowserSignInTrace> | undefined;
      let failed: (reason: unknown) => void = () => undefined;
      const failure = new Promise<never>((_, reject) => { failed = reject; });
      const result = await Promise.race([
        msalApp(DEFAULT_CLIENT_ID, 'organizations').acquireTokenByDeviceCode({
          scopes: [READ_DEVICES],
          deviceCodeCallback: (response) => {
            shown = response;
            driving = (async () => {
              await page.goto(response.verificationUri);
              await page.getByLabel('Code').fill(response.userCode);
              await page.getByRole('button', { name: 'Next' }).click();
              return completeSignIn(page, { upn: lee.userPrincipalName, password: lee.password, consent: 'accept', doneText: /You have signed in to the Intune Desk application/ });
            })();
            driving.catch(failed);
          },
        }),
        failure,
      ]);
      assert.ok(shown && driving);
      await driving;
      assert.equal(shown.verificationUri, `${server.baseUrl}/devicelogin`);
      assert.match(shown.userCode, /^[A-Z0-9]{9}$/);
      assert.equal(shown.message, `To sign in, use a web browser to open the page ${server.baseUrl}/devicelogin and enter the code ${shown.userCode} to authenticate.`);
      assert.equal(result?.account?.username, lee.userPrincipalName);
      assert.equal(result?.tenantId, CONTOSO.id);
      const token = verified(result?.accessToken ?? '');
      assert.equal(token.userId, lee.id);
      assert.deepEqual(token.scopes, [READ_DEVICES]);
    } finally {
      await deviceContext.close();
    }
  });
});

describe('a partner signs in to a customer tenant as a guest', () => {
  test('Adele through the Northwind authority, then silently in her own Contoso', async () => {
    assert.ok(adeleInNorthwind);
    const context = await browser.newContext();
    try {
      const pca = msalApp(PARTNER_CLIENT_ID, 'northwind.onmicrosoft.com');
      // Admin consent in both tenants: no permissions page.
      const { result, trace } = await interactive(pca, context, [READ_DEVICES], {
        upn: adele.userPrincipalName, password: adele.password, consent: 'not-expected', doneText: LOOPBACK_DONE,
      });
      assert.deepEqual(trace.headings, ['Pick an account', 'Enter password']);
      assert.equal(result.tenantId, NORTHWIND.id);
      assert.ok(result.account);
      assert.equal(result.account.homeAccountId, `${adele.id}.${CONTOSO.id}`);
      assert.equal(result.account.localAccountId, adeleInNorthwind.id);
      assert.equal(result.account.username, adele.userPrincipalName);
      const northwindToken = verified(result.accessToken);
      assert.equal(northwindToken.tenantId, NORTHWIND.id);
      assert.equal(northwindToken.userId, adeleInNorthwind.id);

      // MSAL picks cached tokens by the account's tenant: the same person, asked for in her home tenant.
      const contoso = await pca.acquireTokenSilent({
        account: { ...result.account, tenantId: CONTOSO.id },
        scopes: [READ_DEVICES],
        authority: `${server.baseUrl}/${CONTOSO.id}`,
      });
      assert.equal(contoso.fromCache, false);
      assert.equal(contoso.tenantId, CONTOSO.id);
      assert.equal(contoso.account?.homeAccountId, `${adele.id}.${CONTOSO.id}`);
      const contosoToken = verified(contoso.accessToken);
      assert.equal(contosoToken.tenantId, CONTOSO.id);
      assert.equal(contosoToken.userId, adele.id);

      assert.equal(contoso.account?.localAccountId, adele.id);
      // One person with two tenant profiles, not two people.
      const cache = JSON.parse(pca.getTokenCache().serialize()) as { Account: Record<string, { home_account_id: string; tenantProfiles?: unknown[] }> };
      const cachedAccounts = Object.values(cache.Account);
      assert.equal(cachedAccounts.length, 1, 'one cached account');
      assert.equal(cachedAccounts[0]?.home_account_id, `${adele.id}.${CONTOSO.id}`);
      const profiles = (await pca.getAllAccounts()).map((a) => [a.tenantId, a.localAccountId, a.homeAccountId]);
      assert.deepEqual(profiles.sort(), [
        [CONTOSO.id, adele.id, `${adele.id}.${CONTOSO.id}`],
        [NORTHWIND.id, adeleInNorthwind.id, `${adele.id}.${CONTOSO.id}`],
      ].sort());
    } finally {
      await context.close();
    }
  });
});
