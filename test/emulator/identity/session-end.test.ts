// Signing out: the session cookie is cleared, and the browser goes back to the app only when
// the address is one the app registered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTOSO, DEFAULT_CLIENT_ID } from '../../../src/emulator/directory/demo-directory.ts';
import { httpsRequest } from '../../helpers/https-request.ts';
import { startIdentityServer } from '../../helpers/identity-server.ts';
import type { IdentityServer } from '../../helpers/identity-server.ts';

let server: IdentityServer;
before(async () => {
  server = await startIdentityServer();
});
after(async () => {
  await server?.stop();
});

function logoutUrl(params: Record<string, string>): string {
  const url = new URL(`${server.baseUrl}/${CONTOSO.id}/oauth2/v2.0/logout`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

test('logout to a registered address redirects there with the state, clearing the session cookie', async () => {
  const res = await httpsRequest(logoutUrl({ client_id: DEFAULT_CLIENT_ID, post_logout_redirect_uri: 'http://localhost:4321', state: 'bye' }), { ca: server.caCertificate });
  assert.equal(res.status, 302);
  assert.equal(res.headers['location'], 'http://localhost:4321/?state=bye');
  assert.match(res.headers['set-cookie'] ?? '', /^ESTSAUTH=; Path=\/; Secure; HttpOnly; SameSite=None; Max-Age=0$/);
});

test('logout to an address the app did not register shows the signed-out page instead', async () => {
  const res = await httpsRequest(logoutUrl({ client_id: DEFAULT_CLIENT_ID, post_logout_redirect_uri: 'https://evil.example/' }), { ca: server.caCertificate });
  assert.equal(res.status, 200);
  assert.equal(res.headers['location'], undefined);
  assert.match(res.text, /You signed out of your account/);
  assert.match(res.headers['set-cookie'] ?? '', /Max-Age=0/);
});
