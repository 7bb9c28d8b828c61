// The token cache encryptor for the desktop app: Electron's safeStorage (DPAPI on Windows,
// Keychain on macOS, libsecret/kwallet on Linux), taken as a plain object so nothing under
// src/core imports Electron. The composition root passes `safeStorage` itself.
//
// It refuses to work, rather than write a readable cache, when safeStorage says encryption is
// unavailable, and on Linux when the selected backend is `basic_text` (Electron then encrypts
// with a hard-coded password, which protects nothing).
//
// Electron deprecated the synchronous calls (removal announced for Electron 46) in favour of
// isAsyncEncryptionAvailable / encryptStringAsync / decryptStringAsync; when the object has the
// asynchronous calls they are used, otherwise the synchronous ones.
import type { CacheEncryptor } from './cache-encryptor.ts';
import { EncryptionUnavailableError } from './cache-encryptor.ts';

/** The synchronous shape of Electron's `safeStorage`. */
export interface SyncSafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** The asynchronous shape of Electron's `safeStorage`. */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ readonly shouldReEncrypt: boolean; readonly result: string }>;
  getSelectedStorageBackend?(): string;
}

export type SafeStorageLike = SyncSafeStorage | AsyncSafeStorage;

export class SafeStorageEncryptor implements CacheEncryptor {
  readonly kind = 'electron-safe-storage';
  private readonly storage: SafeStorageLike;

  constructor(storage: SafeStorageLike) {
    this.storage = storage;
  }

  /** Whether the cache can be protected now; the app can tell the user why not before signing in. */
  async availability(): Promise<{ readonly available: true } | { readonly available: false; readonly reason: string }> {
    const backend = this.storage.getSelectedStorageBackend?.();
    if (backend === 'basic_text') {
      return { available: false, reason: 'no OS keyring was found (safeStorage would use its built-in plain-text password); install and unlock a Secret Service keyring such as GNOME Keyring or KWallet' };
    }
    const available = isAsync(this.storage) ? await this.storage.isAsyncEncryptionAvailable() : this.storage.isEncryptionAvailable();
    return available ? { available: true } : { available: false, reason: 'the operating system keystore is not available to Intune Desk' };
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    await this.requireAvailable();
    // safeStorage takes strings; base64 keeps any bytes intact.
    const text = plain.toString('base64');
    return isAsync(this.storage) ? this.storage.encryptStringAsync(text) : this.storage.encryptString(text);
  }

  async decrypt(cipher: Buffer): Promise<Buffer> {
    await this.requireAvailable();
    // shouldReEncrypt needs no action here: MSAL rewrites the cache, freshly encrypted, on its next token write.
    const text = isAsync(this.storage) ? (await this.storage.decryptStringAsync(cipher)).result : this.storage.decryptString(cipher);
    return Buffer.from(text, 'base64');
  }

  private async requireAvailable(): Promise<void> {
    const state = await this.availability();
    if (!state.available) throw new EncryptionUnavailableError(`The sign-in cache cannot be encrypted: ${state.reason}. Intune Desk does not store sign-ins unencrypted.`);
  }
}

function isAsync(storage: SafeStorageLike): storage is AsyncSafeStorage {
  return typeof (storage as Partial<AsyncSafeStorage>).encryptStringAsync === 'function'
    && typeof (storage as Partial<AsyncSafeStorage>).decryptStringAsync === 'function'
    && typeof (storage as Partial<AsyncSafeStorage>).isAsyncEncryptionAvailable === 'function';
}
