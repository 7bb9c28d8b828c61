// Tenant profiles come from settings, flags and forms: each mistake gets a message saying what to fix.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rootCertificates } from 'node:tls';
import { authorityTenant, tenantAuthority, tenantProfile, tenantProfileIssues } from '../../../src/core/auth/tenant-profile.ts';
import type { TenantProfile } from '../../../src/core/auth/tenant-profile.ts';
import { ProblemError } from '../../../src/core/problem.ts';

// Any real certificate does for validation.
const CA = rootCertificates[0] ?? '';

const entra: TenantProfile = {
  id: 'contoso',
  label: 'Contoso',
  authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
  clientId: '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60',
  kind: 'entra',
};
const demo: TenantProfile = { ...entra, id: 'demo', authority: 'https://127.0.0.1:8443/organizations', kind: 'demo', trustedCaPem: CA };

describe('tenant profile validation', () => {
  test('accepts each kind of tenant in the authority', () => {
    const cases: readonly [string, string, string][] = [
      ['https://login.microsoftonline.com/5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11', 'tenantId', '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11'],
      ['https://login.microsoftonline.com/5B3E1D6C-9F0A-4C2E-8A71-0D4F6B2C9E11/', 'tenantId', '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11'],
      ['https://login.microsoftonline.com/contoso.onmicrosoft.com', 'domain', 'contoso.onmicrosoft.com'],
      ['https://login.microsoftonline.com/Northwindtraders.com', 'domain', 'northwindtraders.com'],
      ['https://login.microsoftonline.com/organizations', 'organizations', 'organizations'],
      ['https://login.microsoftonline.com/common', 'common', 'common'],
      ['https://login.microsoftonline.us/contoso.onmicrosoft.us', 'domain', 'contoso.onmicrosoft.us'],
    ];
    for (const [authority, kind, value] of cases) {
      const profile = tenantProfile({ ...entra, authority });
      assert.deepEqual(authorityTenant(profile), { kind, value }, authority);
      assert.ok(!profile.authority.endsWith('/'), profile.authority);
    }
    assert.deepEqual(tenantProfileIssues(demo), []);
    assert.equal(tenantAuthority(tenantProfile(demo), '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11'), 'https://127.0.0.1:8443/5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11');
    assert.equal(tenantProfile({ ...entra, clientId: entra.clientId.toUpperCase(), label: '  Contoso  ' }).clientId, entra.clientId);
  });

  test('rejects each mistake with a message that says what to fix', () => {
    const matrix: readonly [string, unknown, RegExp][] = [
      ['client id not a GUID', { ...entra, clientId: 'intune-desk' }, /client id must be the app registration's Application \(client\) ID, a GUID .*got "intune-desk"/],
      ['client id one digit short', { ...entra, clientId: '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f6' }, /client id must be .* a GUID/],
      ['client id with braces', { ...entra, clientId: '{0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60}' }, /client id must be .* a GUID/],
      ['client id missing', { ...entra, clientId: undefined }, /client id .* got nothing/],
      ['http authority', { ...entra, authority: 'http://login.microsoftonline.com/contoso.onmicrosoft.com' }, /authority must use https .*got http:\/\/login\.microsoftonline\.com/],
      ['http demo authority', { ...demo, authority: 'http://127.0.0.1:8443/organizations' }, /must use https/],
      ['not a URL', { ...entra, authority: 'login.microsoftonline.com/contoso' }, /is not a URL/],
      ['no tenant', { ...entra, authority: 'https://login.microsoftonline.com/' }, /path must be exactly one tenant/],
      ['two segments', { ...entra, authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0' }, /path must be exactly one tenant/],
      ['tenant not GUID nor domain', { ...entra, authority: 'https://login.microsoftonline.com/contoso' }, /"contoso" is not a tenant/],
      ['malformed GUID as tenant', { ...entra, authority: 'https://login.microsoftonline.com/5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e1' }, /is not a tenant/],
      ['query in authority', { ...entra, authority: 'https://login.microsoftonline.com/common?x=1' }, /must not carry credentials, a query or a fragment/],
      ['unknown kind', { ...entra, kind: 'b2c' }, /kind must be "demo" or "entra"; got "b2c"/],
      ['demo without CA', { ...demo, trustedCaPem: undefined }, /demo profile needs the demo tenant's CA/],
      ['demo with a non-certificate', { ...demo, trustedCaPem: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' }, /not a PEM certificate/],
      ['entra with a CA', { ...entra, trustedCaPem: CA }, /uses the system's certificate authorities/],
      ['bad id', { ...entra, id: 'contoso tenant' }, /profile id must be 1 to 64/],
      ['empty label', { ...entra, label: ' ' }, /needs a label/],
      ['unknown setting', { ...entra, redirectUri: 'http://localhost' }, /Unknown setting "redirectUri"/],
      ['not an object', 'contoso', /must be an object/],
    ];
    for (const [name, input, message] of matrix) {
      const issues = tenantProfileIssues(input);
      assert.ok(issues.some((i) => message.test(i.message)), `${name}: ${issues.map((i) => i.message).join(' | ') || 'no issue'}`);
      assert.throws(() => tenantProfile(input), (error: unknown) => {
        assert.ok(error instanceof ProblemError, name);
        assert.equal(error.problem.code, 'badRequest');
        assert.match(error.problem.message, message, name);
        return true;
      });
    }
  });

  test('reports every issue at once, and names the profile', () => {
    const issues = tenantProfileIssues({ id: 'x', label: '', authority: 'http://h/common', clientId: 'nope', kind: 'entra' });
    assert.deepEqual(issues.map((i) => i.field).sort(), ['authority', 'clientId', 'label']);
    assert.throws(() => tenantProfile({ ...entra, clientId: 'nope' }), /The tenant profile "contoso" is not valid/);
  });
});
