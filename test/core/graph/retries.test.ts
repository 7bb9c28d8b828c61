// Retries against the demo tenant's fault switches: 503/504 and dropped connections are retried
// for a bounded number of attempts under one client-request-id, then reported as Problems; a
// refused port is `offline`; and a destructive action is never sent twice, which the wire
// itself (a counting TCP proxy) proves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { GraphClient } from '../../../src/core/graph/graph-client.ts';
import { deviceAction, managedDevice, managedDevices } from '../../../src/core/graph/graph-paths.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import type { Problem } from '../../../src/core/problem.ts';
import { startTcpProxy } from '../../helpers/tcp-proxy.ts';
import type { TestBed } from './helpers/test-bed.ts';
import { eventsOf, seededRandom, startTestBed } from './helpers/test-bed.ts';

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error.problem;
    throw error;
  }
  return assert.fail('expected a Problem');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('GraphClient retries', () => {
  let bed: TestBed;
  let windowsDevices: string[];
  before(async () => {
    bed = await startTestBed({ devices: 500, seed: 11 });
    const { client } = bed.client();
    const devices: ManagedDevice[] = await client.all(managedDevices, { query: { $select: 'id,operatingSystem' } });
    windowsDevices = devices.filter((d) => d.operatingSystem === 'Windows').map((d) => d.id as string);
  });
  after(async () => {
    await bed.stop();
  });

  it('completes a full sync through 5xx answers and dropped connections, with the exact count', async () => {
    await bed.faults({ errorRate: 0.25, dropRate: 0.1 });
    try {
      const { client, events } = bed.client({ random: seededRandom(3) });
      const devices = await client.all(managedDevices, { query: { $top: 25, $select: 'id' } });
      assert.equal(devices.length, 500);
      assert.equal(new Set(devices.map((d) => d.id)).size, 500);
      const failures = eventsOf(events, 'response').filter((r) => r.status >= 500);
      const drops = eventsOf(events, 'connectionFailed');
      assert.ok(failures.length > 0 && drops.length > 0, `faults happened (${failures.length} 5xx, ${drops.length} drops)`);
      assert.ok(failures.every((r) => [500, 502, 503, 504].includes(r.status)));
      assert.ok(drops.every((d) => d.code === 'ECONNRESET'), 'a dropped connection shows as a reset');
    } finally {
      await bed.calm();
    }
  });

  it('keeps one client-request-id across the retries of a request, and a new one per request', async () => {
    await bed.faults({ errorRate: 0.3 });
    try {
      const { client, events } = bed.client({ random: seededRandom(4) });
      await client.all(managedDevices, { query: { $top: 50, $select: 'id' } });
      const sends = eventsOf(events, 'send');
      const byId = Map.groupBy(sends, (s) => s.clientRequestId);
      assert.equal(byId.size, 10, 'one id per page');
      assert.ok([...byId.values()].some((tries) => tries.length > 1), 'some page needed a retry');
      for (const tries of byId.values()) {
        assert.deepEqual(tries.map((t) => t.attempt), tries.map((_, i) => i + 1));
        assert.equal(new Set(tries.map((t) => t.path)).size, 1, 'a retry is the same request');
      }
      assert.ok([...byId.keys()].every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), 'GUIDs');
    } finally {
      await bed.calm();
    }
  });

  it('stops a read after maxAttempts of 5xx with a `serviceError` carrying both ids', async () => {
    await bed.faults({ errorRate: 1 });
    try {
      const { client, events } = bed.client({ retry: { maxAttempts: 4 }, random: seededRandom(5) });
      for (let i = 0; i < 3; i++) {
        const p = await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
        assert.equal(p.code, 'serviceError');
        assert.ok(p.requestId, 'the last answer\'s request-id');
        assert.ok(p.clientRequestId);
        const tries = eventsOf(events, 'send').filter((s) => s.clientRequestId === p.clientRequestId);
        const answers = eventsOf(events, 'response').filter((r) => r.clientRequestId === p.clientRequestId);
        assert.equal(tries.length, 4, 'exactly maxAttempts tries');
        assert.ok(answers.every((r) => [500, 502, 503, 504].includes(r.status)));
        assert.equal(answers.at(-1)?.requestId, p.requestId, 'the problem names the last answer');
        assert.equal(p.httpStatus, answers.at(-1)?.status);
        assert.match(p.message, /after 4 attempts/);
        assert.match(p.message, /Try again in a few minutes/);
      }
    } finally {
      await bed.calm();
    }
  });

  it('reports `offline` after maxAttempts of dropped connections on a read', async () => {
    await bed.faults({ dropRate: 1 });
    try {
      const { client, events } = bed.client({ retry: { maxAttempts: 3 }, random: seededRandom(6) });
      const p = await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
      assert.equal(p.code, 'offline');
      assert.equal(p.outcomeUnknown, undefined, 'a read has no outcome to worry about');
      assert.equal(eventsOf(events, 'send').length, 3);
      assert.ok(p.clientRequestId);
    } finally {
      await bed.calm();
    }
  });

  it('gives up on a silent server after its idle timeout: reads are retried, then `offline`', async () => {
    // The tenant holds every answer for 400 ms of real time; this client waits 100 ms for a byte.
    await bed.faults({ latencyMs: 400 });
    try {
      const { client, events } = bed.client({ idleTimeoutMs: 100, retry: { maxAttempts: 2 }, random: seededRandom(10) });
      const p = await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
      assert.equal(p.code, 'offline');
      assert.match(p.message, /timed out/);
      assert.deepEqual(eventsOf(events, 'connectionFailed').map((e) => [e.code, e.sent]), [['ETIMEDOUT', true], ['ETIMEDOUT', true]]);
    } finally {
      await bed.calm();
    }
  });

  it('reports `offline` when nothing listens, after retrying (the request never left)', async () => {
    const port = await closedPort();
    const events: string[] = [];
    const client = new GraphClient({
      baseUrl: `https://127.0.0.1:${port}`,
      version: 'beta',
      caCertificatePem: bed.ca,
      tokenProvider: async () => 'unused',
      time: bed.time,
      retry: { maxAttempts: 3 },
      onEvent: (e) => events.push(e.kind === 'connectionFailed' ? `${e.code}/${e.sent}` : e.kind),
    });
    try {
      // Even a wipe may go again: a refused connection proves the request never left.
      const p = await problemOf(client.post(deviceAction('any', 'wipe'), {}));
      assert.equal(p.code, 'offline');
      assert.match(p.message, /connection refused/);
      assert.match(p.message, /last sync/);
      assert.deepEqual(events.filter((e) => e.includes('/')), ['ECONNREFUSED/false', 'ECONNREFUSED/false', 'ECONNREFUSED/false']);
    } finally {
      client.close();
    }
  });

  it('never sends a wipe twice: a dropped connection after sending is reported as an unknown outcome', async () => {
    const port = Number(new URL(bed.baseUrl).port);
    const proxy = await startTcpProxy(port);
    const { client: direct } = bed.client();
    const { client, events } = bed.client({ baseUrl: `https://127.0.0.1:${proxy.port}`, random: seededRandom(7) });
    let handledThenDropped = 0;
    try {
      // Control: a read through the same proxy is retried, one connection per try.
      await bed.faults({ dropRate: 1 });
      const before = proxy.connections();
      await problemOf(client.get(managedDevices.path, { query: { $top: 1 } }));
      assert.equal(proxy.connections() - before, 6, 'the proxy sees every try of a read');

      for (const id of windowsDevices.slice(0, 10)) {
        await bed.faults({ dropRate: 1 });
        const connections = proxy.connections();
        const sendsBefore = eventsOf(events, 'send').length;
        const p = await problemOf(client.post(deviceAction(id, 'wipe'), { keepEnrollmentData: false, keepUserData: false }));
        assert.equal(proxy.connections() - connections, 1, 'one connection: the wipe went over the wire once');
        assert.equal(eventsOf(events, 'send').length - sendsBefore, 1, 'and the client sent it once');
        assert.equal(p.code, 'offline');
        assert.equal(p.outcomeUnknown, true);
        assert.match(p.message, /may or may not have been carried out/);
        assert.match(p.message, /action history/);

        await bed.calm();
        const device = await direct.get(managedDevice(id), { query: { $select: 'id,managementState,deviceActionResults' } });
        const wipes = (device.deviceActionResults ?? []).filter((r) => r.actionName === 'wipe');
        assert.ok(wipes.length <= 1, 'at most one wipe in the device\'s action history');
        if (wipes.length === 1) {
          handledThenDropped++;
          assert.equal(device.managementState, 'wipePending');
        }
      }
      // The demo tenant drops half the connections after handling the request: those are the
      // cases where a blind retry would have wiped twice.
      assert.ok(handledThenDropped >= 1, 'some wipe was carried out before its connection dropped');
    } finally {
      await bed.calm();
      await proxy.stop();
    }
  });

  it('re-sends a write the caller marked safe to repeat, but never a destructive one, whatever the caller says', async () => {
    const port = Number(new URL(bed.baseUrl).port);
    const proxy = await startTcpProxy(port);
    const { client } = bed.client({ baseUrl: `https://127.0.0.1:${proxy.port}`, retry: { maxAttempts: 3 }, random: seededRandom(9) });
    try {
      await bed.faults({ dropRate: 1 });
      const id = windowsDevices[20] as string;
      let before = proxy.connections();
      const sync = await problemOf(client.post(deviceAction(id, 'syncDevice'), undefined, { retrySafe: true }));
      assert.equal(proxy.connections() - before, 3, 'a sync may go again: all three tries went');
      assert.equal(sync.code, 'offline');
      assert.equal(sync.outcomeUnknown, undefined);

      before = proxy.connections();
      const wipe = await problemOf(client.post(deviceAction(id, 'wipe'), {}, { retrySafe: true }));
      assert.equal(proxy.connections() - before, 1, 'a wipe goes once even when the caller says it is safe');
      assert.equal(wipe.outcomeUnknown, true);
    } finally {
      await bed.calm();
      await proxy.stop();
    }
  });

  it('re-sends a wipe only after a 503 (refused); after a 500, 502 or 504 it reports an unknown outcome', async () => {
    await bed.faults({ errorRate: 1 });
    try {
      const { client, events } = bed.client({ random: seededRandom(8), retry: { maxAttempts: 6 } });
      const endings = new Set<number>();
      for (const id of windowsDevices.slice(10, 20)) {
        const p = await problemOf(client.post(deviceAction(id, 'wipe'), {}));
        const answers = eventsOf(events, 'response').filter((r) => r.clientRequestId === p.clientRequestId).map((r) => r.status);
        const last = answers.at(-1) ?? 0;
        endings.add(last);
        assert.ok(answers.slice(0, -1).every((s) => s === 503), `retried only after 503: ${answers.join(',')}`);
        if (last !== 503) {
          assert.equal(p.outcomeUnknown, true);
          assert.match(p.message, /may or may not have been carried out/);
        }
      }
      assert.ok(endings.has(504), 'a 504 was among the answers');
    } finally {
      await bed.calm();
    }
  });
});
