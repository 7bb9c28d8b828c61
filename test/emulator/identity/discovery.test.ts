// What a client reads before signing in, and proof that a standards-only OIDC client (jose, no
// Microsoft code) can validate our ID tokens from the published documents alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { CONTOSO, DEFAULT_CLIENT_ID } from '../../../src/emulator/directory/demo-directory.ts';
import { getJson, httpsRequest } from '../../helpers/https-request.ts';
import { startIdentityServer } from '../../helpers/identity-server.ts';
import type { IdentityServer } from '../../helpers/identity-server.ts';
import { signIn } from '../../helpers/sign-in.ts';

let server: IdentityServer;
before(async () => {
  server = await startIdentityServer();
});
after(async () => {
  await server?.stop();
});

describe('discovery documents', () => {
  test('instance discovery names our host as the only alias', async () => {
    const authority = `${server.baseUrl}/contoso.onmicrosoft.com/oauth2/v2.0/authorize`;
    const { status, json } = await getJson(`${server.baseUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authority)}`, server.caCertificate);
    assert.equal(status, 200);
    assert.deepEqual(json, {
      tenant_discovery_endpoint: `${server.baseUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: server.host, preferred_cache: server.host, aliases: [server.host] }],
    });
    const foreign = await getJson(`${server.baseUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent('https://login.example.com/x/oauth2/v2.0/authorize')}`, server.caCertificate);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.json['error'], 'invalid_instance');
  });

  test('openid-configuration: GUID endpoints for a domain, a templated issuer for common', async () => {
    const byDomain = (await getJson(`${server.baseUrl}/contoso.com/v2.0/.well-known/openid-configuration`, server.caCertificate)).json;
    const fields = ['token_endpoint', 'token_endpoint_auth_methods_supported', 'jwks_uri', 'response_modes_supported', 'subject_types_supported',
      'id_token_signing_alg_values_supported', 'response_types_supported', 'scopes_supported', 'issuer', 'request_uri_parameter_supported',
      'userinfo_endpoint', 'authorization_endpoint', 'device_authorization_endpoint', 'http_logout_supported', 'frontchannel_logout_supported',
      'end_session_endpoint', 'claims_supported', 'kerberos_endpoint', 'tenant_region_scope', 'cloud_instance_name', 'cloud_graph_host_name',
      'msgraph_host', 'rbac_url'];
    assert.deepEqual(Object.keys(byDomain).sort(), [...fields].sort());
    assert.equal(byDomain['issuer'], `${server.baseUrl}/${CONTOSO.id}/v2.0`);
    assert.equal(byDomain['authorization_endpoint'], `${server.baseUrl}/${CONTOSO.id}/oauth2/v2.0/authorize`);
    assert.equal(byDomain['token_endpoint'], `${server.baseUrl}/${CONTOSO.id}/oauth2/v2.0/token`);
    assert.equal(byDomain['device_authorization_endpoint'], `${server.baseUrl}/${CONTOSO.id}/oauth2/v2.0/devicecode`);
    const common = (await getJson(`${server.baseUrl}/common/v2.0/.well-known/openid-configuration`, server.caCertificate)).json;
    assert.equal(common['issuer'], `${server.baseUrl}/{tenantid}/v2.0`);
    assert.equal(common['token_endpoint'], `${server.baseUrl}/common/oauth2/v2.0/token`);
    assert.equal(common['tenant_region_scope'], null);
    const organizations = (await getJson(`${server.baseUrl}/organizations/v2.0/.well-known/openid-configuration`, server.caCertificate)).json;
    assert.equal(organizations['issuer'], `${server.baseUrl}/{tenantid}/v2.0`);
  });

  test('JWKS: one RS256 key whose x5c certificate carries the same public key, x5t its thumbprint', async () => {
    const { json } = await getJson(`${server.baseUrl}/${CONTOSO.id}/discovery/v2.0/keys`, server.caCertificate);
    const keys = json['keys'] as Record<string, unknown>[];
    assert.equal(keys.length, 1);
    const key = keys[0] ?? {};
    assert.equal(key['kty'], 'RSA');
    assert.equal(key['use'], 'sig');
    assert.equal(key['kid'], key['x5t']);
    assert.equal(key['issuer'], `${server.baseUrl}/${CONTOSO.id}/v2.0`);
    const cert = new X509Certificate(Buffer.from(String((key['x5c'] as string[])[0]), 'base64'));
    assert.equal(createHash('sha1').update(cert.raw).digest('base64url'), key['x5t']);
    const fromCert = cert.publicKey.export({ format: 'jwk' });
    assert.equal(fromCert.n, key['n']);
    assert.equal(fromCert.e, key['e']);
    const v1 = (await getJson(`${server.baseUrl}/common/discovery/keys`, server.caCertificate)).json;
    assert.equal((v1['keys'] as Record<string, unknown>[])[0]?.['kid'], key['kid']);
  });
});

describe('a standards-only OIDC client', () => {
  test('validates the ID token with jose from the JWKS and issuer the discovery document names', async () => {
    const config = (await getJson(`${server.baseUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, server.caCertificate)).json;
    const jwks = (await getJson(String(config['jwks_uri']), server.caCertificate)).json as unknown as JSONWebKeySet;
    const t = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: 'contoso.onmicrosoft.com', upn: 'lee.gu@contoso.onmicrosoft.com', password: 'Contoso-Helpdesk-2026', scopes: ['DeviceManagementManagedDevices.Read.All'] });
    const { payload, protectedHeader } = await jwtVerify(t.idToken, createLocalJWKSet(jwks), {
      issuer: String(config['issuer']),
      audience: DEFAULT_CLIENT_ID,
      algorithms: config['id_token_signing_alg_values_supported'] as string[],
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload['preferred_username'], 'lee.gu@contoso.onmicrosoft.com');
    assert.equal(payload['tid'], CONTOSO.id);
    // A token changed by one character no longer validates.
    const flipped = t.idToken.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${t.idToken.slice(0, -2)}${flipped}${t.idToken.slice(-1)}`;
    await assert.rejects(jwtVerify(tampered, createLocalJWKSet(jwks), { issuer: String(config['issuer']) }));
    // The userinfo endpoint the document names answers for the same person, with the same pairwise subject.
    const userinfo = await httpsRequest(String(config['userinfo_endpoint']), { ca: server.caCertificate, headers: { authorization: `Bearer ${t.accessToken}` } });
    assert.equal(userinfo.status, 200);
    const profile = JSON.parse(userinfo.text) as Record<string, unknown>;
    assert.equal(profile['sub'], payload['sub']);
    assert.equal(profile['name'], 'Lee Gu');
  });
});
