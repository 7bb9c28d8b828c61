// buildBridge: window.intuneDesk made from the contract's lists, over a transport that records
// what it is asked, as the preload's IPC and the harness's WebSocket do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BridgeResult, IntuneDeskApi } from '../../src/shared/bridge/api.ts';
import { buildBridge } from '../../src/shared/bridge/build-bridge.ts';
import type { BridgeTransport } from '../../src/shared/bridge/build-bridge.ts';
import { CHANNELS, EVENTS, METHODS, eventChannel } from '../../src/shared/bridge/channels.ts';

interface Recorded extends BridgeTransport {
  readonly calls: { channel: string; args: unknown }[];
  readonly listeners: Map<string, Set<(payload: unknown) => void>>;
  emit(channel: string, payload: unknown): void;
}

function recordingTransport(answer: (channel: string, args: unknown) => Promise<BridgeResult<unknown>> = async (channel) => ({ ok: true, value: { channel, nested: { list: [1, 2] } } })): Recorded {
  const calls: { channel: string; args: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    calls,
    listeners,
    invoke(channel, args) {
      calls.push({ channel, args });
      return answer(channel, args);
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
  };
}

function method(api: IntuneDeskApi, channel: string): (args?: unknown) => Promise<BridgeResult<unknown>> {
  const [namespace = '', name = ''] = channel.split('.');
  const found = (api as unknown as Record<string, Record<string, unknown>>)[namespace]?.[name];
  assert.equal(typeof found, 'function', `window.intuneDesk.${channel} is missing`);
  return found as (args?: unknown) => Promise<BridgeResult<unknown>>;
}

describe('buildBridge', () => {
  test('every METHOD is a function that sends its own channel, and nothing else is there', async () => {
    const transport = recordingTransport();
    const api = buildBridge(transport);
    for (const channel of CHANNELS) {
      const result = await method(api, channel)({ marker: channel });
      assert.deepEqual(result, { ok: true, value: { channel, nested: { list: [1, 2] } } });
    }
    assert.deepEqual(transport.calls.map((c) => c.channel), [...CHANNELS]);
    assert.deepEqual(transport.calls.map((c) => (c.args as { marker: string }).marker), [...CHANNELS], 'each call carries its own arguments');
    assert.deepEqual(Object.keys(api).sort(), [...Object.keys(METHODS), 'on'].sort());
    for (const [namespace, names] of Object.entries(METHODS)) {
      assert.deepEqual(Object.keys((api as unknown as Record<string, object>)[namespace] ?? {}).sort(), [...names].sort());
    }
    assert.deepEqual(Object.keys(api.on).sort(), [...EVENTS].sort());
  });

  test('a call without arguments sends the empty object the contract asks for', async () => {
    const transport = recordingTransport();
    const api = buildBridge(transport);
    await (api.app.info as unknown as () => Promise<unknown>)();
    assert.deepEqual(transport.calls[0], { channel: 'app.info', args: {} });
  });

  test('results are frozen plain data: no prototype, function or class instance reaches the window', async () => {
    class Secretive {
      readonly token = 'eyJ.x.y';
    }
    const api = buildBridge(recordingTransport(async () => ({ ok: true, value: { rows: [{ id: 'a' }], when: new Date(0), fn: () => 1, object: new Secretive(), nothing: null } })));
    const result = await api.devices.window({ offset: 0, limit: 1 });
    assert.ok(result.ok);
    assert.deepEqual(result.value, { rows: [{ id: 'a' }], nothing: null });
    assert.ok(Object.isFrozen(result) && Object.isFrozen(result.value) && Object.isFrozen(result.value.rows) && Object.isFrozen(result.value.rows[0]));
    assert.throws(() => {
      (result.value.rows as unknown as { id: string }[]).push({ id: 'b' });
    }, TypeError);
    assert.ok(Object.isFrozen(api) && Object.isFrozen(api.devices) && Object.isFrozen(api.on), 'the API object cannot be changed under the window');
  });

  test('a transport that fails still answers with a value: the contract\'s failures are values', async () => {
    const api = buildBridge(recordingTransport(async () => {
      throw new Error('socket closed (1006)');
    }));
    const result = await api.tenants.setup({});
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.problem.code, 'internal');
      assert.match(result.problem.message, /did not answer tenants\.setup \(socket closed \(1006\)\)/);
    }
    const odd = buildBridge(recordingTransport(async () => ({ status: 200 }) as unknown as BridgeResult<unknown>));
    const answer = await odd.tenants.setup({});
    assert.equal(answer.ok, false, 'an answer that is not a BridgeResult is not passed off as one');
  });

  test('every EVENT subscribes on its event channel; the payload arrives frozen; unsubscribe stops it', () => {
    const transport = recordingTransport();
    const api = buildBridge(transport);
    for (const name of EVENTS) {
      const heard: unknown[] = [];
      const subscribe = api.on[name] as (listener: (payload: unknown) => void) => () => void;
      const unsubscribe = subscribe((payload) => heard.push(payload));
      assert.equal(transport.listeners.get(eventChannel(name))?.size, 1, `on.${name} listens on ${eventChannel(name)}`);
      transport.emit(eventChannel(name), { n: 1 });
      assert.deepEqual(heard, [{ n: 1 }]);
      assert.ok(Object.isFrozen(heard[0]));
      unsubscribe();
      unsubscribe();
      assert.equal(transport.listeners.get(eventChannel(name))?.size, 0, 'the transport listener is removed');
      transport.emit(eventChannel(name), { n: 2 });
      assert.equal(heard.length, 1, 'nothing after unsubscribe');
    }
  });

  test('two subscribers of one event are independent', () => {
    const transport = recordingTransport();
    const api = buildBridge(transport);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on.syncState((s) => a.push(s));
    api.on.syncState((s) => b.push(s));
    offA();
    transport.emit('event.syncState', { running: true });
    assert.deepEqual([a.length, b.length], [0, 1]);
  });
});
