// The authorize and token endpoints seen by a plain HTTPS client: the grants, and Entra's
// error answers (shape, codes, where they are delivered). Time moves on a manual clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '../../../src/emulator/clock.ts';
import { CONTOSO, DEFAULT_CLIENT_ID, NORTHWIND, PARTNER_CLIENT_ID, REPORTING_CLIENT_ID, demoDirectory } from '../../../src/emulator/directory/demo-directory.ts';
import { isTokenProblem } from '../../../src/emulator/identity/service.ts';
import { httpsRequest, postForm } from '../../helpers/https-request.ts';
import { startIdentityServer } from '../../helpers/identity-server.ts';
import type { IdentityServer } from '../../helpers/identity-server.ts';
import { SignInError, approveDeviceCode, signIn } from '../../helpers/sign-in.ts';

const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const REPORTING_SECRET = demoDirectory().apps.find((a) => a.clientId === REPORTING_CLIENT_ID)?.clientSecret ?? '';
const megan = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };
const isaiah = { upn: 'isaiah.langer@northwind.onmicrosoft.com', password: 'Northwind-Admin-2026' };

let server: IdentityServer;
const clock = new ManualClock(Date.now());

before(async () => {
  server = await startIdentityServer({ clock });
});
after(async () => {
  await server?.stop();
});

const tokenUrl = (tenant = CONTOSO.id): string => `${server.baseUrl}/${tenant}/oauth2/v2.0/token`;
const token = (fields: Record<string, string>, tenant?: string, headers: Record<string, string> = {}) => postForm(tokenUrl(tenant), fields, server.caCertificate, headers);

