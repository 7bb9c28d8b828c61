// What the identity side keeps in the data folder across restarts, and how it survives a
// damaged folder: a clear log line and a fresh start, never a crash.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTOSO, DEFAULT_CLIENT_ID } from '../../../src/emulator/directory/demo-directory.ts';
import { isTokenProblem } from '../../../src/emulator/identity/service.ts';
import { getJson, postForm } from '../../helpers/https-request.ts';
import { startIdentityServer } from '../../helpers/identity-server.ts';
import type { IdentityServer } from '../../helpers/identity-server.ts';
import { signIn } from '../../helpers/sign-in.ts';

const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
const megan = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };

const folders: string[] = [];
const servers: IdentityServer[] = [];

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'intune-desk-identity-persist-'));
  folders.push(folder);
  return folder;
}

async function start(dataDir: string): Promise<IdentityServer> {
  const server = await startIdentityServer({ dataDir });
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function kid(server: IdentityServer): Promise<unknown> {
  const { json } = await getJson(`${server.baseUrl}/common/discovery/v2.0/keys`, server.caCertificate);
  return (json['keys'] as Record<string, unknown>[])[0]?.['kid'];
}

describe('the identity data folder', () => {
  test('after a restart: same signing key, old tokens still verify, refresh tokens and consents remembered', async () => {
    const folder = await dataFolder();
    const first = await start(folder);
    const tokens = await signIn({ baseUrl: first.baseUrl, ca: first.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES] });
    assert.equal(tokens.consentShown, true);
    const firstKid = await kid(first);
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(folder);
    assert.equal(await kid(second), firstKid);
    assert.ok(!isTokenProblem(second.identity.verifyGraphToken(`Bearer ${tokens.accessToken}`)));
    const refreshed = await postForm(`${second.baseUrl}/${CONTOSO.id}/oauth2/v2.0/token`, {
      client_id: DEFAULT_CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.refreshToken, scope: `${READ_DEVICES} openid offline_access`,
    }, second.caCertificate);
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
    const again = await signIn({ baseUrl: second.baseUrl, ca: second.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES] });
    assert.equal(again.consentShown, false, 'the consent given before the restart still counts');
    const state = await readFile(join(folder, 'identity-state.json'), 'utf8');
    assert.doesNotMatch(state, new RegExp(tokens.refreshToken.slice(0, 40)), 'refresh tokens are stored hashed');
  });

  test('a damaged state file and key are logged, set aside and replaced', async () => {
    const folder = await dataFolder();
    await writeFile(join(folder, 'identity-state.json'), '{"version":1, "consents": [tru');
    await writeFile(join(folder, 'identity-signing.key'), 'not a key');
    await writeFile(join(folder, 'identity-signing.pem'), 'not a certificate');
    const server = await start(folder);
    assert.ok(server.logs.some((l) => /identity-state\.json is damaged and was moved to .*corrupt-\d+; starting with no consents/.test(l)), server.logs.join('\n'));
    assert.ok(server.logs.some((l) => /token signing key .* could not be used .*making a new one/.test(l)), server.logs.join('\n'));
    assert.ok((await readdir(folder)).some((f) => f.startsWith('identity-state.json.corrupt-')));
    const tokens = await signIn({ baseUrl: server.baseUrl, ca: server.caCertificate, tenant: CONTOSO.id, ...megan, scopes: [READ_DEVICES] });
    assert.ok(!isTokenProblem(server.identity.verifyGraphToken(`Bearer ${tokens.accessToken}`)));
    await server.identity.stop();
    const saved = JSON.parse(await readFile(join(folder, 'identity-state.json'), 'utf8')) as { consents: unknown[]; refreshTokens: unknown[] };
    assert.equal(saved.consents.length, 1);
    assert.equal(saved.refreshTokens.length, 1);
  });
});
