// A stand-in for Electron's safeStorage, which cannot run outside Electron: enough to test the
// adapter's contract (availability, the Linux basic_text backend, sync and async calls). Real
// encryption with an in-memory key, so "decrypts only what it encrypted" holds as it does for
// the OS keystore.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AsyncSafeStorage, SyncSafeStorage } from '../../../src/core/auth/safe-storage-encryptor.ts';

export class FakeSafeStorage implements SyncSafeStorage {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  /** Calls made, by name, so tests can see which API the adapter used. */
  readonly calls: string[] = [];
  private readonly key = randomBytes(32);

  isEncryptionAvailable(): boolean {
    this.calls.push('isEncryptionAvailable');
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    this.calls.push('encryptString');
    return this.seal(plainText);
  }

  decryptString(encrypted: Buffer): string {
    this.calls.push('decryptString');
    return this.open(encrypted);
  }

  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown';
  }

  protected seal(plainText: string): Buffer {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  }

  protected open(encrypted: Buffer): string {
    if (!this.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    const iv = encrypted.subarray(3, 15);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(encrypted.subarray(15, 31));
    return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
  }
}

/** The same, with Electron's asynchronous API as well (the one Electron's documentation now recommends). */
export class FakeAsyncSafeStorage extends FakeSafeStorage implements AsyncSafeStorage {
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    return this.seal(plainText);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.calls.push('decryptStringAsync');
    return { shouldReEncrypt: false, result: this.open(encrypted) };
  }
}
