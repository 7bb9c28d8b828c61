// What the identity side must remember across restarts: consent grants, refresh tokens
// (hashed, never the token itself) and the secrets behind session cookies and pairwise ids.
// One small JSON file, rewritten whole through a temporary file and a rename, so a crash
// mid-write leaves the previous version rather than half a file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ConsentGrant {
  readonly tenantId: string;
  /** The account object in that tenant (the guest object for a guest). */
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token, base64url. */
  readonly hash: string;
  /** Shared by every token in one rotation chain, for logs and tests. */
  readonly chain: string;
  readonly clientId: string;
  /** The person's home account: a refresh token works in every tenant they belong to. */
  readonly homeTenantId: string;
  readonly homeUserId: string;
  readonly issuedAt: number;
  readonly authTime: number;
  readonly sessionId: string;
  /** Set when the token was exchanged; it is then refused (rotation). */
  readonly redeemedAt?: number;
}

interface StateFile {
  readonly version: 1;
  readonly sessionSecret: string;
  readonly pairwiseSecret: string;
  readonly consents: readonly ConsentGrant[];
  readonly refreshTokens: readonly RefreshTokenRecord[];
}

const FILE_NAME = 'identity-state.json';
/** Entra lets a refresh token sit unused for 90 days. */
export const REFRESH_TOKEN_INACTIVE_DAYS = 90;
const DAY = 86_400_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

export class IdentityStore {
  private state: StateFile;
  private readonly path: string;
  private readonly log: (message: string) => void;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private writerRunning = false;

  private constructor(path: string, state: StateFile, log: (message: string) => void) {
    this.path = path;
    this.state = state;
    this.log = log;
  }

  static async open(folder: string, log: (message: string) => void): Promise<IdentityStore> {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, FILE_NAME);
    const loaded = await load(path, log);
    const store = new IdentityStore(path, loaded ?? freshState(), log);
    if (!loaded) store.save();
    return store;
  }

  get sessionSecret(): string {
    return this.state.sessionSecret;
  }

  get pairwiseSecret(): string {
    return this.state.pairwiseSecret;
  }

  /** Scopes this user (not an admin) has granted this client in this tenant. */
  userGrant(tenantId: string, userId: string, clientId: string): readonly string[] {
    return this.state.consents.find((c) => c.tenantId === tenantId && c.userId === userId && c.clientId === clientId)?.scopes ?? [];
  }

  grant(tenantId: string, userId: string, clientId: string, scopes: readonly string[]): void {
    const previous = this.userGrant(tenantId, userId, clientId);
    const merged = [...new Set([...previous, ...scopes])];
    const others = this.state.consents.filter((c) => !(c.tenantId === tenantId && c.userId === userId && c.clientId === clientId));
    this.state = { ...this.state, consents: [...others, { tenantId, userId, clientId, scopes: merged }] };
    this.save();
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    const hash = hashToken(token);
    return this.state.refreshTokens.find((r) => r.hash === hash);
  }

  addRefreshToken(record: RefreshTokenRecord, now: number): void {
    const cutoff = now - REFRESH_TOKEN_INACTIVE_DAYS * DAY;
    // Dropping long-dead tokens keeps the file small over months of use. A rotated token is
    // remembered for a day so its reuse is reported as such, then forgotten.
    const kept = this.state.refreshTokens.filter((r) => r.issuedAt >= cutoff && (r.redeemedAt === undefined || r.redeemedAt >= now - DAY));
    this.state = { ...this.state, refreshTokens: [...kept, record] };
    this.save();
  }

  markRedeemed(hash: string, at: number): void {
    this.state = {
      ...this.state,
      refreshTokens: this.state.refreshTokens.map((r) => (r.hash === hash ? { ...r, redeemedAt: at } : r)),
    };
    this.save();
  }

  /** Waits until everything changed so far is on disk. */
  async flush(): Promise<void> {
    await this.writing;
  }

  /** Writes the latest state; a burst of changes (many sign-ins at once) becomes one or two writes. */
  private save(): void {
    this.dirty = true;
    if (this.writerRunning) return;
    this.writerRunning = true;
    this.writing = (async () => {
      while (this.dirty) {
        this.dirty = false;
        const text = JSON.stringify(this.state, null, 1);
        const temp = `${this.path}.tmp-${process.pid}`;
        try {
          await writeFile(temp, text, { mode: 0o600 });
          await rename(temp, this.path);
        } catch (error) {
          this.log(`identity: could not save ${this.path}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.writerRunning = false;
    })();
  }
}

function freshState(): StateFile {
  return {
    version: 1,
    sessionSecret: randomBytes(32).toString('base64url'),
    pairwiseSecret: randomBytes(32).toString('base64url'),
    consents: [],
    refreshTokens: [],
  };
}

async function load(path: string, log: (message: string) => void): Promise<StateFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
    log(`identity: could not read ${path} (${error instanceof Error ? error.message : String(error)}); starting with no consents and no refresh tokens.`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isStateFile(parsed)) return parsed;
  // Keep the damaged file for inspection rather than overwriting the evidence.
  const aside = `${path}.corrupt-${Date.now()}`;
  await rename(path, aside).catch(() => undefined);
  log(`identity: ${path} is damaged and was moved to ${aside}; starting with no consents and no refresh tokens (users sign in again).`);
  return undefined;
}

function isStateFile(value: unknown): value is StateFile {
  if (!isRecord(value)) return false;
  return value['version'] === 1
    && typeof value['sessionSecret'] === 'string' && value['sessionSecret'].length >= 32
    && typeof value['pairwiseSecret'] === 'string' && value['pairwiseSecret'].length >= 32
    && Array.isArray(value['consents']) && value['consents'].every(isConsent)
    && Array.isArray(value['refreshTokens']) && value['refreshTokens'].every(isRefreshTokenRecord);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isConsent(value: unknown): value is ConsentGrant {
  return isRecord(value)
    && typeof value['tenantId'] === 'string' && typeof value['userId'] === 'string' && typeof value['clientId'] === 'string'
    && Array.isArray(value['scopes']) && value['scopes'].every((s) => typeof s === 'string');
}

function isRefreshTokenRecord(value: unknown): value is RefreshTokenRecord {
  return isRecord(value)
    && ['hash', 'chain', 'clientId', 'homeTenantId', 'homeUserId', 'sessionId'].every((k) => typeof value[k] === 'string')
    && typeof value['issuedAt'] === 'number' && typeof value['authTime'] === 'number'
    && (value['redeemedAt'] === undefined || typeof value['redeemedAt'] === 'number');
}
