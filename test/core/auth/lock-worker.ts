// A second process for the cache lock tests (run by cache-lock.test.ts, not a test itself).
//   count <lock> <counter> <n>  n read-increment-write cycles on a counter file, each under the lock
//   hold <lock>                 takes the lock, says "locked", and waits to be killed
import { readFile, writeFile } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CacheLock } from '../../../src/core/auth/cache-lock.ts';

const [mode, lockPath = '', counterPath = '', times = '0'] = process.argv.slice(2);
const lock = new CacheLock(lockPath, { staleAfterMs: 600_000, timeoutMs: 60_000 });

if (mode === 'count') {
  for (let i = 0; i < Number(times); i++) {
    await lock.exclusive(async () => {
      const value = Number(await readFile(counterPath, 'utf8'));
      // Give the other process every chance to interleave if the lock did not hold.
      await yieldToLoop();
      await writeFile(counterPath, String(value + 1));
    });
  }
  process.stdout.write('done\n');
} else if (mode === 'hold') {
  const release = await lock.acquireUnlessHeld();
  process.stdout.write(`locked ${release ? 'yes' : 'no'}\n`);
  setInterval(() => undefined, 60_000);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
