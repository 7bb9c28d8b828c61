// Graph's front door over real HTTPS: which bearer tokens it takes and how it refuses the rest
// (401, a WWW-Authenticate challenge naming the authority, InvalidAuthenticationToken), that a
// token only ever sees its own tenant, and that tokens from unchanged MSAL Node are accepted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PublicClientApplication } from '@azure/msal-node';
import type { AuthenticationResult } from '@azure/msal-node';
import { ManualClock } from '../../src/emulator/clock.ts';
import { CLOCK_SKEW_SECONDS } from '../../src/emulator/identity/service.ts';
import { CaTrustingNetworkClient } from '../helpers/ca-trusting-network-client.ts';
import type { GraphReply } from '../helpers/graph-call.ts';
import { httpsRequest } from '../helpers/https-request.ts';
import { startTestTenant } from '../helpers/running-tenant.ts';
import type { TestTenant } from '../helpers/running-tenant.ts';
import { approveDeviceCode, signIn } from '../helpers/sign-in.ts';

const DEVICES = '/v1.0/deviceManagement/managedDevices';
const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const adele = { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026' };
const isaiah = 'isaiah.langer@northwind.onmicrosoft.com';

const clock = new ManualClock(Date.now());
let t: TestTenant;

before(async () => {
  t = await startTestTenant({ devices: 300 }, { clock });
});
after(async () => {
  await t?.stop();
});

async function rawGet(path: string, headers: Readonly<Record<string, string>>): Promise<GraphReply> {
  const res = await httpsRequest(`${t.baseUrl}${path}`, { ca: t.ca, headers });
  return { ...res, json: res.text === '' ? undefined : JSON.parse(res.text) };
}

/** Graph's 401: the challenge that tells a client where to sign in, and the OData error body. */
function assertUnauthorized(reply: GraphReply, message: RegExp): void {
  assert.equal(reply.status, 401, reply.text);
  const challenge = reply.headers['www-authenticate'] ?? '';
  assert.match(challenge, /^Bearer /);
  assert.ok(challenge.includes(`authorization_uri="${t.baseUrl}/common/oauth2/authorize"`), challenge);
  assert.ok(challenge.includes('client_id="00000003-0000-0000-c000-000000000000"'), challenge);
  const error = (reply.json as { error: { code: string; message: string; innerError: Record<string, string> } }).error;
  assert.equal(error.code, 'InvalidAuthenticationToken');
  assert.match(error.message, message);
  assert.equal(error.innerError['request-id'], reply.headers['request-id']);
  assert.match(error.innerError['date'] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
}

function idsOf(items: readonly Record<string, unknown>[]): Set<string> {
  return new Set(items.map((d) => String(d['id'])));
}

describe('tokens from unchanged MSAL Node are accepted', () => {
  function msal(network: CaTrustingNetworkClient): PublicClientApplication {
    return new PublicClientApplication({
      auth: { clientId: t.tenant.ready.clientId, authority: `${t.baseUrl}/contoso.onmicrosoft.com`, knownAuthorities: [new URL(t.baseUrl).host] },
      system: { networkClient: network },
    });
  }

  async function assertGraphTakes(result: AuthenticationResult): Promise<void> {
    const reply = await t.graph(result.accessToken, 'GET', `${DEVICES}?$top=5`);
    assert.equal(reply.status, 200, reply.text);
    assert.equal((reply.json as { value: unknown[] }).value.length, 5);
  }

  test('acquireTokenByRefreshToken', async () => {
    const first = await signIn({ baseUrl: t.baseUrl, ca: t.ca, tenant: 'contoso.onmicrosoft.com', upn: adele.upn, scopes: [READ_DEVICES] });
    const network = new CaTrustingNetworkClient(t.ca);
    const result = await msal(network).acquireTokenByRefreshToken({ refreshToken: first.refreshToken, scopes: [READ_DEVICES] });
    assert.ok(result);
    assert.notEqual(result.accessToken, first.accessToken, 'a new token, from the token endpoint');
    assert.ok(network.requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/contoso.onmicrosoft.com/oauth2/v2.0/token'), JSON.stringify(network.requests));
    await assertGraphTakes(result);
  });

  test('acquireTokenByDeviceCode, approved on /devicelogin', async () => {
    let approval: Promise<string> | undefined;
    const result = await msal(new CaTrustingNetworkClient(t.ca)).acquireTokenByDeviceCode({
      scopes: [READ_DEVICES],
      deviceCodeCallback: (response) => {
        approval = approveDeviceCode({ baseUrl: t.baseUrl, ca: t.ca, userCode: response.userCode, upn: adele.upn, password: adele.password });
      },
    });
    assert.ok(result && approval);
    assert.match(await approval, /You have signed in/);
    assert.equal(result.account?.username, adele.upn);
    await assertGraphTakes(result);
  });
});

describe('a token sees only its own tenant', () => {
  test('northwind lists none of contoso\'s devices, cannot read one by id, and the other way round', async () => {
    const contosoToken = await t.token(adele.upn);
    const northwindToken = await t.token(isaiah, { tenant: 'northwind.onmicrosoft.com' });
    const contoso = idsOf(await t.all(contosoToken, `${DEVICES}?$select=id`));
    const northwind = idsOf(await t.all(northwindToken, `${DEVICES}?$select=id`));
    assert.equal(contoso.size, 300);
    assert.equal(northwind.size, t.tenant.ready.tenants[1]?.devices);
    assert.deepEqual([...northwind].filter((id) => contoso.has(id)), []);

    const [contosoDevice] = contoso;
    const [northwindDevice] = northwind;
    assert.equal((await t.graph(northwindToken, 'GET', `${DEVICES}/${contosoDevice}`)).status, 404);
    assert.equal((await t.graph(contosoToken, 'GET', `${DEVICES}/${northwindDevice}`)).status, 404);
    assert.equal((await t.graph(northwindToken, 'POST', `${DEVICES}/${contosoDevice}/syncDevice`)).status, 404);
  });

  test('a token re-signed with its tenant swapped is refused, not read as the other tenant', async () => {
    const token = await t.token(adele.upn, { scopes: [READ_DEVICES] });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const northwindId = t.tenant.ready.tenants[1]?.id ?? '';
    const forged = Buffer.from(JSON.stringify({ ...claims, tid: northwindId, iss: `https://sts.windows.net/${northwindId}/` })).toString('base64url');
    assertUnauthorized(await rawGet(DEVICES, { authorization: `Bearer ${header}.${forged}.${signature}` }), /validation failure/);
  });
});

describe('refused tokens', () => {
  test('no Authorization header', async () => {
    assertUnauthorized(await rawGet(DEVICES, {}), /^Access token is empty\.$/);
  });

  test('a header that is not "Bearer <token>"', async () => {
    assertUnauthorized(await rawGet(DEVICES, { authorization: 'Basic YWRlbGU6cGFzc3dvcmQ=' }), /validation failure/);
  });

  test('garbage in place of a JWT', async () => {
    assertUnauthorized(await rawGet(DEVICES, { authorization: 'Bearer not-a-jwt' }), /validation failure/);
    assertUnauthorized(await rawGet(DEVICES, { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }), /validation failure/);
  });

  test('an ID token used as the bearer (its audience is the app, not Graph)', async () => {
    const signedIn = await signIn({ baseUrl: t.baseUrl, ca: t.ca, tenant: 'contoso.onmicrosoft.com', upn: adele.upn, scopes: [READ_DEVICES] });
    assertUnauthorized(await rawGet(DEVICES, { authorization: `Bearer ${signedIn.idToken}` }), /Invalid audience/);
  });

  test('the client-request-id is echoed on a 401 as on any Graph answer', async () => {
    const reply = await rawGet(DEVICES, { 'client-request-id': '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d' });
    assertUnauthorized(reply, /empty/);
    assert.equal(reply.headers['client-request-id'], '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d');
  });

  // Runs last in the file: it moves the tenant's clock far ahead.
  test('an expired token: accepted within the clock-skew allowance, refused past it', async () => {
    const signedIn = await signIn({ baseUrl: t.baseUrl, ca: t.ca, tenant: 'contoso.onmicrosoft.com', upn: adele.upn, scopes: [READ_DEVICES] });
    const bearer = { authorization: `Bearer ${signedIn.accessToken}` };
    assert.equal((await rawGet(`${DEVICES}?$top=1`, bearer)).status, 200);

    clock.advance((signedIn.expiresIn + CLOCK_SKEW_SECONDS - 60) * 1000);
    assert.equal((await rawGet(`${DEVICES}?$top=1`, bearer)).status, 200, 'a minute inside the allowance');

    clock.advance(120 * 1000);
    assertUnauthorized(await rawGet(`${DEVICES}?$top=1`, bearer), /token is expired/);
  });
});
