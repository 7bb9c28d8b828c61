// The desktop app and the CLI on one token cache at the same time: two real processes and this
// one acquire tokens silently and force refreshes concurrently. The demo tenant, like Entra with
// rotation, refuses a refresh token that was already redeemed, so any lost update or interleaved
// read-refresh-write shows up as a failed refresh; a torn write shows up as an unreadable file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import { ADELE, READ_DEVICES, SIGNED_IN, decryptCacheFile, startAuthFixture } from './auth-fixture.ts';
import type { AuthFixture } from './auth-fixture.ts';
import { startNode } from '../../helpers/node-process.ts';

const WORKER = fileURLToPath(new URL('./token-worker.ts', import.meta.url));

let f: AuthFixture;
before(async () => { f = await startAuthFixture(); });
after(async () => { await f?.stop(); });

describe('two processes on one token cache', () => {
  test('hammering silent acquisition and refreshes concurrently: the file stays readable and everyone ends with valid tokens', async () => {
    const auth = f.service();
    await f.browser.during(
      { upn: ADELE.upn, password: ADELE.password, consent: 'accept', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso', [READ_DEVICES], { signal }),
    );
    const profile = f.profiles.find((p) => p.id === 'contoso');
    const graphUrl = `${f.tenant.baseUrl}/v1.0/deviceManagement/managedDevices?$top=1&$select=id`;
    const input = { cacheFile: f.cacheFile, keyFile: f.keyFile, profile, scopes: [READ_DEVICES], iterations: 40, graphUrl };
    const workers = [1, 2].map(() => startNode(WORKER, [], { ...process.env, TOKEN_WORKER_INPUT: JSON.stringify(input) }));

    // This process takes part too, as the app would while the CLI runs.
    const here: string[] = [];
    for (let i = 0; i < 20; i++) here.push((await f.service().getAccessToken('contoso', [READ_DEVICES], { forceRefresh: i % 2 === 0 })).token);

    for (const w of workers) {
      const exit = await w.exited;
      const report = JSON.parse(w.stdout().trim().split('\n').at(-1) ?? '{}') as { ok: boolean; error?: string; refreshes: number; graphStatus: number; distinctTokens: number };
      assert.equal(report.ok, true, `${report.error ?? ''}\n${w.stderr()}`);
      assert.equal(exit.code, 0);
      assert.equal(report.refreshes, 20);
      assert.ok(report.distinctTokens >= 20, `each forced refresh gave a new token (${report.distinctTokens})`);
      assert.equal(report.graphStatus, 200);
    }

    // The file decrypts, holds exactly one (the latest) refresh token, and nothing was set aside.
    assert.deepEqual(f.resets, []);
    const { msal, signIns } = await decryptCacheFile(f.cacheFile, new KeyFileEncryptor(f.keyFile));
    assert.equal(Object.keys(msal.RefreshToken).length, 1);
    assert.equal(signIns['contoso']?.username, ADELE.upn);
    const leftovers = (await readdir(dirname(f.cacheFile))).filter((n) => n !== 'token-cache.bin' && n !== 'token-cache.key');
    assert.deepEqual(leftovers, [], 'no lock, temporary or damaged files left behind');

    // And the refresh token in the file is the live one.
    const after = await f.service().getAccessToken('contoso', [READ_DEVICES], { forceRefresh: true });
    assert.equal((await f.tenant.graph(after.token, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id')).status, 200);
  });
});
