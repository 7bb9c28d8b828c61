// The port through which the token cache is encrypted. The desktop app plugs in Electron's
// safeStorage (OS keystore: DPAPI, Keychain, libsecret); the CLI and tests use a key file.
// Nothing here imports Electron.

export interface CacheEncryptor {
  /**
   * Names the protection, e.g. 'key-file/aes-256-gcm' or 'electron-safe-storage'. Written in the
   * clear in the cache file's header so that a cache protected another way is reported as such,
   * never mistaken for a damaged file and thrown away.
   */
  readonly kind: string;
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Throws when `cipher` was not produced with this key or was altered. */
  decrypt(cipher: Buffer): Promise<Buffer>;
}

/**
 * The protection is not available right now (no OS keystore, app not ready, key file unsafe).
 * Distinct from a failed decryption: the cache file is left untouched, and nothing is written
 * in the clear instead.
 */
export class EncryptionUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EncryptionUnavailableError';
  }
}