/** Entra's error body: every field, and the AADSTS line with the ids under it. */
function assertEntraError(json: Record<string, unknown>, error: string, code: number): void {
  assert.equal(json['error'], error, JSON.stringify(json));
  assert.deepEqual(json['error_codes'], [code]);
  const timestamp = String(json['timestamp']);
  assert.match(timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.match(String(json['trace_id']), /^[0-9a-f-]{36}$/);
  assert.match(String(json['correlation_id']), /^[0-9a-f-]{36}$/);
  assert.equal(json['error_uri'], `${server.baseUrl}/error?code=${code}`);
  const description = String(json['error_description']);
  assert.equal(description.split('\r\n').slice(1).join('\n'),
    `Trace ID: ${String(json['trace_id'])}\nCorrelation ID: ${String(json['correlation_id'])}\nTimestamp: ${timestamp}`);
  assert.match(description, new RegExp(`^AADSTS${code}: `));
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(tenant: string, params: Record<string, string>): string {
  const url = new URL(`${server.baseUrl}/${tenant}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

const publicRequest = (extra: Record<string, string> = {}): Record<string, string> => ({
  client_id: DEFAULT_CLIENT_ID,
  response_type: 'code',
  redirect_uri: 'http://localhost:5555',
  response_mode: 'query',
  scope: `${READ_DEVICES} openid offline_access`,
  state: 'st-123',
  code_challenge: pkce().challenge,
  code_challenge_method: 'S256',
  ...extra,
});

/** GET authorize and read the error Entra sent to the redirect URI (query mode). */
async function authorizeError(tenant: string, params: Record<string, string>): Promise<URLSearchParams> {
  const res = await httpsRequest(authorizeUrl(tenant, params), { ca: server.caCertificate });
  assert.equal(res.status, 302, res.text.slice(0, 300));
  const location = new URL(res.headers['location'] ?? '');
  assert.equal(`${location.origin}`, new URL(params['redirect_uri'] ?? '').origin);
  return location.searchParams;
}

/** A code straight from the pages, without redeeming it, for the code-redemption errors. */
async function freshCode(verifierChallenge = pkce()): Promise<{ code: string; verifier: string }> {
  const res = await httpsRequest(authorizeUrl(CONTOSO.id, publicRequest({ client_id: PARTNER_CLIENT_ID, code_challenge: verifierChallenge.challenge, login_hint: megan.upn })), { ca: server.caCertificate });
  const ctx = /name="ctx" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
  const after = await httpsRequest(`${server.baseUrl}/${CONTOSO.id}/login`, {
    method: 'POST', ca: server.caCertificate, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ctx, step: 'password', login: megan.upn, passwd: megan.password }).toString(),
  });
  // An admin consented to the partner app for Contoso, so the password leads straight to the code.
  assert.equal(after.status, 302, after.text.slice(0, 300));
  const code = new URL(after.headers['location'] ?? '').searchParams.get('code');
  assert.ok(code);
  return { code, verifier: verifierChallenge.verifier };
}

describe('grants', () => {
  test('authorization code with PKCE through the real pages, then the refresh token rotates', async () => {
    const first = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: 'contoso.onmicrosoft.com', ...megan, scopes: [READ_DEVICES] });
    assert.equal(first.consentShown, true);
    assert.equal(first.scope, `${READ_DEVICES} openid profile offline_access`);
    assert.deepEqual(JSON.parse(Buffer.from(first.clientInfo, 'base64url').toString()), { uid: 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e03', utid: CONTOSO.id });
    const refreshed = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: first.refreshToken, scope: `https://graph.microsoft.com/${READ_DEVICES} openid offline_access`, client_info: '1' });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
    // Echoed in the form asked, so MSAL's cache lookups match.
    assert.equal(refreshed.json['scope'], `https://graph.microsoft.com/${READ_DEVICES} openid offline_access`);
    assert.equal(refreshed.json['token_type'], 'Bearer');
    assert.equal(refreshed.json['ext_expires_in'], refreshed.json['expires_in']);
    assert.ok(Number(refreshed.json['expires_in']) >= 3600 && Number(refreshed.json['expires_in']) <= 5400);
    assert.equal(refreshed.json['foci'], undefined);
    assert.equal(typeof refreshed.json['client_info'], 'string');
    assert.notEqual(refreshed.json['refresh_token'], first.refreshToken);
    const again = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: first.refreshToken, scope: READ_DEVICES });
    assert.equal(again.status, 400);
    assertEntraError(again.json, 'invalid_grant', 70000);
  });

  test('the confidential client signs in with its secret; its tokens say so (appidacr 1)', async () => {
    const t = await signIn({
      baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES],
      clientId: REPORTING_CLIENT_ID, clientSecret: REPORTING_SECRET, redirectUri: 'https://reports.contoso.com/auth/callback',
    });
    assert.equal(t.consentShown, false, 'an admin consented for Contoso');
    const claims = JSON.parse(Buffer.from(t.accessToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims['appidacr'], '1');
    assert.equal(claims['appid'], REPORTING_CLIENT_ID);
  });

  test('through /common a guest-capable person lands in their home tenant', async () => {
    const t = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: 'common', upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026', scopes: [READ_DEVICES], clientId: PARTNER_CLIENT_ID });
    const v = server.identity.verifyGraphToken(`Bearer ${t.accessToken}`);
    assert.ok(!isTokenProblem(v));
    assert.equal(v.tenantId, CONTOSO.id);
  });

  test('/.default means every permission already granted to the app', async () => {
    const t = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: NORTHWIND.id, ...isaiah, scopes: ['https://graph.microsoft.com/.default'], clientId: PARTNER_CLIENT_ID });
    const v = server.identity.verifyGraphToken(`Bearer ${t.accessToken}`);
    assert.ok(!isTokenProblem(v));
    assert.equal(v.scopes.length, 11);
    assert.ok(t.scope.split(' ').includes(`https://graph.microsoft.com/${READ_DEVICES}`));
  });

  test('device code: pending, then approved on /devicelogin, then tokens; a second redemption fails', async () => {
    const start = await postForm(`${server.baseUrl}/${NORTHWIND.id}/oauth2/v2.0/devicecode`, { client_id: PARTNER_CLIENT_ID, scope: `${READ_DEVICES} openid offline_access` }, server.caCertificate);
    assert.equal(start.status, 200);
    assert.equal(start.json['interval'], 5);
    assert.equal(start.json['expires_in'], 900);
    const deviceCode = String(start.json['device_code']);
    const poll = () => token({ client_id: PARTNER_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode }, NORTHWIND.id);
    const pending = await poll();
    assertEntraError(pending.json, 'authorization_pending', 70016);
    const page = await approveDeviceCode({ baseUrl: server.baseUrl, ca: server.caCertificate, userCode: String(start.json['user_code']), ...isaiah });
    assert.match(page, /You have signed in to the Contoso Partner Console application on your device/);
    const done = await poll();
    assert.equal(done.status, 200, JSON.stringify(done.json));
    assert.equal(typeof done.json['access_token'], 'string');
    const twice = await poll();
    assertEntraError(twice.json, 'invalid_grant', 54005);
  });

  test('device code: unknown, declined and expired codes', async () => {
    const unknown = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'device_code', device_code: 'DAQABIQEAAADnot-a-code' });
    assertEntraError(unknown.json, 'bad_verification_code', 70000);
    const start = async () => (await postForm(`${server.baseUrl}/organizations/oauth2/v2.0/devicecode`, { client_id: DEFAULT_CLIENT_ID, scope: 'DeviceManagementApps.Read.All openid' }, server.caCertificate)).json;
    const declined = await start();
    const page = await approveDeviceCode({ baseUrl: server.baseUrl, ca: server.caCertificate, userCode: String(declined['user_code']), ...megan, consent: 'cancel' });
    assert.match(page, /declined/);
    const poll = (code: unknown) => token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'device_code', device_code: String(code) }, 'organizations');
    assertEntraError((await poll(declined['device_code'])).json, 'authorization_declined', 70000);
    const expiring = await start();
    clock.advance(16 * 60_000);
    assertEntraError((await poll(expiring['device_code'])).json, 'expired_token', 70020);
  });
});

