// One process at a time runs the demo tenant on a data folder: two tenants writing one
// journal and one identity store would lose each other's writes. The lock is a file holding the
// owner's pid; a lock whose process has gone (killed, crashed) is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemError } from '../problem.ts';

export type ReleaseDemoLock = () => void;

export function demoLockPath(configDir: string): string {
  return join(configDir, 'demo-tenant.lock');
}

export function acquireDemoLock(configDir: string, dataDir: string): ReleaseDemoLock {
  const path = demoLockPath(configDir);
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        if (ownerOf(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(path);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new ProblemError({
        code: 'badRequest',
        message: `Another intune-desk process (pid ${owner}) is running the demo tenant on ${dataDir}. Wait for it to finish, or start "intune-desk demo" in a terminal of its own so every command shares it.`,
      });
    }
    // Its owner is gone: the lock is stale.
    rmSync(path, { force: true });
  }
  throw new ProblemError({ code: 'badRequest', message: `The demo tenant lock ${path} could not be taken; remove it if no intune-desk process is running.` });
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
