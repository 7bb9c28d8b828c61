// MSAL's token cache, and which account each tenant profile is signed in with, kept in one
// encrypted file that the desktop app and the CLI can use at the same time.
//
// File layout: "IDTC" | format (1 byte) | length of the encryptor's name (1 byte) | that name |
// the encryptor's output. Only the name is in the clear, so a cache protected another way (the
// app's safeStorage seen from the CLI) is reported, not mistaken for damage. The encrypted part
// is JSON: { v: 1, msal: <MSAL's serialized cache>, signIns: { [profileId]: ProfileSignIn } }.
//
// Concurrency, as MSAL's own persistence (msal-node-extensions) does it: every access reloads
// the file; a write access takes the cross-process lock in beforeCacheAccess, reloads under it,
// lets MSAL merge its change into what it loaded (TokenCache.serialize merges with the
// snapshot), writes atomically and releases in afterCacheAccess. Reads take no lock: a rename
// never shows a half-written file.
import type { Stats } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Problem } from '../problem.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { CacheEncryptor } from './cache-encryptor.ts';
import { EncryptionUnavailableError } from './cache-encryptor.ts';
import { CacheLock } from './cache-lock.ts';
import type { CacheLockOptions, ReleaseLock } from './cache-lock.ts';

/** Which account and tenant a profile is signed in with, and what it has been granted. */
export interface ProfileSignIn {
  readonly homeAccountId: string;
  /** The tenant GUID tokens for this profile are issued by. */
  readonly tenantId: string;
  readonly username: string;
  /** Graph scopes seen in the `scp` of this profile's access tokens. */
  readonly grantedScopes: readonly string[];
  /** ISO 8601. */
  readonly signedInAt: string;
}

export type ProfileSignIns = Readonly<Record<string, ProfileSignIn>>;

interface CacheDocument {
  readonly msal: string;
  readonly signIns: ProfileSignIns;
}

/** An unreadable cache file was moved aside and replaced by an empty cache. */
export interface CacheReset {
  readonly problem: Problem;
  readonly movedTo: string;
}

/** The cache file is protected by another encryptor (say the desktop app's OS keystore). It is left untouched. */
export class CacheProtectedElsewhereError extends Error {
  readonly fileKind: string;
  constructor(path: string, fileKind: string, ourKind: string) {
    super(`The sign-in cache ${path} is protected by ${fileKind}, and this program uses ${ourKind}, so it cannot read it. ` +
      'Use the program that created it, or point this one at its own cache file.');
    this.name = 'CacheProtectedElsewhereError';
    this.fileKind = fileKind;
  }
}

export interface TokenCacheFileOptions {
  readonly path: string;
  readonly encryptor: CacheEncryptor;
  readonly lock?: CacheLockOptions;
  /** Told when an unreadable cache file was moved aside (the user has to sign in again). */
  readonly onReset?: (reset: CacheReset) => void;
}

const MAGIC = Buffer.from('IDTC', 'ascii');
const FORMAT = 1;
const EMPTY_MSAL_CACHE = JSON.stringify({ Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} });
const EMPTY: CacheDocument = { msal: '', signIns: {} };

type ReadOutcome =
  | { readonly kind: 'ok'; readonly doc: CacheDocument }
  | { readonly kind: 'missing' }
  | { readonly kind: 'damaged'; readonly reason: string };

interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export class TokenCacheFile implements ICachePlugin {
  readonly path: string;
  private readonly encryptor: CacheEncryptor;
  private readonly lock: CacheLock;
  private readonly onReset: ((reset: CacheReset) => void) | undefined;
  private readonly releases = new WeakMap<TokenCacheContext, ReleaseLock>();
  private readonly loaded = new WeakMap<TokenCacheContext, CacheDocument>();
  private memo: { readonly file: FileIdentity; readonly doc: CacheDocument } | undefined;
  private reset: CacheReset | undefined;

  constructor(options: TokenCacheFileOptions) {
    this.path = options.path;
    this.encryptor = options.encryptor;
    this.lock = new CacheLock(`${options.path}.lock`, options.lock);
    this.onReset = options.onReset;
  }

  /** The last time this process found the file unreadable and started afresh, if it did. */
  get lastReset(): CacheReset | undefined {
    return this.reset;
  }

  /** Runs `work` holding the cache lock, so a read-refresh-write sequence is not interleaved with other processes'. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.exclusive(work);
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    // MSAL marks the contexts of accesses that will write (saving tokens, removing an account).
    const writing = context.cacheHasChanged;
    const release = writing ? await this.lock.acquireUnlessHeld() : undefined;
    try {
      const doc = await this.load(release !== undefined);
      context.tokenCache.deserialize(doc.msal || EMPTY_MSAL_CACHE);
      if (writing) this.loaded.set(context, doc);
      if (release) this.releases.set(context, release);
    } catch (error) {
      await release?.();
      throw error;
    }
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    const release = this.releases.get(context);
    const doc = this.loaded.get(context);
    this.releases.delete(context);
    this.loaded.delete(context);
    try {
      // MSAL calls this even when beforeCacheAccess failed; write only what was loaded under the lock.
      if (context.cacheHasChanged && doc) await this.save({ ...doc, msal: context.tokenCache.serialize() });
    } finally {
      await release?.();
    }
  }

  async readSignIns(): Promise<ProfileSignIns> {
    return (await this.load()).signIns;
  }

  /** Changes the sign-in records under the lock, merged with what other processes wrote. */
  updateSignIns(change: (current: ProfileSignIns) => ProfileSignIns): Promise<void> {
    return this.lock.exclusive(async () => {
      const doc = await this.load();
      await this.save({ ...doc, signIns: change(doc.signIns) });
    });
  }

  /** `locked`: the caller took the lock outside `exclusive` (MSAL's write hooks), so taking it again would wait for ourselves. */
  private async load(locked = false): Promise<CacheDocument> {
    const outcome = await this.read();
    if (outcome.kind === 'ok') return outcome.doc;
    if (outcome.kind === 'missing') return EMPTY;
    if (locked || this.lock.heldHere) {
      await this.setAside(outcome.reason);
      return EMPTY;
    }
    // Look again under the lock before moving anything: another process may have just replaced it.
    return this.lock.exclusive(async () => {
      const again = await this.read();
      if (again.kind === 'ok') return again.doc;
      if (again.kind === 'damaged') await this.setAside(again.reason);
      return EMPTY;
    });
  }

  private async read(): Promise<ReadOutcome> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { kind: 'missing' };
      throw error;
    }
    let bytes: Buffer;
    let file: FileIdentity;
    try {
      // Identity and bytes from the same open file, so the memo always matches what was read.
      file = identityOf(await handle.stat());
      if (this.memo && sameFile(this.memo.file, file)) return { kind: 'ok', doc: this.memo.doc };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    const parsed = await this.open(bytes);
    if (parsed.kind === 'ok') this.memo = { file, doc: parsed.doc };
    return parsed;
  }

  private async open(bytes: Buffer): Promise<ReadOutcome> {
    if (bytes.length < MAGIC.length + 2 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'damaged', reason: 'it is not an Intune Desk token cache' };
    if (bytes[MAGIC.length] !== FORMAT) return { kind: 'damaged', reason: `it has an unknown format (${bytes[MAGIC.length]})` };
    const kindLength = bytes[MAGIC.length + 1] ?? 0;
    const start = MAGIC.length + 2;
    const fileKind = bytes.subarray(start, start + kindLength).toString('utf8');
    if (fileKind !== this.encryptor.kind) throw new CacheProtectedElsewhereError(this.path, fileKind, this.encryptor.kind);
    let plain: Buffer;
    try {
      plain = await this.encryptor.decrypt(bytes.subarray(start + kindLength));
    } catch (error) {
      if (error instanceof EncryptionUnavailableError) throw error;
      return { kind: 'damaged', reason: `it could not be decrypted (${error instanceof Error ? error.message : String(error)})` };
    }
    const doc = parseDocument(plain);
    return doc ? { kind: 'ok', doc } : { kind: 'damaged', reason: 'its content is not a token cache' };
  }

  private async save(doc: CacheDocument): Promise<void> {
    const kind = Buffer.from(this.encryptor.kind, 'utf8');
    if (kind.length > 255) throw new Error('The encryptor name is too long for the cache header.');
    const sealed = await this.encryptor.encrypt(Buffer.from(JSON.stringify({ v: FORMAT, msal: doc.msal, signIns: doc.signIns }), 'utf8'));
    await writeFileAtomic(this.path, Buffer.concat([MAGIC, Buffer.of(FORMAT, kind.length), kind, sealed]));
    // Every save happens under the lock, so nobody else can have replaced the file since.
    this.memo = { file: identityOf(await stat(this.path)), doc };
  }

  private async setAside(reason: string): Promise<void> {
    const movedTo = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, movedTo);
    this.memo = undefined;
    this.reset = {
      movedTo,
      problem: {
        code: 'storeDamaged',
        message: `The saved sign-ins could not be read because ${reason}. The file was kept as ${movedTo} and an empty cache started; sign in again.`,
      },
    };
    this.onReset?.(this.reset);
  }
}

function parseDocument(plain: Buffer): CacheDocument | undefined {
  let value: unknown;
  try {
    value = JSON.parse(plain.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['v'] !== FORMAT || typeof value['msal'] !== 'string' || !isRecord(value['signIns'])) return undefined;
  if (value['msal'] !== '') {
    try {
      if (!isRecord(JSON.parse(value['msal']))) return undefined;
    } catch {
      return undefined;
    }
  }
  const signIns: Record<string, ProfileSignIn> = {};
  for (const [profileId, entry] of Object.entries(value['signIns'])) {
    if (!isRecord(entry)) return undefined;
    const { homeAccountId, tenantId, username, grantedScopes, signedInAt } = entry;
    if (typeof homeAccountId !== 'string' || typeof tenantId !== 'string' || typeof username !== 'string' || typeof signedInAt !== 'string'
      || !Array.isArray(grantedScopes) || !grantedScopes.every((s) => typeof s === 'string')) return undefined;
    signIns[profileId] = { homeAccountId, tenantId, username, grantedScopes, signedInAt };
  }
  return { msal: value['msal'], signIns };
}

function identityOf(info: Stats): FileIdentity {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
