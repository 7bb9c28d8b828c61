// The token cache encryptor for the CLI and tests: AES-256-GCM under a random 32-byte key kept in
// its own file.
//
// What protects the key: only the operating system's file permissions. The key file is created
// with mode 0600 in a 0700 folder under the user's config directory, so, like an SSH private key,
// it is readable by that OS account (and by administrators/root), not by other users. Anything
// running as the same user can read it, and so can anyone holding a copy of the home folder.
// What this buys: the cache file alone (a backup, a synced folder, a support bundle) reveals no
// token, and any change to it is detected. On Windows the desktop app uses Electron safeStorage
// (DPAPI) instead; there, as on POSIX, a key file with wider permissions is refused.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CacheEncryptor } from './cache-encryptor.ts';
import { EncryptionUnavailableError } from './cache-encryptor.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 1;
// Binds each ciphertext to its purpose, so a blob encrypted under this key for anything else
// cannot be passed off as a token cache.
const AAD = Buffer.from('intune-desk/token-cache/v1', 'utf8');

export class KeyFileEncryptor implements CacheEncryptor {
  readonly kind = 'key-file/aes-256-gcm';
  readonly keyPath: string;
  private key: Promise<Buffer> | undefined;

  constructor(keyPath: string) {
    this.keyPath = keyPath;
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    const key = await this.loadKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    const key = await this.loadKey();
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) throw new Error('The data is not an AES-256-GCM blob of this format.');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new Error(`The data was altered or was encrypted with another key than ${this.keyPath}.`, { cause: error });
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= loadOrCreateKey(this.keyPath).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}

/** Reads the key, or creates it atomically when no process has yet (two first runs agree on one key). */
async function loadOrCreateKey(path: string): Promise<Buffer> {
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(randomBytes(KEY_BYTES));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() fails if the key exists, so the key file appears whole and only once.
    await link(temp, path);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const key = await readKey(path);
  if (!key) throw new EncryptionUnavailableError(`The token cache key ${path} could not be created.`);
  return key;
}

async function readKey(path: string): Promise<Buffer | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  if (process.platform !== 'win32') {
    if ((info.mode & 0o077) !== 0) {
      throw new EncryptionUnavailableError(
        `The token cache key ${path} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); ` +
        `run "chmod 600 ${path}" and sign in again if you think it was copied.`);
    }
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) {
      throw new EncryptionUnavailableError(`The token cache key ${path} belongs to another user (uid ${info.uid}); Intune Desk will not use it.`);
    }
  }
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) {
    throw new EncryptionUnavailableError(`The token cache key ${path} is ${key.length} bytes instead of ${KEY_BYTES}; delete it (and the token cache beside it) and sign in again.`);
  }
  return key;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
