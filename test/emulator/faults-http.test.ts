// The fault switches, flipped through the admin endpoint and observed the way a client meets
// them: 5xx answers, connections closed without an answer, pages that do not parse, bodies that
// trickle in, added latency, and all of it reproducible from the seed.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEFAULT_FAULT_SETTINGS } from '../../src/emulator/faults/fault-settings.ts';
import type { FaultSettings } from '../../src/emulator/faults/fault-settings.ts';
import { getJson } from '../helpers/https-request.ts';
import { intuneMessage } from '../helpers/graph-call.ts';
import { asPage, startLiveTenant } from './helpers/live-tenant.ts';
import type { LiveTenant } from './helpers/live-tenant.ts';

const DEVICES = '/v1.0/deviceManagement/managedDevices';
const CONFIGS = '/v1.0/deviceManagement/deviceConfigurations';
const SCOPES = ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'];

let live: LiveTenant;
let token: string;
let deviceId: string;

before(async () => {
  live = await startLiveTenant({ devices: 40, seed: 3 });
  token = await live.signInAs({ scopes: SCOPES });
  deviceId = String(asPage(await live.call(token, 'GET', `${DEVICES}?$top=1&$select=id`)).value[0]?.['id']);
});

after(async () => {
  await live?.stop();
});

afterEach(async () => {
  await setFaults(live, DEFAULT_FAULT_SETTINGS);
});

async function setFaults(tenant: LiveTenant, settings: Partial<FaultSettings>): Promise<void> {
  const reply = await tenant.admin('PATCH', '/faults', settings);
  assert.equal(reply.status, 200, JSON.stringify(reply.json));
}

interface RawReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body as the socket delivered it, one entry per 'data' event. */
  readonly chunks: readonly Buffer[];
}

