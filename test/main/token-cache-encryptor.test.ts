// Which encryptor protects the app's token cache: safeStorage when the OS keystore works, the
// CLI's key file when Linux has no keyring (safeStorage's basic_text protects nothing). safeStorage
// is Electron's and is faked with the shapes Electron 45 has; the key file is real.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AsyncSafeStorage } from '../../src/core/auth/index.ts';
import { chooseTokenCacheEncryptor } from '../../src/main/token-cache-encryptor.ts';

function safeStorage(backend: string, available: boolean): AsyncSafeStorage & { encrypted: number } {
  const fake = {
    encrypted: 0,
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    async encryptStringAsync(text: string) {
      fake.encrypted++;
      return Buffer.from(`sealed:${text}`);
    },
    async decryptStringAsync(sealed: Buffer) {
      return { shouldReEncrypt: false, result: sealed.toString().replace(/^sealed:/, '') };
    },
  };
  return fake;
}

test('a working keystore: safeStorage protects the cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-enc-'));
  try {
    for (const backend of ['gnome_libsecret', 'kwallet6', 'unknown']) {
      const storage = safeStorage(backend, true);
      const chosen = await chooseTokenCacheEncryptor(storage, dir);
      assert.equal(chosen.encryptor.kind, 'electron-safe-storage', backend);
      assert.equal(chosen.fallbackReason, undefined);
      const sealed = await chosen.encryptor.encrypt(Buffer.from('{"RefreshToken":{}}'));
      assert.equal(storage.encrypted, 1);
      assert.equal((await chosen.encryptor.decrypt(sealed)).toString(), '{"RefreshToken":{}}');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Linux without a keyring (basic_text) falls back to the key file, and says why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-enc-'));
  try {
    const storage = safeStorage('basic_text', true);
    const chosen = await chooseTokenCacheEncryptor(storage, dir);
    assert.equal(chosen.encryptor.kind, 'key-file/aes-256-gcm');
    assert.match(chosen.fallbackReason ?? '', /no OS keyring/);
    const sealed = await chosen.encryptor.encrypt(Buffer.from('{"RefreshToken":{"secret":"0.AXoA"}}'));
    assert.equal(storage.encrypted, 0, 'basic_text was never used');
    assert.doesNotMatch(sealed.toString('latin1'), /0\.AXoA|RefreshToken/);
    assert.equal((await chosen.encryptor.decrypt(sealed)).toString(), '{"RefreshToken":{"secret":"0.AXoA"}}');
    const key = join(dir, 'token-cache.key');
    if (process.platform !== 'win32') assert.equal(statSync(key).mode & 0o077, 0, 'the key is readable by this account only');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a keystore that reports itself unavailable falls back too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-enc-'));
  try {
    const chosen = await chooseTokenCacheEncryptor(safeStorage('gnome_libsecret', false), dir);
    assert.equal(chosen.encryptor.kind, 'key-file/aes-256-gcm');
    assert.match(chosen.fallbackReason ?? '', /keystore is not available/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
