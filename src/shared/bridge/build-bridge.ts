// window.intuneDesk, built from the contract's lists (METHODS, EVENTS) over whatever carries the
// messages: Electron IPC in the preload, the harness's WebSocket in the browser. Nothing is
// listed by hand, so a channel added to the contract reaches the window with no other change, and
// the window can reach nothing else.
//
// What the window gets back is plain data, frozen: a result cannot be changed under the code that
// holds it, and no class instance or function crosses. A transport that throws (the socket
// closed, the host went away) still answers with a value: the contract's failures are values.
//
// Imports nothing from Node or the browser: the preload bundles it, and so does the harness client.
import type { BridgeEvents, BridgeResult, IntuneDeskApi, Problem } from './api.ts';
import { EVENTS, METHODS, eventChannel } from './channels.ts';
import type { Channel, EventName } from './channels.ts';

export interface BridgeTransport {
  /** Sends one call; resolves with the host's answer. May reject when the carrier fails. */
  invoke(channel: Channel, args: unknown): Promise<BridgeResult<unknown>>;
  /** Listens on `event.<name>`; returns the unsubscribe. */
  subscribe(eventChannel: `event.${EventName}`, listener: (payload: unknown) => void): () => void;
}

type Method = (args?: unknown) => Promise<BridgeResult<unknown>>;
type Subscribe = (listener: (payload: unknown) => void) => () => void;

export function buildBridge(transport: BridgeTransport): IntuneDeskApi {
  const api: Record<string, Readonly<Record<string, Method | Subscribe>>> = {};
  for (const [namespace, methods] of Object.entries(METHODS)) {
    const calls: Record<string, Method> = {};
    for (const method of methods) calls[method] = callOf(transport, `${namespace}.${method}` as Channel);
    api[namespace] = Object.freeze(calls);
  }
  const on: Record<string, Subscribe> = {};
  for (const name of EVENTS) on[name] = subscriberOf(transport, name);
  api['on'] = Object.freeze(on);
  // One cast, here: the object above is built from the same lists the API type is checked against (channels.ts).
  return Object.freeze(api) as unknown as IntuneDeskApi;
}

function callOf(transport: BridgeTransport, channel: Channel): Method {
  return async (args?: unknown) => {
    let answer: unknown;
    try {
      // A call with no arguments (`app.info()`) means the empty object the contract asks for.
      answer = await transport.invoke(channel, args === undefined ? {} : args);
    } catch (error) {
      return failure({ code: 'internal', message: `Intune Desk's host did not answer ${channel} (${reasonOf(error)}). Restart Intune Desk; if it happens again, send its log to support.` });
    }
    if (!isBridgeResult(answer)) return failure({ code: 'internal', message: `Intune Desk's host answered ${channel} with something that is not a result.` });
    return frozenCopy(answer) as BridgeResult<unknown>;
  };
}

function subscriberOf(transport: BridgeTransport, name: EventName): Subscribe {
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError(`on.${name} takes a function.`);
    let subscribed = true;
    const unsubscribe = transport.subscribe(eventChannel(name), (payload) => {
      if (subscribed) listener(frozenCopy(payload) as BridgeEvents[typeof name]);
    });
    return () => {
      // Safe to call twice; after the first call no payload reaches the listener, even one already on its way.
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
    };
  };
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; problem?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.problem !== 'object' || v.problem === null) return false;
  const p = v.problem as { code?: unknown; message?: unknown };
  return typeof p.code === 'string' && typeof p.message === 'string';
}

/**
 * A deep copy of JSON-like data, frozen: arrays and plain objects are copied, anything else that
 * is not a primitive (a Date, a Map, a function, an object with a prototype) becomes undefined, so
 * the window never holds more than data.
 */
function frozenCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? undefined : value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const copied = frozenCopy(item);
    if (copied !== undefined) out[key] = copied;
  }
  return Object.freeze(out);
}

function failure(problem: Problem): BridgeResult<never> {
  return Object.freeze({ ok: false as const, problem: Object.freeze(problem) });
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
