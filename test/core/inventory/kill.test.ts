// A sync process killed (SIGKILL) at a seeded random moment, while staging pages or in the
// middle of its commit: the file stays sound, readers see one whole snapshot (the previous one,
// or the new one if the commit made it), and the next snapshot completes with the exact count.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { openConnection } from '../../../src/core/inventory/connection.ts';
import { TENANT, allIds, snapshot, tempInventory } from './helpers/temp-inventory.ts';
import { graphDevices } from './helpers/tenant-data.ts';

const PREVIOUS = graphDevices(1500, 3);
const NEXT = graphDevices(4000, 4);
const PAGE = 250;
const CHILD = join(import.meta.dirname, 'helpers', 'ingest-child.ts');
const RUNS = [1, 2, 3, 4, 5];

/** mulberry32: small, seedable, good enough to pick moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Killed {
  readonly lastStep: string;
  readonly signal: NodeJS.Signals | null;
}

/** Runs the child and kills it `delayMs` after it reports step number `afterStep` (0 = `ready`). */
function ingestAndKill(dataDir: string, file: string, afterStep: number, delayMs: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, TENANT, file, String(PAGE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let steps = -1;
    let lastStep = '(not started)';
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        lastStep = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        steps++;
        if (steps === afterStep && timer === undefined) {
          timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`the ingest child failed (${code}): ${stderr}`));
      else resolve({ lastStep, signal });
    });
  });
}

const sortedIds = (devices: readonly ManagedDevice[]): string[] => devices.map((d) => String(d.id)).sort();

for (const seed of RUNS) {
  test(`killed sync, seed ${seed}: sound file, one whole snapshot, the next sync completes`, async (context) => {
    using t = tempInventory();
    snapshot(t.store, PREVIOUS);
    const file = join(t.dataDir, 'next.ndjson');
    writeFileSync(file, NEXT.map((d) => JSON.stringify(d)).join('\n'));
    const rng = random(seed);
    const steps = 1 + Math.ceil(NEXT.length / PAGE) + 1; // ready, pages, commit
    const afterStep = Math.floor(rng() * steps);
    const delayMs = Math.floor(rng() * 25);
    const killed = await ingestAndKill(t.dataDir, file, afterStep, delayMs);
    context.diagnostic(`killed ${killed.signal === 'SIGKILL' ? '' : '(too late: it had finished) '}after "${killed.lastStep}" + ${delayMs} ms`);

    const db = openConnection(t.store.path);
    try {
      const check = db.prepare('PRAGMA integrity_check').all().map((r) => r['integrity_check']);
      assert.deepEqual(check, ['ok'], `integrity_check after a kill at "${killed.lastStep}" + ${delayMs} ms`);
    } finally {
      db.close();
    }

    // The store that was open all along, and a fresh one, agree on one whole snapshot.
    const seen = allIds(t.store).sort();
    const fresh = t.openOther().store;
    assert.deepEqual(allIds(fresh).sort(), seen);
    const whole = seen.length === PREVIOUS.length ? sortedIds(PREVIOUS) : sortedIds(NEXT);
    assert.deepEqual(seen, whole, `after a kill at "${killed.lastStep}" + ${delayMs} ms the live data is neither snapshot`);
    if (killed.signal === 'SIGKILL' && killed.lastStep !== 'committed' && killed.lastStep !== 'commit') {
      assert.deepEqual(seen, sortedIds(PREVIOUS), 'killed before committing, yet the live data changed');
    }

    snapshot(fresh, NEXT);
    assert.equal(fresh.queryDevices().total, NEXT.length);
    assert.deepEqual(allIds(t.store).sort(), sortedIds(NEXT));
    assert.equal(fresh.status().snapshotInProgress, false);
  });
}
