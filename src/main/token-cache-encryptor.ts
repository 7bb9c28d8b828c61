// How the app protects its token cache. Electron safeStorage (DPAPI on Windows, the Keychain on
// macOS, Secret Service or KWallet on Linux) when the OS keystore works. On Linux without a
// keyring safeStorage falls back to "basic_text", a password built into Chromium, which protects
// nothing; SafeStorageEncryptor refuses it, and the app then uses what the CLI uses: AES-256-GCM
// with a key file readable by this OS account only (src/core/auth/key-file-encryptor.ts), and
// logs why. The cache is never written in the clear.
import { join } from 'node:path';
import { KeyFileEncryptor, SafeStorageEncryptor } from '../core/auth/index.ts';
import type { CacheEncryptor, SafeStorageLike } from '../core/auth/index.ts';

export interface ChosenEncryptor {
  readonly encryptor: CacheEncryptor;
  /** Why safeStorage was not used, when it was not. */
  readonly fallbackReason?: string;
}

/** Call after app 'ready': before it, safeStorage cannot tell whether a keystore exists. */
export async function chooseTokenCacheEncryptor(safeStorage: SafeStorageLike, dataDir: string): Promise<ChosenEncryptor> {
  const preferred = new SafeStorageEncryptor(safeStorage);
  const state = await preferred.availability();
  if (state.available) return { encryptor: preferred };
  return { encryptor: new KeyFileEncryptor(join(dataDir, 'token-cache.key')), fallbackReason: state.reason };
}
