// The browser harness's server, attacked as a hostile page or local process would: the page's
// headers and files, and the bridge's WebSocket (origin, secret, malformed messages, unknown
// channels). None of it may reach the host unchecked or stop it.
import assert from 'node:assert/strict';
import { readFile, rm, symlink, writeFile, mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startHarness } from '../../src/harness/start-harness.ts';
import type { RunningHarness } from '../../src/harness/start-harness.ts';
import { openSocket } from './helpers/bridge-client.ts';
import type { TestSocket } from './helpers/bridge-client.ts';
import { stubWindow } from './helpers/stub-window.ts';

let harness: RunningHarness;
let rendererDir: string;
let scratch: string;
let recordFile: string;
let secret: string;
const logs: string[] = [];

before(async () => {
  rendererDir = await stubWindow();
  scratch = await mkdtemp(join(tmpdir(), 'intune-desk-harness-server-'));
  const clientFile = join(scratch, 'bridge-client.js');
  await writeFile(clientFile, '/* the bridge client */\n');
  await writeFile(join(scratch, 'outside.txt'), 'not to be served');
  await symlink(join(scratch, 'outside.txt'), join(rendererDir, 'link-out.txt'));
  recordFile = join(scratch, 'bridge.jsonl');
  harness = await startHarness({
    rendererDir,
    clientFile,
    env: { INTUNE_DESK_RECORD_BRIDGE: recordFile, INTUNE_DESK_POLICY_FILE: '' },
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  secret = new URLSearchParams(new URL(harness.url).hash.slice(1)).get('k') ?? '';
});

after(async () => {
  await harness?.close();
  await rm(rendererDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

function get(path: string, host = `127.0.0.1:${harness.port}`, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: harness.port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function authenticated(): Promise<TestSocket> {
  const socket = await openSocket(harness.port, harness.origin);
  socket.send({ auth: secret });
  await socket.next((m) => m['ready'] === true);
  return socket;
}

describe('the harness page', () => {
  test('the ready address carries a long random secret in its fragment, and the data folder is a fresh one', () => {
    assert.match(harness.url, new RegExp(`^http://127\\.0\\.0\\.1:${harness.port}/#k=[A-Za-z0-9_-]{43}$`));
    assert.match(harness.dataDir, /intune-desk-web-/);
    assert.match(harness.demoCertificateSpkiSha256, /^[A-Za-z0-9+/]{43}=$/);
  });

  test('index.html comes with the strict CSP and the bridge client first in <head>', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src ws://127.0.0.1:${harness.port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'`);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.match(page.body, /<head>\n {4}<script src="\/__harness\/bridge-client\.js"><\/script>\n {4}<meta charset="utf-8">/);
    assert.equal((page.body.match(/<script/g) ?? []).length, 2, 'one tag added, nothing inline');
    const original = await readFile(join(rendererDir, 'index.html'), 'utf8');
    assert.ok(!original.includes('bridge-client'), 'the build itself is not changed');
    const client = await get('/__harness/bridge-client.js');
    assert.equal(client.status, 200);
    assert.equal(client.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(client.body, '/* the bridge client */\n');
    const css = await get('/style.css');
    assert.deepEqual([css.status, css.headers['content-type'], css.headers['content-security-policy'] !== undefined], [200, 'text/css; charset=utf-8', true]);
  });

  test('serves nothing outside the build, to no other host name, for no other method', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/link-out.txt', '/missing.js', '/%00', '/..%2f..%2fetc%2fpasswd']) {
      const res = await get(path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.ok(!res.body.includes('not to be served'));
    }
    assert.equal((await get('/', `localhost:${harness.port}`)).status, 421, 'a DNS-rebinding page is refused');
    assert.equal((await get('/', 'attacker.example')).status, 421);
    assert.equal((await get('/', undefined, 'POST')).status, 405);
  });
});

describe('the bridge socket', () => {
  test('a page of another origin is closed with a policy violation before it can say anything', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${harness.port}`, 'null', undefined]) {
      const socket = await openSocket(harness.port, origin);
      socket.send({ auth: secret });
      const closed = await socket.closed();
      assert.equal(closed.code, 1008, `origin ${String(origin)}`);
      assert.deepEqual(socket.received, [], 'nothing was answered');
    }
  });

  test('the first message must prove the secret; a wrong one, or anything else first, is closed with 1008', async () => {
    const attempts: unknown[] = [
      { auth: 'wrong' },
      { auth: `${secret}x` },
      { auth: secret, channel: 'tenants.setup' },
      { id: 1, channel: 'tenants.setup', args: {} },
      'not json at all',
      { auth: 42 },
    ];
    for (const first of attempts) {
      const socket = await openSocket(harness.port, harness.origin);
      socket.send(first);
      assert.equal((await socket.closed()).code, 1008, JSON.stringify(first));
      assert.deepEqual(socket.received, []);
    }
  });

  test('after the proof: calls are answered by the host, with their ids', async () => {
    const socket = await authenticated();
    socket.send({ id: 7, channel: 'app.info', args: {} });
    const answer = await socket.next((m) => m['id'] === 7);
    assert.deepEqual(answer, { id: 7, result: { ok: true, value: { version: '0.1.0', shell: 'web', platform: process.platform } } });
    socket.send({ id: 'call-8', channel: 'tenants.setup', args: {} });
    assert.deepEqual((await socket.next((m) => m['id'] === 'call-8'))['result'], { ok: true, value: { firstRun: true, tenants: [], tenantsLocked: false } });
    socket.close();
    await socket.closed();
  });

  test('malformed messages and unknown channels get a clear answer; the connection and the host carry on', async () => {
    const socket = await authenticated();
    socket.send('{"id": 1, "channel": ');
    assert.match(JSON.stringify(await socket.next((m) => m['id'] === null)), /The message is not JSON/);
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.match(JSON.stringify(await socket.next((m) => m['id'] === null && JSON.stringify(m).includes('binary'))), /Bridge messages are JSON text/);
    socket.send([1, 2]);
    socket.send({ id: { nested: true }, channel: 'app.info', args: {} });
    socket.send({ id: 3, channel: 'app.info', args: {}, token: 'x' });
    assert.match(JSON.stringify(await socket.next((m) => m['id'] === 3)), /Unknown field \\"token\\" in the message/);
    socket.send({ id: 4, channel: 'devices.wipeAll', args: {} });
    assert.deepEqual((await socket.next((m) => m['id'] === 4))['result'], { ok: false, problem: { code: 'badRequest', message: 'There is no bridge channel "devices.wipeAll".' } });
    socket.send({ id: 5, channel: 'devices.window', args: { offset: 0, limit: 100000 } });
    assert.deepEqual((await socket.next((m) => m['id'] === 5))['result'], { ok: false, problem: { code: 'badRequest', message: 'devices.window: limit must be between 1 and 500.' } });
    socket.send({ id: 6, channel: 'app.info' });
    assert.match(JSON.stringify(await socket.next((m) => m['id'] === 6)), /app\.info: the arguments must be an object/);
    socket.send({ id: 9, channel: 'app.info', args: {} });
    assert.equal(((await socket.next((m) => m['id'] === 9))['result'] as { ok: boolean }).ok, true, 'still serving');
    socket.close();
    await socket.closed();
  });

  test('a message over a megabyte closes that connection only', async () => {
    const big = await authenticated();
    big.send({ id: 1, channel: 'devices.window', args: { offset: 0, limit: 1, search: 'x'.repeat(1_100_000) } });
    assert.equal((await big.closed()).code, 1009);
    const other = await authenticated();
    other.send({ id: 2, channel: 'app.info', args: {} });
    assert.equal(((await other.next((m) => m['id'] === 2))['result'] as { ok: boolean }).ok, true);
    other.close();
    await other.closed();
  });

  test('events reach pages that proved the secret, and no other', async () => {
    const page = await authenticated();
    const stranger = await openSocket(harness.port, harness.origin);
    page.send({ id: 1, channel: 'settings.update', args: { theme: 'dark' } });
    const event = await page.next((m) => m['event'] === 'event.settingsChanged');
    assert.equal((event['payload'] as { theme: string }).theme, 'dark');
    assert.deepEqual(stranger.received, []);
    assert.equal(harness.bridge.openWindow('https://127.0.0.1:1/sign-in'), true);
    assert.deepEqual(await page.next((m) => m['event'] === 'harness.openWindow'), { event: 'harness.openWindow', payload: { url: 'https://127.0.0.1:1/sign-in' } });
    page.close();
    stranger.close();
    await stranger.closed();
    await page.closed();
    assert.equal(harness.bridge.openWindow('https://127.0.0.1:1/sign-in'), false, 'with no page there is nowhere to open a window');
  });

  test('a round trip through the socket takes about a millisecond', async (t) => {
    const socket = await authenticated();
    const times: number[] = [];
    for (let id = 1; id <= 300; id++) {
      const start = performance.now();
      socket.send({ id, channel: 'app.info', args: {} });
      await socket.next((m) => m['id'] === id);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p50 = times[150] ?? Number.NaN;
    const p95 = times[285] ?? Number.NaN;
    t.diagnostic(`harness round trip (app.info): p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over 300 calls`);
    assert.ok(p50 < 20, `p50 ${p50} ms`);
    socket.close();
  });

  test('the recorder holds every message both ways, the secret blanked', async () => {
    const lines = (await readFile(recordFile, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { direction: string; message: unknown });
    assert.ok(lines.some((l) => l.direction === 'fromPage' && JSON.stringify(l.message) === '{"auth":"[secret]"}'));
    assert.ok(lines.some((l) => l.direction === 'toPage' && JSON.stringify(l.message).includes('"firstRun":true')));
    assert.ok(lines.some((l) => l.direction === 'fromPage' && l.message === '{"id": 1, "channel": '), 'malformed messages are recorded as text');
    assert.ok(!(await readFile(recordFile, 'utf8')).includes(secret), 'the secret is never written');
  });
});
