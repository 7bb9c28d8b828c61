// $batch semantics against a fake dispatcher; the real dispatcher is tested where it lives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/emulator/clock.ts';
import { handleBatch } from '../../../src/emulator/graph/batch/handle-batch.ts';
import type { GraphDispatch, GraphRequest, GraphResponse } from '../../../src/emulator/graph/exchange.ts';
import type { Json } from '../../../src/emulator/graph/model/json.ts';

const clock = new ManualClock(Date.UTC(2026, 4, 6, 7, 8, 9));

function batchRequest(body: Json | undefined, headers: Record<string, string> = {}): GraphRequest {
  return {
    method: 'POST',
    version: 'beta',
    path: '/$batch',
    query: new URLSearchParams(),
    headers: { authorization: 'Bearer outer-token', 'client-request-id': 'outer-cid', 'content-type': 'application/json', ...headers },
    body,
    baseUrl: 'https://127.0.0.1:8443',
  };
}

function get(id: string, url = '/deviceManagement/managedDevices', extra: Record<string, Json> = {}): Record<string, Json> {
  return { id, method: 'GET', url, ...extra };
}

interface Entry {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: Json;
}

/** A dispatcher that records what it was given and answers 200 with the item's path. */
function recorder(answer: (request: GraphRequest) => GraphResponse | Promise<GraphResponse> = ok): { dispatch: GraphDispatch; seen: GraphRequest[] } {
  const seen: GraphRequest[] = [];
  return {
    seen,
    dispatch: async (request) => {
      seen.push(request);
      return answer(request);
    },
  };
}

function ok(request: GraphRequest): GraphResponse {
  return { status: 200, headers: {}, body: { path: request.path } };
}

async function run(body: Json | undefined, dispatch: GraphDispatch = recorder().dispatch): Promise<GraphResponse> {
  return handleBatch(batchRequest(body), dispatch, { clock });
}

function entries(response: GraphResponse): Map<string, Entry> {
  assert.equal(response.status, 200);
  const body = response.body as unknown as { responses: Entry[] };
  return new Map(body.responses.map((e) => [e.id, e]));
}

function errorOf(response: GraphResponse | Entry): { code: string; message: string } {
  return (response.body as { error: { code: string; message: string } }).error;
}

async function assertBatchRejected(body: Json | undefined, message: string | RegExp): Promise<void> {
  const { dispatch, seen } = recorder();
  const response = await run(body, dispatch);
  assert.equal(response.status, 400, JSON.stringify(body));
  assert.equal(errorOf(response).code, 'BadRequest');
  if (typeof message === 'string') assert.equal(errorOf(response).message, message);
  else assert.match(errorOf(response).message, message);
  assert.equal(seen.length, 0, 'nothing of a rejected batch runs');
}

