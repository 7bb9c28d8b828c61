// The cross-process lock around token cache writes, with real processes and real files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CacheLock, CacheLockTimeoutError } from '../../../src/core/auth/cache-lock.ts';
import { startNode } from '../../helpers/node-process.ts';

const WORKER = fileURLToPath(new URL('./lock-worker.ts', import.meta.url));

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'intune-desk-lock-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

describe('CacheLock', () => {
  test('two processes and this one increment a shared counter under the lock without losing an update', async () => {
    const lockPath = join(dir, 'count.lock');
    const counter = join(dir, 'counter');
    await writeFile(counter, '0');
    const workers = [startNode(WORKER, ['count', lockPath, counter, '150']), startNode(WORKER, ['count', lockPath, counter, '150'])];
    const here = new CacheLock(lockPath);
    for (let i = 0; i < 50; i++) {
      await here.exclusive(async () => {
        const value = Number(await readFile(counter, 'utf8'));
        await new Promise((resolve) => setImmediate(resolve));
        await writeFile(counter, String(value + 1));
      });
    }
    for (const w of workers) assert.deepEqual(await w.exited, { code: 0, signal: null }, w.stderr());
    assert.equal(await readFile(counter, 'utf8'), '350');
    assert.equal(await exists(lockPath), false, 'the lock file is gone once nobody holds it');
  });

  test('a lock left by a killed process is broken because its process is gone, not because it is old', async () => {
    const lockPath = join(dir, 'killed.lock');
    const holder = startNode(WORKER, ['hold', lockPath]);
    assert.equal(await holder.line(/^locked/), 'locked yes');
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as { pid: number };
    assert.equal(owner.pid, holder.child.pid);
    holder.child.kill('SIGKILL');
    await holder.exited;
    assert.equal(await exists(lockPath), true, 'the dead process could not clean up');
    // Ten minutes before age alone would count: only the dead pid can explain getting it now.
    const lock = new CacheLock(lockPath, { staleAfterMs: 600_000, timeoutMs: 30_000 });
    assert.equal(await lock.exclusive(async () => JSON.parse(await readFile(lockPath, 'utf8')).pid as number), process.pid);
  });

  test('a live holder is waited for, and a timeout names it', async () => {
    const lockPath = join(dir, 'held.lock');
    const holder = startNode(WORKER, ['hold', lockPath]);
    try {
      await holder.line(/^locked/);
      const lock = new CacheLock(lockPath, { staleAfterMs: 600_000, timeoutMs: 300 });
      await assert.rejects(lock.exclusive(async () => 'never'), (error: unknown) => {
        assert.ok(error instanceof CacheLockTimeoutError);
        assert.match(error.message, new RegExp(`locked by process ${holder.child.pid} on `));
        assert.match(error.message, /delete .*held\.lock/);
        return true;
      });
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  });

  test('an unreadable lock file nobody has touched for longer than staleAfterMs is broken', async () => {
    const lockPath = join(dir, 'garbage.lock');
    await writeFile(lockPath, 'not json');
    const longAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockPath, longAgo, longAgo);
    const lock = new CacheLock(lockPath, { staleAfterMs: 60_000, timeoutMs: 30_000 });
    assert.equal(await lock.exclusive(async () => 'got it'), 'got it');
    assert.equal(await exists(lockPath), false);
  });

  test('within one process: nested use re-enters, concurrent use takes turns', async () => {
    const lock = new CacheLock(join(dir, 'inproc.lock'));
    assert.equal(await lock.exclusive(() => lock.exclusive(async () => 'nested')), 'nested');
    const order: string[] = [];
    const turn = (name: string) => lock.exclusive(async () => {
      order.push(`${name} in`);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`${name} out`);
    });
    await Promise.all([turn('a'), turn('b'), turn('c')]);
    assert.deepEqual(order, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });
});
