import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIdProblem, connectRequest, tenantProblem } from '../../src/renderer/features/first-run/connect-validation.ts';

const GUID = '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60';

test('a client ID must be a GUID', () => {
  assert.equal(clientIdProblem(GUID), undefined);
  assert.equal(clientIdProblem(`  ${GUID.toUpperCase()} `), undefined);
  assert.match(clientIdProblem('') ?? '', /Overview page/);
  assert.match(clientIdProblem('0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f6') ?? '', /GUID/);
  assert.match(clientIdProblem('Intune Desk') ?? '', /GUID/);
});

test('a tenant is a GUID, a domain, organizations or common', () => {
  for (const ok of [GUID, 'contoso.onmicrosoft.com', 'northwindtraders.com', 'sub.example.co.uk', 'organizations', 'Common']) assert.equal(tenantProblem(ok), undefined, ok);
  assert.match(tenantProblem('') ?? '', /Enter your tenant/);
  assert.match(tenantProblem('consumers') ?? '', /work or school/);
  assert.match(tenantProblem('https://login.microsoftonline.com/contoso.onmicrosoft.com') ?? '', /not a URL/);
  assert.match(tenantProblem('adele@contoso.com') ?? '', /after the @/);
  for (const bad of ['contoso', 'contoso.', '-contoso.com', 'contoso..com', 'con toso.com', 'contoso.c0m']) assert.notEqual(tenantProblem(bad), undefined, bad);
});

test('the request is trimmed, the client ID lower-cased, and a blank name left out', () => {
  assert.deepEqual(connectRequest({ clientId: ` ${GUID.toUpperCase()} `, tenant: ' contoso.com ', label: '  ' }), { clientId: GUID, tenant: 'contoso.com' });
  assert.deepEqual(connectRequest({ clientId: GUID, tenant: 'organizations', label: ' Contoso EU ' }), { clientId: GUID, tenant: 'organizations', label: 'Contoso EU' });
  assert.equal(connectRequest({ clientId: 'x', tenant: 'contoso.com', label: '' }), undefined);
  assert.equal(connectRequest({ clientId: GUID, tenant: 'consumers', label: '' }), undefined);
});
