// A writer thread of an OffThreadSnapshot. Each thread has its own connection to the inventory
// and does all the work of a page: decodes and parses it, checks and encodes its devices, then, in
// its turn (WriteTurns: the order the pages were added), appends them in one transaction. The
// first thread claims the staging slot and, at the end, seals and commits or aborts it; the
// others join it and are closed first.
// Messages are answered in order; a failure is sent back as a Problem (or a plain message).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { parentPort, workerData } from 'node:worker_threads';
import { readRawPage } from '../graph/raw-page.ts';
import type { RawPage } from '../graph/raw-page.ts';
import { isProblem, ProblemError } from '../problem.ts';
import { openConnection } from './connection.ts';
import { DocumentShapes } from './device-documents.ts';
import { prepareDevices } from './prepared-devices.ts';
import { SlotWriter } from './slot-writer.ts';
import type { SlotWriterReply, SlotWriterRequest, SlotWriterStart } from './slot-writer-protocol.ts';
import { WriteTurns } from './write-turns.ts';

const port = parentPort;
if (!port) throw new Error('slot-writer-worker.ts runs as a worker thread');
const start = workerData as SlotWriterStart;
const turns = new WriteTurns(start.turns);

function failure(id: number, error: unknown): SlotWriterReply {
  if (error instanceof ProblemError) return { kind: 'failed', id, problem: error.problem };
  if (isProblem(error)) return { kind: 'failed', id, problem: error };
  return { kind: 'failed', id, message: error instanceof Error ? error.message : String(error) };
}

let writer: { readonly slot: SlotWriter; readonly shapes: DocumentShapes } | undefined;
try {
  const db = openConnection(start.path, { cacheKiB: start.cacheKiB });
  const slot = start.role.kind === 'claim' ? SlotWriter.claim(db, start.path, start.role.now) : SlotWriter.join(db, start.path, start.role.runId);
  writer = { slot, shapes: new DocumentShapes(db) };
  port.postMessage({ kind: 'ready', id: 0, runId: slot.runId } satisfies SlotWriterReply);
} catch (error) {
  port.postMessage(failure(0, error));
}

/**
 * Parsed and encoded while another thread may be inserting; only the inserts take turns. A page
 * that cannot be read still takes its turn, with nothing to insert, so the pages after it go on.
 */
function write(id: number, turn: number, devices: () => readonly ManagedDevice[], into: NonNullable<typeof writer>): SlotWriterReply {
  let page: ReturnType<typeof prepareDevices> | undefined;
  try {
    page = prepareDevices(devices(), into.shapes);
  } finally {
    const prepared = page;
    turns.take(turn, () => prepared && into.slot.write(prepared));
  }
  return { kind: 'written', id, received: page.values.length, newestSyncMs: page.newestSyncMs };
}

/** A page as Graph sent it; what is wrong with it, or with a device in it, names the request for support. */
function writePage(id: number, turn: number, page: RawPage, into: NonNullable<typeof writer>): SlotWriterReply {
  try {
    return write(id, turn, () => readRawPage<ManagedDevice>(page).value, into);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.problem.clientRequestId !== undefined) throw error;
    throw new ProblemError({ ...error.problem, clientRequestId: page.clientRequestId, ...(page.requestId === undefined ? {} : { requestId: page.requestId }) });
  }
}

port.on('message', (request: SlotWriterRequest) => {
  if (!writer) {
    port.postMessage(failure(request.id, new Error('the staging slot could not be opened')));
    return;
  }
  try {
    switch (request.kind) {
      case 'page':
        port.postMessage(writePage(request.id, request.turn, request.page, writer));
        return;
      case 'devices':
        port.postMessage(write(request.id, request.turn, () => request.devices, writer));
        return;
      case 'seal':
        port.postMessage({ kind: 'sealed', id: request.id, deviceCount: writer.slot.seal() } satisfies SlotWriterReply);
        return;
      case 'commit':
        writer.slot.commit(request.commit);
        break;
      case 'abort':
        writer.slot.abort(request.finishedAt, request.itemCount, request.reason);
        break;
      case 'close':
        writer.slot.close();
        break;
    }
    port.postMessage({ kind: 'done', id: request.id } satisfies SlotWriterReply);
    port.close();
  } catch (error) {
    port.postMessage(failure(request.id, error));
  }
});
