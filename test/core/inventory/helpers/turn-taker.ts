// A worker thread for write-turns.test.ts: takes the turns it is given, in its own time, and
// records in the shared log the order in which turns were taken across all threads.
import { parentPort, workerData } from 'node:worker_threads';
import { WriteTurns } from '../../../../src/core/inventory/write-turns.ts';

interface TurnTakerData {
  readonly turns: SharedArrayBuffer;
  /** Slot 0 counts the entries; the entries follow. */
  readonly log: SharedArrayBuffer;
  readonly mine: readonly number[];
  /** Milliseconds to busy-wait before asking for each turn, as parsing a page would. */
  readonly delayMs: number;
}

const data = workerData as TurnTakerData;
const turns = new WriteTurns(data.turns);
const log = new Int32Array(data.log);
try {
  for (const turn of data.mine) {
    const until = Date.now() + data.delayMs;
    while (Date.now() < until) { /* parsing */ }
    turns.take(turn, () => {
      const at = Atomics.add(log, 0, 1);
      Atomics.store(log, at + 1, turn);
    });
  }
  parentPort?.postMessage({ done: true });
} catch (error) {
  parentPort?.postMessage({ done: false, message: error instanceof Error ? error.message : String(error) });
}
