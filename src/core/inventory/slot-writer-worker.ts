// The worker thread of an OffThreadSnapshot: owns the staging slot's connection and writes the
// pages the main thread stages, so the main thread only reads Graph and encodes pages. Messages
// are answered in order; a failure is sent back as a Problem (or a plain message) and the
// worker waits for the abort that follows.
import { parentPort, workerData } from 'node:worker_threads';
import { isProblem, ProblemError } from '../problem.ts';
import { openConnection } from './connection.ts';
import { SlotWriter } from './slot-writer.ts';
import type { SlotWriterReply, SlotWriterRequest, SlotWriterStart } from './slot-writer-protocol.ts';

const port = parentPort;
if (!port) throw new Error('slot-writer-worker.ts runs as a worker thread');
const start = workerData as SlotWriterStart;

function failure(id: number, error: unknown): SlotWriterReply {
  if (error instanceof ProblemError) return { kind: 'failed', id, problem: error.problem };
  if (isProblem(error)) return { kind: 'failed', id, problem: error };
  return { kind: 'failed', id, message: error instanceof Error ? error.message : String(error) };
}

let slot: SlotWriter | undefined;
try {
  slot = new SlotWriter(openConnection(start.path, { cacheKiB: start.cacheKiB }), start.path, start.now);
  port.postMessage({ kind: 'ready', id: 0, runId: slot.runId } satisfies SlotWriterReply);
} catch (error) {
  port.postMessage(failure(0, error));
}

port.on('message', (request: SlotWriterRequest) => {
  if (!slot) {
    port.postMessage(failure(request.id, new Error('the staging slot could not be claimed')));
    return;
  }
  try {
    switch (request.kind) {
      case 'write':
        slot.write(request.staged);
        port.postMessage({ kind: 'done', id: request.id } satisfies SlotWriterReply);
        return;
      case 'commit':
        slot.commit(request.commit);
        port.postMessage({ kind: 'done', id: request.id } satisfies SlotWriterReply);
        port.close();
        return;
      case 'abort':
        slot.abort(request.finishedAt, request.itemCount, request.reason);
        port.postMessage({ kind: 'done', id: request.id } satisfies SlotWriterReply);
        port.close();
        return;
    }
  } catch (error) {
    port.postMessage(failure(request.id, error));
  }
});
