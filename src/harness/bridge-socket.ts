// The bridge over a loopback WebSocket: the browser harness's stand-in for Electron IPC.
//
// Who may use it: only a page of this harness (the Origin header must be its own origin, which
// a browser sets and a page cannot forge) that knows this run's secret (given to the page in the
// URL fragment, which never reaches a server or a Referer). The first message must prove the
// secret, compared in constant time; anything else closes the socket with 1008 (policy
// violation). The HTTP server has already refused any Host header but 127.0.0.1:<port>, so a
// DNS-rebinding page cannot even reach the upgrade.
//
// Messages are JSON: the page sends {auth} once, then {id, channel, args}; the harness answers
// {id, result} (result: the host's BridgeResult) and pushes {event, payload}. A message that is
// not one of these gets a clear error answer and changes nothing; it never stops the host.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import type { BridgeResult } from '../shared/bridge/api.ts';
import { eventChannel } from '../shared/bridge/channels.ts';
import type { EventName } from '../shared/bridge/channels.ts';
import type { BridgeRecorder } from './bridge-recorder.ts';

/** WebSocket close code 1008: the message broke the endpoint's policy. */
export const POLICY_VIOLATION = 1008;
/** A bridge message never needs more (an export's content travels the other way). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const AUTH_TIMEOUT_MS = 5_000;

export interface BridgeSocketOptions {
  readonly origin: string;
  readonly secret: string;
  readonly serve: (channel: string, raw: unknown) => Promise<BridgeResult<unknown>>;
  readonly recorder?: BridgeRecorder;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class BridgeSocket {
  /** The page call the host is answering, through every await of its answer. */
  private readonly calls = new AsyncLocalStorage<{ readonly ws: WebSocket; readonly id: string | number }>();
  private readonly options: BridgeSocketOptions;
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly pages = new Set<WebSocket>();
  /** The page that spoke last: where a sign-in window opens. */
  private lastActive: WebSocket | undefined;
  private readonly secretDigest: Buffer;

  constructor(options: BridgeSocketOptions) {
    this.options = options;
    this.secretDigest = digest(options.secret);
  }

  /** For the HTTP server's 'upgrade' event on the bridge's path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const origin = request.headers.origin;
      if (origin !== this.options.origin) {
        this.options.log('warn', `Refused a bridge connection from origin ${JSON.stringify(origin ?? null)}.`);
        ws.close(POLICY_VIOLATION, 'This page is not the harness page.');
        return;
      }
      this.accept(ws);
    });
  }

  /** Pushes a host event to every page that proved the secret. */
  broadcast(name: EventName, payload: unknown): void {
    const text = JSON.stringify({ event: eventChannel(name), payload });
    for (const ws of this.pages) this.send(ws, text);
  }

  /**
   * Asks the page to open a window at `url` (a sign-in page); false when no page is connected.
   * Asked while the host answers a page's call (a sign-in, consent for a feature), the window
   * goes to that page with the call's id: the sign-in is over when that call is answered, and
   * the page closes the window then, as the app closes its own.
   */
  openWindow(url: string): boolean {
    const caller = this.calls.getStore();
    const target = caller?.ws.readyState === WebSocket.OPEN ? caller.ws : this.lastActive?.readyState === WebSocket.OPEN ? this.lastActive : [...this.pages].at(-1);
    if (!target) return false;
    this.send(target, JSON.stringify({ event: 'harness.openWindow', payload: { url, ...(caller && caller.ws === target ? { forCall: caller.id } : {}) } }));
    return true;
  }

  get connectedPages(): number {
    return this.pages.size;
  }

  close(): void {
    for (const ws of this.server.clients) ws.terminate();
    this.server.close();
  }

  private accept(ws: WebSocket): void {
    let proven = false;
    const timer = setTimeout(() => ws.close(POLICY_VIOLATION, 'The secret was not proven in time.'), AUTH_TIMEOUT_MS);
    ws.on('error', (error) => this.options.log('warn', `Bridge connection error: ${error.message}`));
    ws.on('close', () => {
      clearTimeout(timer);
      this.pages.delete(ws);
      if (this.lastActive === ws) this.lastActive = undefined;
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : textOf(data);
      if (text !== undefined) this.options.recorder?.record('fromPage', text);
      if (!proven) {
        clearTimeout(timer);
        if (text === undefined || !this.proves(text)) {
          this.options.log('warn', 'Refused a bridge connection: its first message did not prove the secret.');
          ws.close(POLICY_VIOLATION, 'The first message must prove the secret.');
          return;
        }
        proven = true;
        this.pages.add(ws);
        this.lastActive = ws;
        this.send(ws, JSON.stringify({ ready: true }));
        return;
      }
      this.lastActive = ws;
      void this.answer(ws, text);
    });
  }

  private proves(text: string): boolean {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return false;
    }
    if (typeof message !== 'object' || message === null || Object.keys(message).length !== 1) return false;
    const secret = (message as { auth?: unknown }).auth;
    return typeof secret === 'string' && timingSafeEqual(digest(secret), this.secretDigest);
  }

  private async answer(ws: WebSocket, text: string | undefined): Promise<void> {
    const call = parseCall(text);
    if ('error' in call) {
      this.send(ws, JSON.stringify({ id: call.id, result: { ok: false, problem: { code: 'badRequest', message: call.error } } }));
      return;
    }
    let result: BridgeResult<unknown>;
    try {
      const { id } = call;
      result = await this.calls.run({ ws, id }, () => this.options.serve(call.channel, call.args));
    } catch (error) {
      // serve() answers failures as values; a throw is a bug, and the page still gets an answer.
      this.options.log('error', `The host threw on ${call.channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      result = { ok: false, problem: { code: 'internal', message: 'Intune Desk hit an unexpected error; the harness log has the details.' } };
    }
    this.send(ws, JSON.stringify({ id: call.id, result }));
  }

  private send(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    this.options.recorder?.record('toPage', text);
    ws.send(text);
  }
}

type Call = { readonly id: string | number; readonly channel: string; readonly args: unknown } | { readonly id: string | number | null; readonly error: string };

/** `{id, channel, args}`, or what is wrong with the message (with its id when it had a usable one). */
function parseCall(text: string | undefined): Call {
  if (text === undefined) return { id: null, error: 'Bridge messages are JSON text; a binary message was received.' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return { id: null, error: `The message is not JSON (${error instanceof Error ? error.message : String(error)}). Send {"id", "channel", "args"}.` };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { id: null, error: 'The message must be a JSON object {"id", "channel", "args"}.' };
  const m = message as Record<string, unknown>;
  const id = m['id'];
  const usableId = (typeof id === 'string' && id.length > 0 && id.length <= 64) || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
  if (usableId === null) return { id: null, error: 'The message needs an "id": a number, or text of up to 64 characters.' };
  const extra = Object.keys(m).filter((k) => k !== 'id' && k !== 'channel' && k !== 'args');
  if (extra.length > 0) return { id: usableId, error: `Unknown field${extra.length === 1 ? '' : 's'} ${extra.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} in the message; send {"id", "channel", "args"}.` };
  if (typeof m['channel'] !== 'string') return { id: usableId, error: 'The message needs a "channel", such as "devices.window".' };
  return { id: usableId, channel: m['channel'], args: m['args'] };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
