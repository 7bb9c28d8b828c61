// The demo profile's network client: it trusts the demo tenant's CA for the demo tenant's host,
// and nothing more. Certificate checking stays on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rootCertificates } from 'node:tls';
import { ClientAuthError } from '@azure/msal-node';
import { CaTrustingNetworkClient } from '../../../src/core/auth/ca-trusting-network-client.ts';
import { startTestTenant } from '../../helpers/running-tenant.ts';
import type { TestTenant } from '../../helpers/running-tenant.ts';

let t: TestTenant;
before(async () => { t = await startTestTenant({ devices: 200 }); });
after(async () => { await t?.stop(); });

function networkError(pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof ClientAuthError, String(error));
    assert.equal(error.errorCode, 'network_error');
    assert.match(error.errorMessage, pattern);
    return true;
  };
}

describe('CaTrustingNetworkClient', () => {
  test('reaches the demo tenant through its CA, and gives MSAL status, headers and parsed body', async () => {
    const client = new CaTrustingNetworkClient({ caCertificatePem: t.ca, allowedHosts: [new URL(t.baseUrl).host] });
    const res = await client.sendGetRequestAsync<{ issuer: string }>(`${t.baseUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, {}, 5_000);
    assert.equal(res.status, 200);
    assert.match(res.body.issuer, /\/5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11\/v2\.0$/);
    assert.match(res.headers['content-type'] ?? '', /application\/json/);
    const token = await client.sendPostRequestAsync<{ error: string }>(`${t.baseUrl}/contoso.onmicrosoft.com/oauth2/v2.0/token`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&client_id=0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60&refresh_token=nope&scope=openid',
    });
    assert.equal(token.status, 400);
    assert.equal(token.body.error, 'invalid_grant');
  });

  test('does not trust the demo tenant without its CA: the certificate is checked', async () => {
    const client = new CaTrustingNetworkClient({ caCertificatePem: rootCertificates[0] ?? '', allowedHosts: [new URL(t.baseUrl).host] });
    await assert.rejects(client.sendGetRequestAsync(`${t.baseUrl}/common/discovery/instance`), networkError(/certificate|self.signed|issuer/i));
  });

  test('refuses hosts other than the demo tenant\'s, and plain http, before connecting', async () => {
    const client = new CaTrustingNetworkClient({ caCertificatePem: t.ca, allowedHosts: [new URL(t.baseUrl).host] });
    await assert.rejects(client.sendGetRequestAsync('https://login.microsoftonline.com/common/discovery/instance'), networkError(/trusted only for 127\.0\.0\.1:\d+/));
    await assert.rejects(client.sendPostRequestAsync(`${t.baseUrl.replace('https:', 'http:')}/common/oauth2/v2.0/token`), networkError(/only https/));
  });
});
