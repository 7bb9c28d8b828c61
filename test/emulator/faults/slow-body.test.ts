// writeSlowly over a real loopback socket, with pauses the test controls instead of sleeping.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { writeSlowly } from '../../../src/emulator/faults/slow-body.ts';
import type { Pause } from '../../../src/emulator/faults/slow-body.ts';

type Handler = (res: ServerResponse) => Promise<void>;

let server: http.Server;
let port = 0;
let handler: Handler = async () => {};

before(async () => {
  server = http.createServer((_req, res) => void handler(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** GETs the server; resolves with the body, or with the error if the response breaks. */
function fetchBody(onRequest?: (req: http.ClientRequest) => void): Promise<Buffer | Error> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', resolve);
      res.on('aborted', () => resolve(new Error('aborted')));
    });
    req.on('error', resolve);
    onRequest?.(req);
  });
}

const body = Buffer.from('x'.repeat(1000) + '{"value":[]}');

describe('writeSlowly', () => {
  it('sends the whole body in chunks, pausing for the time the rate asks', async () => {
    const pauses: number[] = [];
    const pause: Pause = async (ms) => {
      pauses.push(ms);
    };
    const finished = new Promise<void>((resolve) => {
      handler = async (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        await writeSlowly(res, body, 500, undefined, pause);
        resolve();
      };
    });
    const received = await fetchBody();
    await finished;
    assert.ok(Buffer.isBuffer(received));
    assert.deepEqual(received, body);
    // 500 B/s in 50-byte chunks: 21 chunks, a 100 ms pause after all but the last.
    assert.equal(pauses.length, Math.ceil(body.length / 50) - 1);
    assert.ok(pauses.every((ms) => ms === 100));
  });

  it('stops when the client goes away', async () => {
    let pauses = 0;
    let client: http.ClientRequest | undefined;
    const pause: Pause = (_ms, signal) => {
      pauses++;
      // The client hangs up during the first pause; the pause ends when writeSlowly notices.
      client?.destroy();
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    };
    const finished = new Promise<ServerResponse>((resolve) => {
      handler = async (res) => {
        res.writeHead(200, { 'content-length': body.length });
        await writeSlowly(res, body, 500, undefined, pause);
        resolve(res);
      };
    });
    const received = await fetchBody((req) => {
      client = req;
    });
    const res = await finished;
    assert.ok(received instanceof Error || received.length < body.length);
    assert.equal(pauses, 1);
    assert.equal(res.writableEnded, false);
  });

  it('stops and destroys the response when the caller aborts', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const pause: Pause = async () => {
      pauses++;
      if (pauses === 3) controller.abort();
    };
    const finished = new Promise<ServerResponse>((resolve) => {
      handler = async (res) => {
        res.writeHead(200, { 'content-length': body.length });
        await writeSlowly(res, body, 500, controller.signal, pause);
        resolve(res);
      };
    });
    const received = await fetchBody();
    const res = await finished;
    assert.ok(received instanceof Error || received.length < body.length);
    assert.equal(pauses, 3);
    assert.equal(res.destroyed, true);
  });
});
