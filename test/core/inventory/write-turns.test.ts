// WriteTurns across real worker threads: pages are stored in the order they were added, whichever
// thread is ready first; a page that fails still hands its turn on; stop() frees every waiter.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { WriteTurns } from '../../../src/core/inventory/write-turns.ts';

const taker = new URL('./helpers/turn-taker.ts', import.meta.url);

function start(turns: SharedArrayBuffer, log: SharedArrayBuffer, mine: readonly number[], delayMs: number): Promise<{ done: boolean; message?: string }> {
  const worker = new Worker(taker, { workerData: { turns, log, mine, delayMs } });
  return once(worker, 'message').then(async ([reply]) => {
    await worker.terminate();
    return reply as { done: boolean; message?: string };
  });
}

test('turns are taken in order, even when the thread with the later turns is ready first', async () => {
  const turns = WriteTurns.memory();
  const log = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 13);
  // The thread holding turn 0 is the slowest to get ready; without turns it would write last.
  const replies = await Promise.all([
    start(turns, log, [0, 3, 6, 9], 40),
    start(turns, log, [1, 4, 7, 10], 1),
    start(turns, log, [2, 5, 8, 11], 0),
  ]);
  assert.deepEqual(replies.map((r) => r.done), [true, true, true]);
  const entries = new Int32Array(log);
  assert.equal(entries[0], 12);
  assert.deepEqual([...entries.subarray(1)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
});

test('a write that throws still hands its turn on', () => {
  const turns = new WriteTurns(WriteTurns.memory());
  assert.throws(() => turns.take(0, () => { throw new Error('unreadable page'); }), /unreadable page/);
  assert.equal(turns.take(1, () => 'next page'), 'next page');
  assert.throws(() => turns.take(1, () => 'again'), /turn 1 was taken twice/);
});

test('stop() frees a thread waiting for a turn that will never come, and later ones give up at once', async () => {
  const shared = WriteTurns.memory();
  const log = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 2);
  // Turn 0 belongs to a thread that died: turn 1 would wait for ever.
  const waiting = start(shared, log, [1], 0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  new WriteTurns(shared).stop();
  const reply = await waiting;
  assert.equal(reply.done, false);
  assert.match(reply.message ?? '', /stopped while this page waited/);
  assert.equal(new Int32Array(log)[0], 0, 'nothing was written');
  assert.throws(() => new WriteTurns(shared).take(0, () => 'late'), /stopped/);
});
