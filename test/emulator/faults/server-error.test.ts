// Injected 5xx bodies must parse the way clients parse the real ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serverErrorResponse } from '../../../src/emulator/faults/server-error.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import type { JsonObject } from '../../../src/emulator/graph/model/json.ts';
import type { GraphResponse } from '../../../src/emulator/graph/exchange.ts';

const ctx = { requestId: 'r-1', clientRequestId: 'c-1', now: Date.UTC(2026, 0, 2, 3, 4, 5) };
const PATH = '/deviceManagement/managedDevices';

function errorOf(response: GraphResponse): JsonObject {
  const body = response.body;
  assert.ok(isJsonObject(body) && isJsonObject(body['error']));
  assert.deepEqual(body['error']['innerError'], { date: '2026-01-02T03:04:05', 'request-id': 'r-1', 'client-request-id': 'c-1' });
  return body['error'];
}

describe('serverErrorResponse', () => {
  it('answers 500 in Intune\'s nested shape', () => {
    const response = serverErrorResponse(500, ctx, PATH);
    assert.equal(response.status, 500);
    const error = errorOf(response);
    assert.equal(error['code'], 'InternalServerError');
    const inner = JSON.parse(error['message'] as string) as Record<string, unknown>;
    assert.match(inner['Message'] as string, /^An internal server error has occurred - .*DeviceFE\/StatelessDeviceFEService\/deviceManagement\/managedDevices/);
  });

  it('answers 502 and 503 in Graph\'s plain shape, 503 with Retry-After when given', () => {
    const bad = serverErrorResponse(502, ctx, PATH);
    assert.equal(bad.status, 502);
    assert.deepEqual([errorOf(bad)['code'], errorOf(bad)['message']], ['UnknownError', '']);
    const unavailable = serverErrorResponse(503, ctx, PATH, 7);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers['Retry-After'], '7');
    assert.equal(errorOf(unavailable)['code'], 'serviceNotAvailable');
    assert.equal(serverErrorResponse(503, ctx, PATH).headers['Retry-After'], undefined);
  });

  it('answers 504 with Intune\'s document wrapped once more', () => {
    const response = serverErrorResponse(504, ctx, PATH, 4);
    assert.equal(response.status, 504);
    assert.equal(response.headers['Retry-After'], '4');
    const error = errorOf(response);
    assert.equal(error['code'], 'UnknownError');
    const outer = JSON.parse(error['message'] as string) as { Message: string };
    const inner = JSON.parse(outer.Message) as Record<string, unknown>;
    assert.equal(inner['_version'], 3);
    assert.equal(inner['RetryAfter'], 4);
  });
});
