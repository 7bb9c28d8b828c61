// POST /$batch (FACTS §4). The envelope either fails as a whole (400) or is answered
// 200 with one entry per item. Items go through the shared dispatcher one by one, so
// authorization and throttling apply per item, as in Graph. Items run as soon as their
// dependencies are done, independent ones concurrently, and the responses are listed in
// the order they finish, as Graph may list them.
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { GraphDispatch, GraphRequest, GraphResponse } from '../exchange.ts';
import type { ErrorContext } from '../errors.ts';
import { graphError, newRequestId } from '../errors.ts';
import type { JsonObject } from '../model/json.ts';
import type { BatchItem } from './batch-envelope.ts';
import { parseBatchEnvelope } from './batch-envelope.ts';
import { itemRequest } from './item-request.ts';
import { subResponse } from './sub-response.ts';

export interface BatchOptions {
  readonly clock?: Clock;
  /** Where a handler that throws is reported; the item itself gets a 500. */
  readonly log?: (message: string) => void;
}

interface BatchRun {
  readonly outer: GraphRequest;
  readonly items: readonly BatchItem[];
  readonly dispatch: GraphDispatch;
  readonly clock: Clock;
  readonly log: (message: string) => void;
  /** One promise per item, in array order. */
  readonly settled: Promise<GraphResponse>[];
}

export async function handleBatch(request: GraphRequest, dispatch: GraphDispatch, options: BatchOptions = {}): Promise<GraphResponse> {
  const clock = options.clock ?? systemClock;
  const clientRequestId = request.headers['client-request-id'];
  const outerCtx = context(clientRequestId, clock);
  const envelope = parseBatchEnvelope(request.body);
  if (!envelope.ok) return graphError(400, 'BadRequest', envelope.message, outerCtx);

  const run: BatchRun = { outer: request, items: envelope.items, dispatch, clock, log: options.log ?? (() => {}), settled: [] };
  const responses: JsonObject[] = [];
  // Dependencies always come earlier in the array (the envelope checks it), so each
  // item's dependencies already have their promise when the item is scheduled.
  for (const item of envelope.items) {
    run.settled.push(
      runItem(item, run).then((response) => {
        responses.push(subResponse(item.id, response));
        return response;
      }),
    );
  }
  await Promise.all(run.settled);

  const headers: Record<string, string> = { 'request-id': outerCtx.requestId };
  if (clientRequestId !== undefined) headers['client-request-id'] = clientRequestId;
  return { status: 200, headers, body: { responses } };
}

async function runItem(item: BatchItem, run: BatchRun): Promise<GraphResponse> {
  const dependencies = await Promise.all(item.dependsOn.map((index) => run.settled[index] as Promise<GraphResponse>));
  const built = itemRequest(item, run.outer);
  const ctx = context(built.ok ? built.request.headers['client-request-id'] : built.headers['client-request-id'], run.clock);
  const failed = dependencies.findIndex((response) => response.status >= 400);
  if (failed >= 0) {
    const dependency = run.items[item.dependsOn[failed] as number] as BatchItem;
    // Graph's wording for 424 is not on record [uncertain]; the code is what clients test.
    return graphError(424, 'FailedDependency', `The request depends on request ${dependency.id}, which failed.`, ctx);
  }
  if (!built.ok) return graphError(400, 'BadRequest', built.message, ctx);
  try {
    return await run.dispatch(built.request);
  } catch (error) {
    // One broken handler must not take the other items down with it.
    run.log(`Batch item ${item.id} (${item.method} ${item.url}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return graphError(500, 'InternalServerError', 'The demo tenant failed to handle this request; see its log.', ctx);
  }
}

function context(clientRequestId: string | undefined, clock: Clock): ErrorContext {
  return { requestId: newRequestId(), now: clock.now(), ...(clientRequestId === undefined ? {} : { clientRequestId }) };
}
