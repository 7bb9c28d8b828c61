// The main process's IPC wiring against a fake ipcMain (Electron's binary cannot run here):
// every channel registered once, a wrong sender refused before the host is called, events sent
// to our window only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BridgeResult } from '../../src/shared/bridge/api.ts';
import { CHANNELS, EVENTS } from '../../src/shared/bridge/channels.ts';
import type { EventName } from '../../src/shared/bridge/channels.ts';
import type { BridgeHost } from '../../src/main/bridge-host.ts';
import { forwardEvents, registerBridge } from '../../src/main/ipc/register-bridge.ts';
import type { InvokeRegistry } from '../../src/main/ipc/register-bridge.ts';
import type { SenderFrame } from '../../src/main/security/trusted-sender.ts';

type Handler = Parameters<InvokeRegistry['handle']>[1];
type InvokeEvent = Parameters<Handler>[0];

class FakeIpcMain implements InvokeRegistry {
  readonly handlers = new Map<string, Handler>();
  readonly registrations: string[] = [];
  handle(channel: string, listener: Handler): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
    this.registrations.push(channel);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frame: SenderFrame | null, arg: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame } as unknown as InvokeEvent, arg);
  }
}

class RecordingHost implements BridgeHost {
  readonly calls: { channel: string; raw: unknown }[] = [];
  private listener: ((name: EventName, payload: unknown) => void) | undefined;
  throwOn: string | undefined;
  async serve(channel: string, raw: unknown): Promise<BridgeResult<unknown>> {
    this.calls.push({ channel, raw });
    if (channel === this.throwOn) throw new Error('boom with eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.');
    return { ok: true, value: { served: channel } };
  }
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }
  emit(name: string, payload: unknown): void {
    this.listener?.(name as EventName, payload);
  }
  async shutdown(): Promise<void> {}
}

const ourFrame: SenderFrame = { url: 'app://intune-desk/index.html', origin: 'app://intune-desk', parent: null, processId: 4, frameToken: 'main-frame' };
const other = (url: string, origin: string, parent: SenderFrame | null = null, frameToken = 'other-frame'): SenderFrame => ({ url, origin, parent, processId: 5, frameToken });

function wire(): { ipc: FakeIpcMain; host: RecordingHost; logs: string[]; unregister: () => void } {
  const ipc = new FakeIpcMain();
  const host = new RecordingHost();
  const logs: string[] = [];
  const unregister = registerBridge(ipc, { host, mainFrame: () => ourFrame, log: (level, message) => logs.push(`${level}: ${message}`) });
  return { ipc, host, logs, unregister };
}

test('every channel of the contract is registered exactly once, and nothing else', () => {
  const { ipc } = wire();
  assert.equal(ipc.registrations.length, CHANNELS.length);
  assert.deepEqual([...ipc.registrations].sort(), [...CHANNELS].sort());
  assert.equal(new Set(ipc.registrations).size, ipc.registrations.length);
  assert.ok(ipc.registrations.includes('devices.runAction'));
});

test('our main frame reaches the host, with the argument as sent', async () => {
  const { ipc, host } = wire();
  const answer = await ipc.invoke('devices.window', ourFrame, { offset: 0, limit: 100 });
  assert.deepEqual(answer, { ok: true, value: { served: 'devices.window' } });
  assert.deepEqual(host.calls, [{ channel: 'devices.window', raw: { offset: 0, limit: 100 } }]);
});

test('a wrong sender is refused before the host is called', async () => {
  const { ipc, host, logs } = wire();
  const strangers: (SenderFrame | null)[] = [
    null,
    other('app://intune-desk/index.html', 'app://intune-desk'), // another window, same page
    { ...other('app://intune-desk/frame.html', 'app://intune-desk', ourFrame), processId: 4 },
    other('file:///tmp/evil.html', 'file://'),
    other('https://evil.example/', 'https://evil.example'),
    // Our own frame, navigated away: same token and process, another page.
    { ...ourFrame, url: 'https://evil.example/', origin: 'https://evil.example' },
  ];
  for (const frame of strangers) {
    const answer = await ipc.invoke('devices.runAction', frame, { id: 'd1', action: 'remoteLock' });
    assert.deepEqual(answer, { ok: false, problem: { code: 'forbidden', message: 'Only the Intune Desk window may use this.' } });
  }
  assert.deepEqual(host.calls, [], 'the host never saw a refused call');
  assert.equal(logs.filter((l) => l.startsWith('warn: Refused a bridge call on devices.runAction')).length, strangers.length);
});

test('a refused sender is refused on every channel', async () => {
  const { ipc, host } = wire();
  const stranger = other('https://evil.example/', 'https://evil.example');
  for (const channel of CHANNELS) {
    const answer = (await ipc.invoke(channel, stranger, {})) as BridgeResult<unknown>;
    assert.equal(answer.ok, false, channel);
  }
  assert.equal(host.calls.length, 0);
});

test('a host that throws still answers a value, without the error text', async () => {
  const { ipc, host, logs } = wire();
  host.throwOn = 'sync.start';
  const answer = (await ipc.invoke('sync.start', ourFrame, {})) as BridgeResult<unknown>;
  assert.equal(answer.ok, false);
  assert.equal(!answer.ok && answer.problem.code, 'internal');
  assert.doesNotMatch(JSON.stringify(answer), /eyJ/);
  assert.ok(logs.some((l) => l.startsWith('error: The host threw on sync.start')));
});

test('unregistering removes every handler', () => {
  const { ipc, unregister } = wire();
  unregister();
  assert.equal(ipc.handlers.size, 0);
});

test('events go to our window on their event channel, and only known ones', () => {
  const host = new RecordingHost();
  const sent: { channel: string; payload: unknown }[] = [];
  let destroyed = false;
  const window = { isDestroyed: () => destroyed, send: (channel: string, payload: unknown) => void sent.push({ channel, payload }) };
  const stop = forwardEvents(host, () => window);
  for (const name of EVENTS) host.emit(name, { name });
  host.emit('tokenLeak', { secret: true });
  assert.deepEqual(sent.map((s) => s.channel), EVENTS.map((name) => `event.${name}`));
  destroyed = true;
  host.emit('syncState', {});
  assert.equal(sent.length, EVENTS.length, 'nothing is sent to a destroyed window');
  stop();
  destroyed = false;
  host.emit('syncState', {});
  assert.equal(sent.length, EVENTS.length, 'nothing after unsubscribing');
});

test('a disposed frame, which throws when read, is refused rather than crashing the handler', async () => {
  const { ipc, host } = wire();
  const disposed = new Proxy({} as SenderFrame, { get: () => { throw new Error('Render frame was disposed before WebFrameMain could be accessed'); } });
  const answer = (await ipc.invoke('tenants.setup', disposed, {})) as BridgeResult<unknown>;
  assert.equal(answer.ok, false);
  assert.equal(host.calls.length, 0);
});
