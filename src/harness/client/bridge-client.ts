// The browser harness's window.intuneDesk: the same API the preload gives the app (built from the
// contract's lists by buildBridge), carried over the harness's loopback WebSocket instead of IPC.
// Loaded by a classic <script> placed first in <head>, so it runs before the window's modules and
// they find window.intuneDesk as they would in the app.
//
// The page learns the run's secret from the URL fragment (#k=…), keeps it for reloads in this
// tab's session storage, and removes it from the address bar at once, before any other script
// runs. It proves the secret in its first message; calls made before the socket is ready wait.
import type { BridgeResult } from '../../shared/bridge/api.ts';
import { buildBridge } from '../../shared/bridge/build-bridge.ts';

const SECRET_KEY = 'intune-desk-harness-secret';

interface Pending {
  readonly resolve: (result: BridgeResult<unknown>) => void;
  readonly reject: (error: Error) => void;
}

function takeSecret(): string | undefined {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const given = fragment.get('k');
  if (given) {
    sessionStorage.setItem(SECRET_KEY, given);
    fragment.delete('k');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    return given;
  }
  return sessionStorage.getItem(SECRET_KEY) ?? undefined;
}

function connect(secret: string | undefined): { invoke: (channel: string, args: unknown) => Promise<BridgeResult<unknown>>; subscribe: (channel: string, listener: (payload: unknown) => void) => () => void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let ready = false;
  let signIn: SignInWindow | undefined;
  let closedBecause: string | undefined = secret === undefined ? 'this page was opened without the harness secret (open the address "npm run start:web" printed)' : undefined;
  const socket = secret === undefined ? undefined : new WebSocket(`ws://${window.location.host}/bridge`);

  const failAll = (reason: string): void => {
    closedBecause = reason;
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(new Error(reason));
    }
  };

  if (socket) {
    socket.addEventListener('open', () => socket.send(JSON.stringify({ auth: secret })));
    socket.addEventListener('close', (event) => failAll(`the harness closed the connection (${event.code}${event.reason ? `: ${event.reason}` : ''}); restart "npm run start:web" and open the address it prints`));
    socket.addEventListener('message', (event) => {
      let message: { ready?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      if (message.ready === true) {
        ready = true;
        for (const text of queue.splice(0)) socket.send(text);
        return;
      }
      if (typeof message.id === 'number') {
        const call = pending.get(message.id);
        pending.delete(message.id);
        call?.resolve(message.result as BridgeResult<unknown>);
        signIn?.answered(message.id);
        return;
      }
      if (message.event === 'harness.openWindow') {
        const { url, forCall } = (message.payload ?? {}) as { url?: unknown; forCall?: unknown };
        // The call the window was opened for; without one (an older harness), every call in flight.
        const forCalls = typeof forCall === 'number' && pending.has(forCall) ? [forCall] : [...pending.keys()];
        if (typeof url === 'string' && /^https?:\/\//.test(url)) signIn = openSignInWindow(url, forCalls);
        return;
      }
      if (typeof message.event === 'string') {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    });
  }

  return {
    invoke(channel, args) {
      if (!socket || closedBecause !== undefined) return Promise.reject(new Error(closedBecause ?? 'not connected'));
      const id = nextId++;
      const text = JSON.stringify({ id, channel, args });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (ready) socket.send(text);
        else queue.push(text);
      });
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

/**
 * The sign-in page in a window of its own, as the app opens the demo tenant's (or the system
 * browser an Entra tenant's). A browser may block a window that no click opened: then a link
 * at the top of the page opens it instead.
 */
function openSignInWindow(url: string, forCalls: readonly number[]): SignInWindow | undefined {
  const opened = window.open(url, '_blank', 'popup,width=520,height=720');
  if (opened) {
    // The page is opened on behalf of a call still in flight (sign-in, consent for a feature):
    // when that call is answered the sign-in is over, and the window closes, as the app's does.
    const waiting = new Set(forCalls);
    return {
      answered(id) {
        if (!waiting.delete(id)) return;
        if (waiting.size === 0) opened.close();
      },
    };
  }
  const bar = document.createElement('div');
  bar.setAttribute('role', 'alert');
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  for (const [name, value] of Object.entries({ position: 'fixed', top: '0', left: '0', right: '0', padding: '8px', background: '#fff4ce', color: '#000', 'z-index': '2147483647', font: '14px system-ui' })) bar.style.setProperty(name, value);
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'The browser blocked the sign-in window. Open the sign-in page';
  link.addEventListener('click', () => bar.remove());
  bar.append(link);
  document.body.prepend(bar);
  return undefined;
}

interface SignInWindow {
  answered(id: number): void;
}

const api = buildBridge(connect(takeSecret()));
Object.defineProperty(window, 'intuneDesk', { value: api, writable: false, configurable: false, enumerable: true });
