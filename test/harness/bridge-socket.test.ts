// Which call a sign-in window belongs to: the harness tells the page, so the page closes the
// window when that call is answered and not when every call that happened to be in flight is
// (a long call in flight kept the window open after the sign-in was over).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { BridgeSocket } from '../../src/harness/bridge-socket.ts';
import { openSocket } from './helpers/bridge-client.ts';

const ORIGIN = 'http://127.0.0.1:1';
const SECRET = 'a-secret-for-this-test-only';

test('a window asked for while the host answers a call names that call; one asked for outside any call names none', async () => {
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const bridge: BridgeSocket = new BridgeSocket({
    origin: ORIGIN,
    secret: SECRET,
    log: () => undefined,
    serve: async (channel) => {
      if (channel === 'slow') await slow;
      if (channel === 'signIn') {
        // As MSAL does: a few awaits in, then the browser opener.
        await delay(5);
        bridge.openWindow('https://127.0.0.1:2/authorize');
        await delay(5);
      }
      return { ok: true, value: channel };
    },
  });
  const server = createServer();
  server.on('upgrade', (request, socket, head) => bridge.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const page = await openSocket((server.address() as AddressInfo).port, ORIGIN);
    page.send({ auth: SECRET });
    await page.next((m) => m['ready'] === true);
    page.send({ id: 1, channel: 'slow', args: {} });
    page.send({ id: 2, channel: 'signIn', args: {} });
    const opened = await page.next((m) => m['event'] === 'harness.openWindow');
    assert.deepEqual(opened['payload'], { url: 'https://127.0.0.1:2/authorize', forCall: 2 });
    assert.equal(((await page.next((m) => m['id'] === 2))['result'] as { value: string }).value, 'signIn');

    bridge.openWindow('https://127.0.0.1:2/other');
    assert.deepEqual((await page.next((m) => m['event'] === 'harness.openWindow' && (m['payload'] as { url: string }).url.endsWith('/other')))['payload'], { url: 'https://127.0.0.1:2/other' });
    release();
    await page.next((m) => m['id'] === 1);
    page.close();
    await page.closed();
  } finally {
    bridge.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
