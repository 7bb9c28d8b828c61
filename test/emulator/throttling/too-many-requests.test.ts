// The 429 a throttled client sees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tooManyRequests } from '../../../src/emulator/graph/throttling/too-many-requests.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import type { GraphResponse } from '../../../src/emulator/graph/exchange.ts';

const ctx = { requestId: 'req-1', clientRequestId: 'client-1', now: Date.UTC(2026, 2, 4, 5, 6, 7) };

function errorOf(response: GraphResponse): { code: string; inner: Record<string, unknown>; innerError: unknown } {
  const body = response.body;
  assert.ok(isJsonObject(body) && isJsonObject(body['error']));
  const error = body['error'];
  assert.equal(typeof error['message'], 'string');
  return { code: error['code'] as string, inner: JSON.parse(error['message'] as string) as Record<string, unknown>, innerError: error['innerError'] };
}

describe('tooManyRequests', () => {
  it('answers 429 with Retry-After and Intune\'s nested message', () => {
    const response = tooManyRequests(ctx, { retryAfterSeconds: 3, omitRetryAfter: false, path: '/deviceManagement/managedDevices' });
    assert.equal(response.status, 429);
    assert.equal(response.headers['Retry-After'], '3');
    assert.equal(response.headers['request-id'], 'req-1');
    assert.equal(response.headers['client-request-id'], 'client-1');
    const error = errorOf(response);
    assert.equal(error.code, 'TooManyRequests');
    assert.equal(error.inner['_version'], 3);
    assert.equal(error.inner['RetryAfter'], 3);
    assert.match(error.inner['Message'] as string, /^An error has occurred - Operation ID .* - Url: https:\/\/fef\..*\/DeviceFE\/StatelessDeviceFEService\/deviceManagement\/managedDevices\?api-version=/);
    assert.deepEqual(error.innerError, { date: '2026-03-04T05:06:07', 'request-id': 'req-1', 'client-request-id': 'client-1' });
  });

  it('leaves Retry-After out when the switch says so', () => {
    const response = tooManyRequests(ctx, { retryAfterSeconds: 3, omitRetryAfter: true, path: '/deviceAppManagement/mobileApps' });
    assert.equal(response.status, 429);
    assert.equal(Object.keys(response.headers).some((h) => h.toLowerCase() === 'retry-after'), false);
    const error = errorOf(response);
    assert.equal(error.inner['RetryAfter'], null);
    assert.match(error.inner['Message'] as string, /StatelessAppMetadataFEService\/deviceAppManagement\/mobileApps/);
  });
});