/** A GET on its own connection, so a dropped connection or a trickling body is seen as it happens. */
function rawGet(path: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(`${live.baseUrl}${path}`, { ca: live.ca, agent: false, headers: { authorization: `Bearer ${token}` }, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const SERVER_ERROR_CODES: Readonly<Record<number, string>> = { 500: 'InternalServerError', 502: 'UnknownError', 503: 'serviceNotAvailable', 504: 'UnknownError' };

describe('fault switches over HTTPS', () => {
  it('errorRate 1: every Graph call is a 5xx in the service\'s shapes, nothing is handled, and sign-in still works', async () => {
    const before = await live.call(token, 'GET', `${CONFIGS}?$top=1&$select=id,description`);
    const config = asPage(before).value[0] ?? {};
    await setFaults(live, { errorRate: 1 });

    const statuses = new Set<number>();
    for (let i = 0; i < 16; i++) {
      const reply = await live.call(token, 'GET', i % 2 === 0 ? `${DEVICES}?$top=1` : `${DEVICES}/${deviceId}`);
      assert.ok(reply.status in SERVER_ERROR_CODES, `HTTP ${reply.status}`);
      assert.equal((reply.json as { error?: { code?: unknown } }).error?.code, SERVER_ERROR_CODES[reply.status]);
      statuses.add(reply.status);
    }
    assert.ok(statuses.size > 1, `only ${[...statuses].join()} was drawn`);
    // A write answered with a 5xx instead of being handled leaves no trace.
    const patch = await live.call(token, 'PATCH', `${CONFIGS}/${String(config['id'])}`, { '@odata.type': config['@odata.type'], description: 'written under errorRate 1' });
    assert.ok(patch.status >= 500);

    // The identity side is another service: discovery and a whole sign-in are unaffected.
    const discovery = await getJson(`${live.baseUrl}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, live.ca);
    assert.equal(discovery.status, 200);
    assert.equal(typeof (await live.signInAs({ scopes: ['DeviceManagementManagedDevices.Read.All'] })), 'string');

    await setFaults(live, { errorRate: 0 });
    const afterwards = await live.call(token, 'GET', `${CONFIGS}/${String(config['id'])}?$select=id,description`);
    assert.equal((afterwards.json as Record<string, unknown>)['description'], config['description']);
  });

  it('dropRate 1: the connection closes without a response', async () => {
    await setFaults(live, { dropRate: 1 });
    for (let i = 0; i < 6; i++) {
      await assert.rejects(rawGet(`${DEVICES}/${deviceId}`), (error: NodeJS.ErrnoException) => {
        assert.ok(error.code === 'ECONNRESET' || /socket hang up/.test(error.message), `${error.code ?? ''} ${error.message}`);
        return true;
      });
    }
    await setFaults(live, { dropRate: 0 });
    assert.equal((await rawGet(`${DEVICES}/${deviceId}`)).status, 200);
  });

  it('malformedPageRate 1: a collection GET is a 200 whose body does not parse; single GETs are whole', async () => {
    await setFaults(live, { malformedPageRate: 1 });
    const page = await live.call(token, 'GET', `${DEVICES}?$top=5`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^application\/json/);
    assert.ok(page.text.length > 0);
    assert.throws(() => JSON.parse(page.text) as unknown, SyntaxError);
    // The cut is made before sending, so the length header matches what arrives.
    assert.equal(Number(page.headers['content-length']), Buffer.byteLength(page.text));

    const single = await live.call(token, 'GET', `${DEVICES}/${deviceId}`);
    assert.equal(single.status, 200);
    assert.equal((single.json as Record<string, unknown>)['id'], deviceId);
    const count = await live.call(token, 'GET', `${DEVICES}/$count`);
    assert.equal(count.text, '40');
  });

  it('slowBodyRate 1: the body arrives in many small chunks and is whole at the end', async () => {
    const bytesPerSecond = 10_000;
    // The emulator sends a tenth of a second's worth per chunk.
    const chunkSize = bytesPerSecond / 10;
    const quick = await rawGet(`${DEVICES}?$top=2`);
    const length = Buffer.concat(quick.chunks).length;
    assert.ok(length > 3 * chunkSize, `the body (${length} bytes) is too small to see chunks`);

    await setFaults(live, { slowBodyRate: 1, slowBodyBytesPerSecond: bytesPerSecond });
    const slow = await rawGet(`${DEVICES}?$top=2`);
    assert.equal(slow.status, 200);
    const body = Buffer.concat(slow.chunks);
    assert.equal(body.length, Number(slow.headers['content-length']));
    assert.equal(asPageText(body.toString('utf8')), 2);
    // Each chunk is written after a pause, so the client reads them one by one; a busy
    // machine may merge neighbours, never split them, hence a range rather than one number.
    const expected = Math.ceil(body.length / chunkSize);
    assert.ok(slow.chunks.length >= Math.ceil(expected / 2) && slow.chunks.length <= expected, `${slow.chunks.length} chunks, expected up to ${expected}`);
    assert.ok(slow.chunks.every((c) => c.length <= chunkSize));
  });

  it('latencyMs and jitterMs delay the answer; server-timing reports the handling time without the delay', async () => {
    const latencyMs = 300;
    await setFaults(live, { latencyMs, jitterMs: 100 });
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const reply = await rawGet(`${DEVICES}/${deviceId}?$select=id`);
      const elapsed = performance.now() - started;
      assert.equal(reply.status, 200);
      // Less 1 ms: Node's timers run on a loop clock of whole milliseconds and can fire a fraction early.
      assert.ok(elapsed >= latencyMs - 1, `answered after ${elapsed} ms`);
      const timing = /^app;dur=(\d+(?:\.\d+)?)$/.exec(String(reply.headers['server-timing']));
      assert.ok(timing, `server-timing: ${String(reply.headers['server-timing'])}`);
      assert.ok(Number(timing[1]) < latencyMs, `server-timing ${timing[1]} ms includes the injected delay`);
    }
  });

  it('draws the same faults for the same seed and request sequence, and others for another seed', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const tenant = await startLiveTenant({ devices: 20, seed });
      try {
        const t = await tenant.signInAs({ scopes: SCOPES });
        const id = String(asPage(await tenant.call(t, 'GET', `${DEVICES}?$top=1&$select=id`)).value[0]?.['id']);
        await setFaults(tenant, { errorRate: 0.3 });
        const outcomes: string[] = [];
        for (let i = 0; i < 40; i++) {
          const reply = await tenant.call(t, 'GET', [`${DEVICES}?$top=3`, `${DEVICES}/${id}`, `${CONFIGS}?$top=1`][i % 3] ?? DEVICES);
          outcomes.push(`${reply.status}${reply.headers['retry-after'] === undefined ? '' : ` retry-after ${reply.headers['retry-after']}`}`);
        }
        return outcomes;
      } finally {
        await tenant.stop();
      }
    };
    const first = await run(77);
    const failures = first.filter((o) => !o.startsWith('200')).length;
    assert.ok(failures > 0 && failures < 40, `errorRate 0.3 failed ${failures} of 40`);
    assert.deepEqual(await run(77), first);
    assert.notDeepEqual(await run(78), first);
  });

  it('refuses bad settings with 400 and a message, leaving the settings as they were', async () => {
    const before = await live.admin('GET', '/status');
    const faultsBefore = (before.json as { faults: unknown }).faults;
    const refusals: readonly [unknown, RegExp][] = [
      [{ errorRatio: 0.5 }, /Unknown fault setting "errorRatio"/],
      [{ errorRate: 1.5 }, /errorRate must be a number from 0 to 1/],
      [{ dropRate: -0.1 }, /dropRate must be a number from 0 to 1/],
      [{ errorRate: 0.6, dropRate: 0.6 }, /must not exceed 1/],
      [{ latencyMs: 1.5 }, /latencyMs must be a whole number/],
      [{ slowBodyBytesPerSecond: 0 }, /slowBodyBytesPerSecond must be a whole number from 1/],
      [[0.5], /must be a JSON object/],
    ];
    for (const [body, message] of refusals) {
      const reply = await live.admin('PATCH', '/faults', body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match(String((reply.json as { error?: unknown }).error), message);
    }
    const after = await live.admin('GET', '/status');
    assert.deepEqual((after.json as { faults: unknown }).faults, faultsBefore);
  });

  it('answers 401 to admin calls without the key, or with a wrong one, and changes nothing', async () => {
    for (const key of [null, 'not-the-key', `${live.tenant.ready.admin.key}x`]) {
      const patch = await live.admin('PATCH', '/faults', { errorRate: 1 }, key);
      assert.equal(patch.status, 401);
      assert.match(String((patch.json as { error?: unknown }).error), /x-demo-tenant-admin-key/);
      assert.equal((await live.admin('GET', '/status', undefined, key)).status, 401);
    }
    assert.equal((await live.call(token, 'GET', `${DEVICES}/${deviceId}?$select=id`)).status, 200);
  });

  it('keeps Intune\'s nested message in injected 500s', async () => {
    await setFaults(live, { errorRate: 1 });
    // A 500 is one draw in four; the draws are seeded, so a given run of this file is repeatable.
    for (let i = 0; i < 50; i++) {
      const reply = await live.call(token, 'GET', `${DEVICES}/${deviceId}`);
      if (reply.status !== 500) continue;
      assert.match(intuneMessage(reply.json), /An internal server error has occurred/);
      return;
    }
    assert.fail('no 500 in 50 draws');
  });
});

/** Parses a page body and returns how many items it holds. */
function asPageText(text: string): number {
  const json = JSON.parse(text) as { value?: unknown };
  assert.ok(Array.isArray(json.value));
  return json.value.length;
}
