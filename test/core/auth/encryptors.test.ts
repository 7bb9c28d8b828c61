// The two cache encryptors: the key file (real files, real permissions) and the safeStorage
// adapter's contract (against a stand-in, since Electron cannot run here).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptionUnavailableError } from '../../../src/core/auth/cache-encryptor.ts';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import { SafeStorageEncryptor } from '../../../src/core/auth/safe-storage-encryptor.ts';
import { FakeAsyncSafeStorage, FakeSafeStorage } from './fake-safe-storage.ts';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'intune-desk-encryptors-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

const secret = Buffer.from('{"RefreshToken":{"x":{"secret":"1.AbCdEf"}}}', 'utf8');

describe('KeyFileEncryptor', () => {
  test('creates one private 32-byte key on first use, even when two instances race for it', async () => {
    const keyPath = join(dir, 'race', 'cache.key');
    const a = new KeyFileEncryptor(keyPath);
    const b = new KeyFileEncryptor(keyPath);
    const [fromA, fromB] = await Promise.all([a.encrypt(secret), b.encrypt(secret)]);
    assert.deepEqual(await b.decrypt(fromA), secret);
    assert.deepEqual(await a.decrypt(fromB), secret);
    assert.equal((await readFile(keyPath)).length, 32);
    if (process.platform !== 'win32') {
      assert.equal((await stat(keyPath)).mode & 0o777, 0o600);
      assert.equal((await stat(join(dir, 'race'))).mode & 0o777, 0o700);
    }
    // A fresh nonce each time: the same plaintext never encrypts the same way twice.
    assert.notDeepEqual(fromA, fromB);
    assert.ok(!fromA.toString('latin1').includes('RefreshToken'));
  });

  test('detects any change to the ciphertext and refuses another key', async () => {
    const encryptor = new KeyFileEncryptor(join(dir, 'tamper', 'cache.key'));
    const sealed = await encryptor.encrypt(secret);
    for (const at of [1, 13, 29, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = (changed[at] ?? 0) ^ 0x80;
      await assert.rejects(encryptor.decrypt(changed), /altered or was encrypted with another key/);
    }
    await assert.rejects(encryptor.decrypt(sealed.subarray(0, 20)), /not an AES-256-GCM blob/);
    await assert.rejects(new KeyFileEncryptor(join(dir, 'other', 'cache.key')).decrypt(sealed), /another key/);
  });

  test('refuses a key file other users can read, like ssh does', { skip: process.platform === 'win32' }, async () => {
    const keyPath = join(dir, 'open', 'cache.key');
    await new KeyFileEncryptor(keyPath).encrypt(secret);
    await chmod(keyPath, 0o644);
    await assert.rejects(new KeyFileEncryptor(keyPath).encrypt(secret), (error: unknown) => {
      assert.ok(error instanceof EncryptionUnavailableError);
      assert.match(error.message, /can be read by other users \(mode 644\); run "chmod 600/);
      return true;
    });
  });

  test('refuses a key of the wrong length', async () => {
    const keyPath = join(dir, 'short.key');
    await writeFile(keyPath, Buffer.alloc(16), { mode: 0o600 });
    await assert.rejects(new KeyFileEncryptor(keyPath).encrypt(secret), /16 bytes instead of 32/);
  });
});

describe('SafeStorageEncryptor (Electron safeStorage, through a stand-in)', () => {
  test('round-trips any bytes through the synchronous API', async () => {
    const storage = new FakeSafeStorage();
    const encryptor = new SafeStorageEncryptor(storage);
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0xc3]);
    assert.deepEqual(await encryptor.decrypt(await encryptor.encrypt(bytes)), bytes);
    assert.deepEqual(await encryptor.decrypt(await encryptor.encrypt(secret)), secret);
    assert.ok(storage.calls.includes('encryptString') && storage.calls.includes('decryptString'));
  });

  test('prefers the asynchronous API when safeStorage has it', async () => {
    const storage = new FakeAsyncSafeStorage();
    const encryptor = new SafeStorageEncryptor(storage);
    assert.deepEqual(await encryptor.decrypt(await encryptor.encrypt(secret)), secret);
    assert.deepEqual(storage.calls, ['isAsyncEncryptionAvailable', 'encryptStringAsync', 'isAsyncEncryptionAvailable', 'decryptStringAsync']);
  });

  test('refuses to encrypt or decrypt when encryption is unavailable, without calling safeStorage', async () => {
    for (const storage of [new FakeSafeStorage(), new FakeAsyncSafeStorage()]) {
      const encryptor = new SafeStorageEncryptor(storage);
      const sealed = await encryptor.encrypt(secret);
      storage.available = false;
      storage.calls.length = 0;
      await assert.rejects(encryptor.encrypt(secret), EncryptionUnavailableError);
      await assert.rejects(encryptor.decrypt(sealed), /does not store sign-ins unencrypted/);
      assert.ok(!storage.calls.some((c) => c.startsWith('encrypt') || c.startsWith('decrypt')), storage.calls.join());
      assert.deepEqual(await encryptor.availability(), { available: false, reason: 'the operating system keystore is not available to Intune Desk' });
    }
  });

  test('refuses Linux\'s basic_text backend, whose hard-coded password protects nothing', async () => {
    const storage = new FakeSafeStorage();
    storage.backend = 'basic_text';
    const encryptor = new SafeStorageEncryptor(storage);
    await assert.rejects(encryptor.encrypt(secret), (error: unknown) => {
      assert.ok(error instanceof EncryptionUnavailableError);
      assert.match(error.message, /no OS keyring was found/);
      return true;
    });
    assert.deepEqual(storage.calls, []);
  });

  test('what another safeStorage key encrypted does not decrypt', async () => {
    const sealed = await new SafeStorageEncryptor(new FakeSafeStorage()).encrypt(secret);
    await assert.rejects(new SafeStorageEncryptor(new FakeSafeStorage()).decrypt(sealed));
  });
});
