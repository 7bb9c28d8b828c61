// Kill -9 in the middle of a sync. Each of 20 seeded runs starts a second process that runs a
// full sync of a few thousand devices against the demo tenant (served from this process, with a
// little latency), and SIGKILLs it at a point drawn from the seed: while it plans, after its
// k-th page was written, or a few milliseconds into its commit. After every kill:
//   - SQLite's integrity_check of the file is 'ok';
//   - readers see the previous snapshot whole (same ids, same as-of), or, if the kill came only
//     after the commit, the new one whole: never a mix;
//   - the next sync completes with exactly the devices the tenant has.
// Between runs one device is deleted in Intune, so the previous and the new snapshot differ and
// a half-swapped snapshot would show.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { DeviceSync } from '../../../src/core/sync/index.ts';
import { startNode } from '../../helpers/node-process.ts';
import type { SnapshotView } from './helpers/store-checks.ts';
import { digest, integrityCheck, readInventory } from './helpers/store-checks.ts';
import type { SyncTenant } from './helpers/sync-tenant.ts';
import { seededRandom, startSyncTenant } from './helpers/sync-tenant.ts';

const RUNS = 20;
const DEVICES = 2500;
const PAGE_SIZE = 100;
const CONCURRENCY = 4;
const CHILD = fileURLToPath(new URL('./helpers/sync-child.ts', import.meta.url));

type KillPoint =
  | { readonly when: 'planning'; readonly afterMs: number }
  | { readonly when: 'page'; readonly page: number; readonly afterMs: number }
  | { readonly when: 'commit'; readonly afterMs: number };

/**
 * Where a seed kills: a sixth while planning, half after a page, the rest during the commit,
 * up to a little past the time the last commit took (so some kills land just after it).
 */
function killPoint(random: () => number, commitMs: number): KillPoint {
  const r = random();
  if (r < 0.17) return { when: 'planning', afterMs: Math.floor(random() * 60) };
  if (r < 0.67) return { when: 'page', page: 1 + Math.floor(random() * 20), afterMs: Math.floor(random() * 10) };
  return { when: 'commit', afterMs: Math.floor(random() * commitMs * 1.3) };
}

function trigger(point: KillPoint): RegExp {
  switch (point.when) {
    case 'planning':
      return /^planning$/;
    case 'page':
      return new RegExp(`^page ${point.page}$`);
    case 'commit':
      return /^committing$/;
  }
}

describe('a sync killed at a random moment', () => {
  let t: SyncTenant;
  before(async () => {
    t = await startSyncTenant({ devices: DEVICES, latencyMs: 10 });
  });
  after(async () => {
    await t.stop();
  });

  it(`leaves a sound file and the previous snapshot intact, and the next sync completes (${RUNS} seeded kills)`, async (context) => {
    const dataDir = t.dataDir();
    const settings = { pageSize: PAGE_SIZE, concurrency: CONCURRENCY };
    const { client } = t.client();
    let commitMs = 50;
    const syncOnce = async (): Promise<number> => {
      let committing = 0;
      const sync = new DeviceSync({
        client,
        openStore: t.opener(dataDir),
        settings,
        onEvent: (e) => {
          if (e.kind !== 'progress') return;
          if (e.progress.phase === 'committing') committing = performance.now();
          if (e.progress.phase === 'done') commitMs = performance.now() - committing;
        },
      });
      try {
        return (await sync.fullSync()).deviceCount;
      } finally {
        sync.close();
      }
    };
    assert.equal(await syncOnce(), DEVICES);
    let previous: SnapshotView = readInventory(dataDir).snapshot;
    const token = await t.token();
    const outcomes: string[] = [];

    for (let run = 1; run <= RUNS; run++) {
      const random = seededRandom(7000 + run);
      const ids = [...previous.ids].sort();
      const victim = ids[Math.floor(random() * ids.length)] as string;
      assert.equal((await t.graph('DELETE', `/beta/deviceManagement/managedDevices/${victim}`)).status, 204);
      const afterDeletion = digest(ids.filter((id) => id !== victim));

      const point = killPoint(random, commitMs);
      const child = startNode(CHILD, [], { ...process.env, SYNC_CHILD: JSON.stringify({ baseUrl: t.baseUrl, ca: t.ca, token, dataDir, pageSize: PAGE_SIZE, concurrency: CONCURRENCY }) });
      const reached = await Promise.race([child.line(trigger(point)).then(() => true), child.exited.then(() => false)]);
      if (reached) {
        await delay(point.afterMs);
        child.child.kill('SIGKILL');
      }
      const exit = await child.exited;
      const killed = exit.signal === 'SIGKILL';
      const lines = child.stdout().trim().split('\n');
      const about = `run ${run} (${JSON.stringify(point)}): last said "${lines[lines.length - 1] ?? ''}", exit ${exit.code}/${exit.signal}\n${child.stderr()}`;
      assert.ok(killed || exit.code === 0, about);

      assert.deepEqual(integrityCheck(dataDir), ['ok'], about);
      const { snapshot, runs } = readInventory(dataDir);
      const finished = snapshot.asOf !== previous.asOf;
      if (finished) {
        // The kill came after the commit: the new snapshot, whole, from a run that succeeded.
        assert.ok(runs.some((r) => r.kind === 'full' && r.status === 'succeeded' && r.asOf === snapshot.asOf), about);
        assert.equal(snapshot.idsDigest, afterDeletion, about);
        assert.equal(snapshot.count, DEVICES - run, about);
      } else {
        assert.equal(snapshot.asOf, previous.asOf, about);
        assert.equal(snapshot.count, previous.count, about);
        assert.equal(snapshot.idsDigest, previous.idsDigest, about);
      }
      outcomes.push(`${killed ? `killed ${point.when === 'page' ? `after "${lines[lines.length - 1] ?? ''}"` : `in ${point.when}`}` : 'finished first'}${finished ? ', new snapshot' : ', previous snapshot'}`);

      const count = await syncOnce();
      assert.equal(count, await t.deviceCount(), about);
      assert.equal(count, DEVICES - run);
      const next = readInventory(dataDir);
      assert.ok(next.runs.every((r) => r.status !== 'running'), 'the killed run is no longer shown as running');
      assert.equal(next.snapshot.idsDigest, afterDeletion);
      previous = next.snapshot;
    }

    context.diagnostic(`outcomes:\n${outcomes.join('\n')}`);
    const killed = outcomes.filter((o) => o.startsWith('killed'));
    assert.ok(killed.length >= RUNS * 0.8, `most runs were killed:\n${outcomes.join('\n')}`);
    assert.ok(killed.some((o) => o.includes('after "page')), 'some kills came while pages were written');
    assert.ok(killed.some((o) => o.includes('in commit')), 'some kills came inside the commit');
    assert.ok(killed.some((o) => o.includes('in planning')), 'some kills came while planning');
  });
});
