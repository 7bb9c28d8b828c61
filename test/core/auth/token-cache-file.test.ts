// The token cache file after a real sign-in: nothing readable in it, only its key opens it, a
// tampered file is set aside (and the user told) instead of failing every call, and a cache
// protected another way is left alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AuthService } from '../../../src/core/auth/auth-service.ts';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import { SafeStorageEncryptor } from '../../../src/core/auth/safe-storage-encryptor.ts';
import { CacheProtectedElsewhereError, TokenCacheFile } from '../../../src/core/auth/token-cache-file.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { ADELE, READ_DEVICES, SIGNED_IN, decryptCacheFile, startAuthFixture } from './auth-fixture.ts';
import type { AuthFixture } from './auth-fixture.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';

let f: AuthFixture;

before(async () => {
  f = await startAuthFixture();
});

after(async () => {
  await f?.stop();
});

function decryptedCache(encryptor: KeyFileEncryptor): ReturnType<typeof decryptCacheFile> {
  return decryptCacheFile(f.cacheFile, encryptor);
}

describe('the token cache file', () => {
  test('after a sign-in it holds no readable token, and opens only with its key', async () => {
    const auth = f.service();
    await f.browser.during(
      { upn: ADELE.upn, password: ADELE.password, consent: 'accept', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso', [READ_DEVICES], { signal }),
    );
    await auth.getAccessToken('contoso', [READ_DEVICES], { forceRefresh: true });

    const raw = await readFile(f.cacheFile);
    const text = raw.toString('latin1');
    assert.equal(raw.subarray(0, 4).toString('ascii'), 'IDTC');
    assert.equal(raw.subarray(6, 6 + (raw[5] ?? 0)).toString('utf8'), 'key-file/aes-256-gcm');
    // No JWT (header or payload), no MSAL cache structure, no account name, in any of the usual encodings.
    for (const visible of ['eyJ', 'RefreshToken', 'AccessToken', 'secret', 'home_account_id', ADELE.upn, 'contoso']) {
      assert.ok(!text.includes(visible), `the raw cache shows "${visible}"`);
    }

    const { msal, signIns } = await decryptedCache(new KeyFileEncryptor(f.keyFile));
    const refreshTokens = Object.values(msal.RefreshToken);
    assert.equal(refreshTokens.length, 1);
    const secrets = [...refreshTokens, ...Object.values(msal.AccessToken), ...Object.values(msal.IdToken)].map((t) => t.secret);
    assert.ok(secrets.every((s) => s.length > 40));
    for (const secret of secrets) {
      for (const encoding of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), secret.slice(0, 24), secret.slice(-24)]) {
        assert.ok(!text.includes(encoding), 'a token (or part of one) is readable in the raw file');
      }
    }
    assert.deepEqual(Object.keys(signIns), ['contoso']);

    // Another key cannot open it.
    const otherKey = new KeyFileEncryptor(join(f.configDir, 'other', 'token-cache.key'));
    await assert.rejects(decryptedCache(otherKey), /altered or was encrypted with another key/);

    // Key and cache are private to this OS account.
    if (process.platform !== 'win32') {
      assert.equal((await stat(f.keyFile)).mode & 0o777, 0o600);
      assert.equal((await stat(f.cacheFile)).mode & 0o777, 0o600);
      assert.equal((await stat(dirname(f.keyFile))).mode & 0o777, 0o700);
    }
  });

  test('a tampered file: the user is told, the file is kept aside, and an empty cache starts', async () => {
    const original = await readFile(f.cacheFile);
    const tampered = Buffer.from(original);
    const at = tampered.length - 20;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    await writeFile(f.cacheFile, tampered);

    const auth = f.service();
    let problem: ProblemError['problem'] | undefined;
    try {
      await auth.getAccessToken('contoso', [READ_DEVICES]);
    } catch (error) {
      assert.ok(error instanceof ProblemError);
      problem = error.problem;
    }
    assert.equal(problem?.code, 'signInRequired');
    assert.match(problem?.message ?? '', /could not be decrypted/);
    assert.match(problem?.message ?? '', /sign in again/i);

    assert.equal(f.resets.length, 1);
    const reset = f.resets[0];
    assert.equal(reset?.problem.code, 'storeDamaged');
    assert.match(reset?.problem.message ?? '', /kept as .*token-cache\.bin\.damaged-/);
    assert.deepEqual(await readFile(reset?.movedTo ?? ''), tampered, 'the damaged file is kept as it was');
    const files = await readdir(dirname(f.cacheFile));
    assert.ok(!files.includes('token-cache.bin'), `nothing written until there is something to write: ${files.join(', ')}`);
    assert.deepEqual(await f.cache().readSignIns(), {});

    // Signing in again works and writes a fresh, encrypted cache.
    await f.browser.during(
      { consent: 'not-expected', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso', [READ_DEVICES], { signal }),
    );
    const token = await auth.getAccessToken('contoso', [READ_DEVICES]);
    assert.equal((await f.tenant.graph(token.token, 'GET', '/v1.0/deviceManagement/managedDevices?$top=1&$select=id')).status, 200);
    assert.deepEqual(Object.keys((await decryptedCache(new KeyFileEncryptor(f.keyFile))).signIns), ['contoso']);
  });

  test('a tampered file met first by a sign-in (a cache write) is set aside the same way', async () => {
    const before = f.resets.length;
    const original = await readFile(f.cacheFile);
    const tampered = Buffer.from(original);
    // In the AES-GCM nonce, after the clear header.
    const at = 6 + (original[5] ?? 0) + 3;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    await writeFile(f.cacheFile, tampered);
    // A fresh service whose first touch of the file is MSAL saving the new tokens.
    const auth = f.service();
    const { result } = await f.browser.during(
      { consent: 'not-expected', doneText: SIGNED_IN },
      (signal) => auth.signInInteractive('contoso', [READ_DEVICES], { signal }),
    );
    assert.equal(result.account.username, ADELE.upn);
    assert.equal(f.resets.length, before + 1);
    assert.deepEqual(await readFile(f.resets.at(-1)?.movedTo ?? ''), tampered);
    assert.deepEqual(Object.keys((await decryptedCache(new KeyFileEncryptor(f.keyFile))).signIns), ['contoso']);
  });

  test('a cache protected by another encryptor is reported and left untouched', async () => {
    const before = await readFile(f.cacheFile);
    const appCache = new TokenCacheFile({ path: f.cacheFile, encryptor: new SafeStorageEncryptor(new FakeSafeStorage()) });
    await assert.rejects(appCache.readSignIns(), (error: unknown) => {
      assert.ok(error instanceof CacheProtectedElsewhereError);
      assert.match(error.message, /protected by key-file\/aes-256-gcm, and this program uses electron-safe-storage/);
      return true;
    });
    const service = new AuthService({ profiles: f.profiles, tokenCache: appCache, openBrowser: async () => undefined, purgeTenantData: async () => undefined });
    await assert.rejects(service.getAccessToken('contoso', [READ_DEVICES]), CacheProtectedElsewhereError);
    await assert.rejects(service.signInWithDeviceCode('contoso', [READ_DEVICES], () => undefined, { signal: AbortSignal.abort() }), /cancelled/);
    assert.deepEqual(await readFile(f.cacheFile), before);
  });

  test('with encryption unavailable nothing is written, rather than a readable cache', async () => {
    const storage = new FakeSafeStorage();
    storage.available = false;
    const path = join(f.configDir, 'app', 'token-cache.bin');
    const cache = new TokenCacheFile({ path, encryptor: new SafeStorageEncryptor(storage) });
    await assert.rejects(cache.updateSignIns((s) => ({ ...s, x: { homeAccountId: 'a.b', tenantId: 'b', username: 'u', grantedScopes: [], signedInAt: '' } })), /cannot be encrypted/);
    await assert.rejects(stat(path), /ENOENT/);
  });
});