describe('errors in Entra\'s shape', () => {
  test('invalid_grant: unknown, reused and expired codes, wrong PKCE verifier', async () => {
    const bogus = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'authorization_code', code: '1.Anot-a-code', redirect_uri: 'http://localhost', code_verifier: 'x' });
    assert.equal(bogus.status, 400);
    assertEntraError(bogus.json, 'invalid_grant', 9002313);

    const good = await freshCode();
    const redeem = (code: string, verifier: string) => token({ client_id: PARTNER_CLIENT_ID, grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:5555', code_verifier: verifier, scope: READ_DEVICES });
    assert.equal((await redeem(good.code, good.verifier)).status, 200);
    assertEntraError((await redeem(good.code, good.verifier)).json, 'invalid_grant', 54005);

    const wrongVerifier = await freshCode();
    assertEntraError((await redeem(wrongVerifier.code, pkce().verifier)).json, 'invalid_grant', 501481);

    const late = await freshCode();
    clock.advance(11 * 60_000);
    assertEntraError((await redeem(late.code, late.verifier)).json, 'invalid_grant', 70008);
  });

  test('invalid_client: the confidential app without its secret or with a wrong one; a public client with one', async () => {
    const base = { client_id: REPORTING_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x', scope: READ_DEVICES };
    const missing = await token(base);
    assert.equal(missing.status, 401);
    assertEntraError(missing.json, 'invalid_client', 7000218);
    const wrong = await token({ ...base, client_secret: 'not-the-secret' });
    assert.equal(wrong.status, 401);
    assertEntraError(wrong.json, 'invalid_client', 7000215);
    const basic = Buffer.from(`${REPORTING_CLIENT_ID}:wrong`).toString('base64');
    assertEntraError((await token({ grant_type: 'refresh_token', refresh_token: 'x', scope: READ_DEVICES }, CONTOSO.id, { authorization: `Basic ${basic}` })).json, 'invalid_client', 7000215);
    const publicWithSecret = await token({ client_id: DEFAULT_CLIENT_ID, client_secret: 'anything', grant_type: 'refresh_token', refresh_token: 'x' });
    assertEntraError(publicWithSecret.json, 'invalid_client', 700025);
    // The single-tenant app does not exist in Northwind.
    assertEntraError((await token({ ...base, client_secret: REPORTING_SECRET }, NORTHWIND.id)).json, 'unauthorized_client', 700016);
  });

  test('the correlation id the client sends comes back; unsupported grant types are named', async () => {
    const correlationId = randomUUID();
    const res = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'password', username: 'u', password: 'p' }, CONTOSO.id, { 'client-request-id': correlationId });
    assertEntraError(res.json, 'unsupported_grant_type', 70003);
    assert.equal(res.json['correlation_id'], correlationId);
    assert.equal(res.headers['client-request-id'], correlationId);
    assert.equal(res.headers['x-ms-request-id'], res.json['trace_id']);
  });

  test('consent_required when a refresh asks for a permission never granted', async () => {
    const t = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES] });
    const res = await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: t.refreshToken, scope: 'DeviceManagementConfiguration.Read.All openid offline_access' });
    assertEntraError(res.json, 'invalid_grant', 65001);
    assert.equal(res.json['suberror'], 'consent_required');
  });

  test('an unregistered redirect URI gets Entra\'s error page, never a redirect', async () => {
    const res = await httpsRequest(authorizeUrl(CONTOSO.id, publicRequest({ redirect_uri: 'https://evil.example/steal' })), { ca: server.caCertificate });
    assert.equal(res.status, 400);
    assert.equal(res.headers['location'], undefined);
    assert.match(res.text, /AADSTS50011: The redirect URI &#39;https:\/\/evil.example\/steal&#39; specified in the request does not match/);
    assert.doesNotMatch(res.text, /evil\.example\/steal"/, 'no form or link points at it');
    const unknownClient = await httpsRequest(authorizeUrl(CONTOSO.id, publicRequest({ client_id: randomUUID() })), { ca: server.caCertificate });
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.text, /AADSTS700016/);
  });

  test('PKCE is required of public clients, and must be S256', async () => {
    const missing = await authorizeError(CONTOSO.id, publicRequest({ code_challenge: '', code_challenge_method: '' }));
    assert.equal(missing.get('error'), 'invalid_request');
    assert.match(missing.get('error_description') ?? '', /^AADSTS9002325: /);
    assert.equal(missing.get('state'), 'st-123');
    const plain = await authorizeError(CONTOSO.id, publicRequest({ code_challenge_method: 'plain' }));
    assert.match(plain.get('error_description') ?? '', /^AADSTS50149: /);
    // response_mode=fragment puts the same answer after the '#'.
    const fragment = await httpsRequest(authorizeUrl(CONTOSO.id, publicRequest({ code_challenge: '', response_mode: 'fragment' })), { ca: server.caCertificate });
    const hash = new URLSearchParams(new URL(fragment.headers['location'] ?? '').hash.slice(1));
    assert.equal(hash.get('error'), 'invalid_request');
    assert.equal(hash.get('state'), 'st-123');
  });

  test('scopes outside the app\'s registration, unknown scopes and other resources are refused at authorize', async () => {
    const reporting = { client_id: REPORTING_CLIENT_ID, redirect_uri: 'https://reports.contoso.com/auth/callback' };
    const notConfigured = await authorizeError(CONTOSO.id, publicRequest({ ...reporting, scope: 'DeviceManagementManagedDevices.ReadWrite.All openid' }));
    assert.equal(notConfigured.get('error'), 'invalid_scope');
    assert.match(notConfigured.get('error_description') ?? '', /^AADSTS65005: .*DeviceManagementManagedDevices\.ReadWrite\.All/);
    const unknown = await authorizeError(CONTOSO.id, publicRequest({ scope: 'Device.Wipe.Everything' }));
    assert.equal(unknown.get('error'), 'invalid_scope');
    assert.match(unknown.get('error_description') ?? '', /doesn't exist on the resource '00000003-0000-0000-c000-000000000000'/);
    const otherResource = await authorizeError(CONTOSO.id, publicRequest({ scope: 'https://management.azure.com/user_impersonation' }));
    assert.equal(otherResource.get('error'), 'invalid_resource');
    const mixed = await authorizeError(CONTOSO.id, publicRequest({ scope: `https://graph.microsoft.com/.default ${READ_DEVICES}` }));
    assert.match(mixed.get('error_description') ?? '', /^AADSTS70011: /);
  });

  test('prompt=none without a session is login_required; Cancel on consent is access_denied', async () => {
    const none = await authorizeError(CONTOSO.id, publicRequest({ prompt: 'none' }));
    assert.equal(none.get('error'), 'login_required');
    assert.match(none.get('error_description') ?? '', /^AADSTS50058: /);
    await assert.rejects(
      signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, upn: 'lee.gu@contoso.onmicrosoft.com', password: 'Contoso-Helpdesk-2026', scopes: ['DeviceManagementRBAC.Read.All'], consent: 'cancel' }),
      (error: unknown) => {
        assert.ok(error instanceof SignInError);
        assert.equal(error.error, 'access_denied');
        assert.equal(error.fields['error_subcode'], 'cancel');
        assert.match(error.fields['error_description'] ?? '', /^AADSTS65004: /);
        return true;
      },
    );
  });

  test('a wrong password is AADSTS50126 on the password page; a person with no account in the tenant is refused', async () => {
    await assert.rejects(signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, upn: megan.upn, password: 'wrong', scopes: [READ_DEVICES] }),
      /Your account or password is incorrect.*AADSTS50126/);
    await assert.rejects(signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: NORTHWIND.id, ...megan, scopes: [READ_DEVICES], clientId: PARTNER_CLIENT_ID }),
      /AADSTS50020: User account 'megan\.bowen@contoso\.onmicrosoft\.com'/);
  });

  test('an unknown tenant: discovery, authorize and token all say AADSTS90002', async () => {
    const config = await httpsRequest(`${server.baseUrl}/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration`, { ca: server.caCertificate });
    assert.equal(config.status, 400);
    assertEntraError(JSON.parse(config.text) as Record<string, unknown>, 'invalid_tenant', 90002);
    const page = await httpsRequest(authorizeUrl('nowhere.onmicrosoft.com', publicRequest()), { ca: server.caCertificate });
    assert.equal(page.status, 400);
    assert.match(page.text, /AADSTS90002: Tenant &#39;nowhere\.onmicrosoft\.com&#39; not found/);
    assertEntraError((await token({ client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x' }, 'nowhere.onmicrosoft.com')).json, 'invalid_request', 90002);
  });
});

describe('Graph token checks', () => {
  test('verifyGraphToken: missing, tampered, wrong audience, expired on the clock', async () => {
    server.identity.setAccessTokenLifetime(600);
    const t = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES] });
    assert.equal(t.expiresIn, 600);
    const ok = server.identity.verifyGraphToken(`Bearer ${t.accessToken}`);
    assert.ok(!isTokenProblem(ok));
    assert.equal(ok.upn, megan.upn);
    assert.equal((server.identity.verifyGraphToken(undefined) as { kind: string }).kind, 'missing');
    const [h, p, sig] = t.accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), scp: 'DeviceManagementManagedDevices.PrivilegedOperations.All' })).toString('base64url');
    assert.equal((server.identity.verifyGraphToken(`Bearer ${h}.${forged}.${sig}`) as { kind: string }).kind, 'invalid');
    assert.equal((server.identity.verifyGraphToken(`Bearer ${t.idToken}`) as { kind: string }).kind, 'wrongAudience');
    clock.advance((600 + 300 + 1) * 1000);
    assert.equal((server.identity.verifyGraphToken(`Bearer ${t.accessToken}`) as { kind: string }).kind, 'expired');
  });
});
