// The built preload (dist/preload/index.cjs, as the app loads it) run in a node:vm context with a
// fake `electron` that has only contextBridge and ipcRenderer (Electron's binary cannot run here).
// What the window gets must be exactly the contract's API, calls must go to their channels,
// unsubscribing must remove the listener, and neither ipcRenderer nor an IPC event may escape.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import vm from 'node:vm';
import { buildPreload } from '../../scripts/build-electron.ts';
import { EVENTS, METHODS } from '../../src/shared/bridge/channels.ts';

type Listener = (event: unknown, payload: unknown) => void;

interface Loaded {
  readonly exposed: Map<string, unknown>;
  readonly required: string[];
  readonly invocations: { channel: string; args: unknown }[];
  readonly listeners: Map<string, Set<Listener>>;
  readonly ipcRenderer: object;
  /** Sends an event from "main": structured-cloned into the preload's realm, with an event whose sender is ipcRenderer. */
  emit(channel: string, payload: unknown): void;
}

let dir: string;
let code: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intune-desk-preload-'));
  const { file, imports } = await buildPreload(dir);
  assert.deepEqual(imports, ['electron'], 'the bundler left only electron outside');
  code = readFileSync(file, 'utf8');
});

after(() => rmSync(dir, { recursive: true, force: true }));

function load(): Loaded {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const invocations: { channel: string; args: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const context = vm.createContext({});
  // Values crossing IPC are structured clones made in the receiving realm.
  const clone = (value: unknown): unknown => (value === undefined ? undefined : (vm.runInContext('JSON.parse', context) as (t: string) => unknown)(JSON.stringify(value)));
  const ipcRenderer = {
    invoke(channel: string, args: unknown): Promise<unknown> {
      invocations.push({ channel, args: JSON.parse(JSON.stringify(args ?? null)) as unknown });
      return (vm.runInContext('(v) => Promise.resolve(v)', context) as (v: unknown) => Promise<unknown>)(clone({ ok: true, value: { channel } }));
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        exposed.set(key, api);
      },
    },
    ipcRenderer,
  };
  context['require'] = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  context['module'] = module;
  context['exports'] = module.exports;
  vm.runInContext(code, context, { filename: 'dist/preload/index.cjs' });
  const emit = (channel: string, payload: unknown): void => {
    const event = { sender: ipcRenderer, senderId: 0, ports: [] };
    for (const listener of listeners.get(channel) ?? []) listener(event, clone(payload));
  };
  return { exposed, required, invocations, listeners, ipcRenderer, emit };
}

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>;

function api(loaded: Loaded): Api {
  return loaded.exposed.get('intuneDesk') as Api;
}

test('the bundle is one CommonJS file that requires electron and nothing else', () => {
  const requires = [...code.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
  assert.deepEqual([...new Set(requires)], ['electron']);
  assert.doesNotMatch(code, /\bimport\s*\(|^\s*import\s|^\s*export\s/m, 'no ESM syntax in a sandboxed preload');
  const loaded = load();
  assert.deepEqual(loaded.required, ['electron']);
});

test('exactly window.intuneDesk is exposed, with exactly the contract\'s methods and events', () => {
  const loaded = load();
  assert.deepEqual([...loaded.exposed.keys()], ['intuneDesk']);
  const exposed = api(loaded);
  assert.deepEqual(Object.keys(exposed).sort(), [...Object.keys(METHODS), 'on'].sort());
  for (const [namespace, methods] of Object.entries(METHODS)) {
    assert.deepEqual(Object.keys(exposed[namespace] ?? {}).sort(), [...methods].sort(), namespace);
    for (const method of methods) assert.equal(typeof exposed[namespace]?.[method], 'function', `${namespace}.${method}`);
  }
  assert.deepEqual(Object.keys(exposed['on'] ?? {}).sort(), [...EVENTS].sort());
});

test('each method invokes its own channel with the argument given', async () => {
  const loaded = load();
  const exposed = api(loaded);
  for (const [namespace, methods] of Object.entries(METHODS)) {
    for (const method of methods) {
      const answer = await exposed[namespace]?.[method]?.({ probe: `${namespace}.${method}` });
      assert.deepEqual(JSON.parse(JSON.stringify(answer)), { ok: true, value: { channel: `${namespace}.${method}` } });
    }
  }
  const expected = Object.entries(METHODS).flatMap(([n, ms]) => ms.map((m) => ({ channel: `${n}.${m}`, args: { probe: `${n}.${m}` } })));
  assert.deepEqual(loaded.invocations, expected);
  await exposed['app']?.['info']?.();
  assert.deepEqual(loaded.invocations.at(-1), { channel: 'app.info', args: {} });
});

test('events reach the listener as the payload alone; unsubscribing removes the IPC listener', () => {
  const loaded = load();
  const exposed = api(loaded);
  for (const name of EVENTS) {
    const heard: unknown[][] = [];
    const unsubscribe = exposed['on']?.[name]?.((...args: unknown[]) => void heard.push(args)) as () => void;
    assert.equal(loaded.listeners.get(`event.${name}`)?.size, 1, `subscribed on event.${name}`);
    loaded.emit(`event.${name}`, { running: true, deviceCount: 3 });
    assert.equal(heard.length, 1);
    assert.equal(heard[0]?.length, 1, 'one argument: no event object');
    assert.deepEqual(JSON.parse(JSON.stringify(heard[0]?.[0])), { running: true, deviceCount: 3 });
    unsubscribe();
    assert.equal(loaded.listeners.get(`event.${name}`)?.size, 0, `event.${name} listener removed`);
    loaded.emit(`event.${name}`, { late: true });
    assert.equal(heard.length, 1, 'nothing after unsubscribing');
  }
});

test('no ipcRenderer, IPC event or Electron object is reachable from what the window gets', async () => {
  const loaded = load();
  const exposed = api(loaded);
  const seen = new Set<unknown>();
  const reachable: unknown[] = [];
  const walk = (value: unknown): void => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    reachable.push(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) walk(descriptor.value);
    }
    walk(Object.getPrototypeOf(value));
  };
  walk(exposed);
  // What calls and events hand back is part of what the window gets, too.
  walk(await exposed['sync']?.['state']?.({}));
  const heard: unknown[] = [];
  const stop = exposed['on']?.['syncState']?.((...args: unknown[]) => void heard.push(...args)) as () => void;
  loaded.emit('event.syncState', { running: false });
  walk(heard);
  walk(stop);
  assert.ok(!reachable.includes(loaded.ipcRenderer), 'ipcRenderer escaped');
  for (const value of reachable) {
    if (typeof value === 'object' && value !== null) {
      assert.ok(!('sender' in value), 'an IPC event escaped');
      assert.ok(!('invoke' in value && 'removeListener' in value), 'something ipcRenderer-like escaped');
    }
  }
  assert.equal(heard.length, 1);
});

test('the API is frozen: the window cannot swap a method for its own', () => {
  const exposed = api(load());
  assert.ok(Object.isFrozen(exposed));
  assert.ok(Object.isFrozen(exposed['devices']));
  assert.throws(() => {
    'use strict';
    (exposed['devices'] as Record<string, unknown>)['runAction'] = () => undefined;
  }, TypeError);
});