describe('handleBatch', () => {
  it('answers 200 with one response per item, each with id, status, headers and body', async () => {
    const { dispatch, seen } = recorder((r) => (r.method === 'DELETE' ? { status: 204, headers: {}, body: undefined } : ok(r)));
    const response = await run({ requests: [get('1'), { id: '2', method: 'DELETE', url: '/deviceManagement/deviceCategories/c1' }] }, dispatch);
    const got = entries(response);
    assert.equal(seen.length, 2);
    assert.deepEqual(got.get('1'), {
      id: '1',
      status: 200,
      headers: { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' },
      body: { path: '/deviceManagement/managedDevices' },
    });
    assert.deepEqual(got.get('2'), { id: '2', status: 204, headers: {} });
    assert.equal(response.headers['client-request-id'], 'outer-cid');
  });

  it('accepts 20 requests and refuses 21 with Graph\'s message', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => get(String(i + 1)));
    assert.equal(entries(await run({ requests: twenty })).size, 20);
    await assertBatchRejected({ requests: [...twenty, get('21')] }, 'Number of requests inside batch exceed the limit.');
  });

  it('refuses a malformed envelope as a whole', async () => {
    const malformed: (Json | undefined)[] = [
      undefined,
      'requests',
      [],
      {},
      { requests: {} },
      { requests: [] },
      { requests: [get('1'), 'GET /me'] },
      { requests: [{ method: 'GET', url: '/me' }] },
      { requests: [{ id: 1, method: 'GET', url: '/me' }] },
      { requests: [{ id: '', method: 'GET', url: '/me' }] },
      { requests: [{ id: '1', url: '/me' }] },
      { requests: [{ id: '1', method: 'GET' }] },
      { requests: [get('1', '/me', { headers: { 'x-count': 3 } })] },
      { requests: [get('1', '/me', { headers: ['a'] })] },
      { requests: [get('1'), get('2', '/me', { dependsOn: '1' })] },
      { requests: [get('1'), get('2', '/me', { dependsOn: [1] })] },
    ];
    for (const body of malformed) await assertBatchRejected(body, 'Invalid batch payload format.');
  });

  it('refuses duplicate ids, which are not case-sensitive', async () => {
    await assertBatchRejected({ requests: [get('a1'), get('a1')] }, 'Request Id a1 has to be unique in a batch.');
    await assertBatchRejected({ requests: [get('AAMk-1'), get('aamk-1')] }, 'Request Id aamk-1 has to be unique in a batch.');
  });

  it('refuses dependencies on unknown ids, on itself, or on a later item (so no cycles)', async () => {
    await assertBatchRejected({ requests: [get('1'), get('2', '/me', { dependsOn: ['9'] })] }, /^Invalid dependency for request Id 2/);
    await assertBatchRejected({ requests: [get('1', '/me', { dependsOn: ['1'] })] }, /^Invalid dependency for request Id 1/);
    await assertBatchRejected({ requests: [get('1', '/me', { dependsOn: ['2'] }), get('2', '/me', { dependsOn: ['1'] })] }, /^Invalid dependency for request Id 1/);
  });

  it('refuses a body without Content-Type, and a write without a body, for the whole batch', async () => {
    await assertBatchRejected(
      { requests: [get('1'), { id: '2', method: 'PATCH', url: '/deviceManagement/managedDevices/d1', body: { notes: 'x' } }] },
      'Write request id : 2 does not contain Content-Type header or body.',
    );
    await assertBatchRejected(
      { requests: [{ id: 'sync', method: 'POST', url: '/deviceManagement/managedDevices/d1/syncDevice', headers: { 'Content-Type': 'application/json' } }] },
      'Write request id : sync does not contain Content-Type header or body.',
    );
    const fine = await run({
      requests: [{ id: 'sync', method: 'post', url: '/deviceManagement/managedDevices/d1/syncDevice', headers: { 'content-type': 'application/json' }, body: {} }],
    });
    assert.equal(entries(fine).get('sync')?.status, 200);
  });

  it('runs a dependent only after its dependency has finished, and independent items together', async () => {
    const events: string[] = [];
    const release = new Map<string, () => void>();
    const dispatch: GraphDispatch = (request) => {
      const id = request.batchItemId ?? '?';
      events.push(`start ${id}`);
      return new Promise((resolve) => {
        release.set(id, () => {
          events.push(`end ${id}`);
          resolve(ok(request));
        });
      });
    };
    const pending = run({ requests: [get('1'), get('2', '/a', { dependsOn: ['1'] }), get('3', '/b'), get('4', '/c', { dependsOn: ['2', '3'] })] }, dispatch);
    await settle();
    assert.deepEqual(events, ['start 1', 'start 3']);
    release.get('3')?.();
    await settle();
    assert.deepEqual(events, ['start 1', 'start 3', 'end 3']);
    release.get('1')?.();
    await settle();
    assert.deepEqual(events.slice(3), ['end 1', 'start 2']);
    release.get('2')?.();
    await settle();
    assert.deepEqual(events.slice(5), ['end 2', 'start 4']);
    release.get('4')?.();
    const got = entries(await pending);
    assert.deepEqual([...got.keys()], ['3', '1', '2', '4'], 'listed in the order they finished');
  });

  it('answers 424 for dependents of a failure, transitively, without dispatching them', async () => {
    const { dispatch, seen } = recorder((r) => (r.path.endsWith('/missing') ? { status: 404, headers: {}, body: { error: { code: 'ResourceNotFound', message: 'x' } } } : ok(r)));
    const response = await run(
      {
        requests: [
          get('1', '/deviceManagement/managedDevices/missing'),
          get('2', '/deviceManagement/managedDevices', { dependsOn: ['1'] }),
          get('3', '/deviceManagement/deviceCategories', { dependsOn: ['2'] }),
          get('4', '/deviceManagement/deviceConfigurations'),
          get('5', '/deviceManagement/roleDefinitions', { dependsOn: ['4'] }),
        ],
      },
      dispatch,
    );
    const got = entries(response);
    assert.deepEqual([...got.values()].map((e) => [e.id, e.status]).sort(), [['1', 404], ['2', 424], ['3', 424], ['4', 200], ['5', 200]]);
    assert.equal(errorOf(got.get('2') as Entry).code, 'FailedDependency');
    assert.match(errorOf(got.get('2') as Entry).message, /request 1\b/);
    assert.match(errorOf(got.get('3') as Entry).message, /request 2\b/);
    assert.deepEqual(seen.map((r) => r.batchItemId), ['1', '4', '5']);
  });

  it('passes a throttled item through as 429 with its own Retry-After', async () => {
    const { dispatch } = recorder((r) =>
      r.batchItemId === '2' ? { status: 429, headers: { 'retry-after': '7', 'request-id': 'r2' }, body: { error: { code: 'TooManyRequests', message: '{}' } } } : ok(r),
    );
    const got = entries(await run({ requests: [get('1'), get('2'), get('3', '/x', { dependsOn: ['2'] })] }, dispatch));
    const throttled = got.get('2') as Entry;
    assert.equal(throttled.status, 429);
    assert.deepEqual(throttled.headers, { 'Retry-After': '7', 'request-id': 'r2', 'Content-Type': 'application/json' });
    assert.equal(errorOf(throttled).code, 'TooManyRequests');
    assert.equal(got.get('1')?.status, 200);
    assert.equal(got.get('3')?.status, 424);
  });

  it('gives bad urls their own 400 and runs the rest', async () => {
    const { dispatch, seen } = recorder();
    const got = entries(
      await run(
        {
          requests: [
            get('abs', 'https://graph.microsoft.com/v1.0/deviceManagement/managedDevices'),
            get('ver', '/v1.0/deviceManagement/managedDevices'),
            get('nest', '/$batch'),
            get('enc', '/deviceManagement/managedDevices/%E0%A4%A'),
            get('fine', 'deviceManagement/managedDevices'),
            get('after', '/deviceManagement/managedDevices', { dependsOn: ['ver'] }),
          ],
        },
        dispatch,
      ),
    );
    for (const id of ['abs', 'ver', 'nest', 'enc']) {
      assert.equal(got.get(id)?.status, 400, id);
      assert.equal(errorOf(got.get(id) as Entry).code, 'BadRequest');
    }
    assert.equal(errorOf(got.get('ver') as Entry).message, "Resource not found for the segment 'v1.0'.");
    assert.equal(got.get('after')?.status, 424);
    assert.deepEqual(seen.map((r) => r.batchItemId), ['fine']);
  });

  it('builds each item as a GraphRequest that inherits the outer token and client-request-id', async () => {
    const { dispatch, seen } = recorder();
    await run(
      {
        requests: [
          get('1', "deviceManagement/managedDevices?$filter=operatingSystem eq 'Windows'&$top=5"),
          { id: '2', method: 'patch', url: '/deviceManagement/managedDevices/d%201', headers: { 'Content-Type': 'application/json', 'Client-Request-Id': 'own-cid' }, body: { notes: 'n' } },
        ],
      },
      dispatch,
    );
    const [first, second] = [seen.find((r) => r.batchItemId === '1'), seen.find((r) => r.batchItemId === '2')];
    assert.ok(first && second);
    assert.equal(first.method, 'GET');
    assert.equal(first.version, 'beta');
    assert.equal(first.baseUrl, 'https://127.0.0.1:8443');
    assert.equal(first.path, '/deviceManagement/managedDevices');
    assert.equal(first.query.get('$filter'), "operatingSystem eq 'Windows'");
    assert.equal(first.query.get('$top'), '5');
    assert.deepEqual(first.headers, { authorization: 'Bearer outer-token', 'client-request-id': 'outer-cid' });
    assert.equal(first.body, undefined);
    assert.equal(second.method, 'PATCH');
    assert.equal(second.path, '/deviceManagement/managedDevices/d 1');
    assert.deepEqual(second.headers, { authorization: 'Bearer outer-token', 'client-request-id': 'own-cid', 'content-type': 'application/json' });
    assert.deepEqual(second.body, { notes: 'n' });
  });

  it('turns a handler that throws into a 500 for that item alone, and reports it', async () => {
    const logged: string[] = [];
    const dispatch: GraphDispatch = async (r) => {
      if (r.batchItemId === 'boom') throw new Error('handler bug');
      return ok(r);
    };
    const response = await handleBatch(batchRequest({ requests: [get('boom'), get('ok')] }), dispatch, { clock, log: (m) => logged.push(m) });
    const got = entries(response);
    assert.equal(got.get('boom')?.status, 500);
    assert.equal(got.get('ok')?.status, 200);
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /boom.*handler bug/s);
  });
});

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
