// A lock around read-modify-write of the token cache, shared by every process of this user (the
// desktop app, the CLI, a second CLI) and by concurrent work inside one process.
//
// Across processes: a lock file created with O_EXCL ('wx') holding the owner's pid, host and a
// nonce. The owner touches it while it holds it, so a lock is stale when its owner's pid is gone
// (same host) or when it has not been touched for `staleAfterMs` (a crashed owner, a reused pid,
// another host sharing the folder). A stale lock is moved aside with rename (atomic, so only one
// waiter breaks it) and checked before removal. Inside the process: a queue, and
// AsyncLocalStorage so work already holding the lock (MSAL's cache hooks called from inside
// `exclusive`) re-enters instead of deadlocking.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CacheLockOptions {
  /** A lock not touched for this long is taken to be abandoned. Default 30 s. */
  readonly staleAfterMs?: number;
  /** Give up waiting after this long. Default 60 s. */
  readonly timeoutMs?: number;
}

export class CacheLockTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheLockTimeoutError';
  }
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
  readonly since: number;
}

export type ReleaseLock = () => Promise<void>;

export class CacheLock {
  readonly path: string;
  private readonly staleAfterMs: number;
  private readonly timeoutMs: number;
  private readonly holder = new AsyncLocalStorage<CacheLock>();
  private queue: Promise<void> = Promise.resolve();

  constructor(path: string, options: CacheLockOptions = {}) {
    this.path = path;
    this.staleAfterMs = options.staleAfterMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Whether the calling async context already holds this lock. */
  get heldHere(): boolean {
    return this.holder.getStore() === this;
  }

  /** Runs `work` holding the lock; re-entrant within the same async context. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.heldHere) return work();
    const release = await this.acquire();
    try {
      return await this.holder.run(this, work);
    } finally {
      await release();
    }
  }

  /**
   * Takes the lock for a pair of calls that cannot be wrapped in one function (MSAL's
   * beforeCacheAccess/afterCacheAccess); returns undefined when this context holds it already.
   */
  async acquireUnlessHeld(): Promise<ReleaseLock | undefined> {
    return this.heldHere ? undefined : this.acquire();
  }

  private async acquire(): Promise<ReleaseLock> {
    const releaseInProcess = await this.takeTurn();
    try {
      const releaseFile = await this.lockFile();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        try {
          await releaseFile();
        } finally {
          releaseInProcess();
        }
      };
    } catch (error) {
      releaseInProcess();
      throw error;
    }
  }

  private async takeTurn(): Promise<() => void> {
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const before = this.queue;
    this.queue = before.then(() => mine);
    await before;
    return release;
  }

  private async lockFile(): Promise<ReleaseLock> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), nonce: randomBytes(12).toString('hex'), since: Date.now() };
    const deadline = Date.now() + this.timeoutMs;
    let wait = 2;
    for (;;) {
      try {
        const handle = await open(this.path, 'wx', 0o600);
        try {
          await handle.writeFile(JSON.stringify(owner));
        } finally {
          await handle.close();
        }
        return this.held(owner);
      } catch (error) {
        if (isCode(error, 'ENOENT')) {
          await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
          continue;
        }
        if (!isCode(error, 'EEXIST') && !isCode(error, 'EPERM')) throw error;
      }
      if (await this.breakIfStale()) continue;
      if (Date.now() > deadline) {
        const current = await this.readOwner();
        throw new CacheLockTimeoutError(
          `The sign-in cache is locked by ${current ? `process ${current.pid} on ${current.host} since ${new Date(current.since).toISOString()}` : 'another process'}. ` +
          `If no Intune Desk app or CLI is running, delete ${this.path}.`);
      }
      // Jittered backoff: processes that collided do not retry in step.
      await sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 50);
    }
  }

  private held(owner: LockOwner): ReleaseLock {
    const heartbeat = setInterval(() => {
      const now = new Date();
      utimes(this.path, now, now).catch(() => undefined);
    }, Math.max(50, Math.floor(this.staleAfterMs / 3)));
    heartbeat.unref();
    return async () => {
      clearInterval(heartbeat);
      const current = await this.readOwner();
      // Only remove our own lock: if it was broken as stale and retaken, it belongs to someone else now.
      if (current?.nonce === owner.nonce) await unlink(this.path).catch(() => undefined);
    };
  }

  /** Moves an abandoned lock out of the way; true when the caller should try again at once. */
  private async breakIfStale(): Promise<boolean> {
    let touched: number;
    try {
      touched = (await stat(this.path)).mtimeMs;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return true;
      throw error;
    }
    const owner = await this.readOwner();
    const ownerGone = owner !== undefined && owner.host === hostname() && !processAlive(owner.pid);
    // An unreadable owner is a lock being written this instant, or a crash mid-write: only age tells.
    if (!ownerGone && Date.now() - touched < this.staleAfterMs) return false;
    const aside = `${this.path}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      await rename(this.path, aside);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return true;
      throw error;
    }
    const moved = await readOwnerAt(aside);
    const notWhatWeJudged = owner === undefined ? moved !== undefined : moved?.nonce !== owner.nonce;
    if (notWhatWeJudged) {
      // Between our look and the rename, the lock was retaken (or finished being written) by a live process: put it back.
      await link(aside, this.path).catch(() => undefined);
    }
    await unlink(aside).catch(() => undefined);
    return true;
  }

  private readOwner(): Promise<LockOwner | undefined> {
    return readOwnerAt(this.path);
  }
}

async function readOwnerAt(path: string): Promise<LockOwner | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const o = value as Record<string, unknown>;
    if (typeof o['pid'] !== 'number' || typeof o['host'] !== 'string' || typeof o['nonce'] !== 'string' || typeof o['since'] !== 'number') return undefined;
    return { pid: o['pid'], host: o['host'], nonce: o['nonce'], since: o['since'] };
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
