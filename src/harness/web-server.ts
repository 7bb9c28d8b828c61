// The harness's web server on 127.0.0.1: the built window (dist/renderer) with the harness's
// bridge client added to index.html, under the same strict Content-Security-Policy the app uses,
// plus the bridge's WebSocket on /bridge.
//
// It serves files under the two build folders and nothing else, answers only GET and HEAD, and
// only to requests addressed to 127.0.0.1:<port> (a page on another name that resolves here, a
// DNS-rebinding attack, gets 421).
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, sep } from 'node:path';
import { contentTypeOf } from '../main/app-protocol/content-types.ts';
import { CONTENT_SECURITY_POLICY } from '../main/app-protocol/security-headers.ts';
import type { BridgeSocket } from './bridge-socket.ts';

export const BRIDGE_PATH = '/bridge';
/** Where the page loads the bridge client from; outside the renderer's own paths. */
export const CLIENT_PATH = '/__harness/bridge-client.js';


export interface WebServerOptions {
  readonly port: number;
  readonly rendererDir: string;
  /** The built bridge client (dist/harness/bridge-client.js). */
  readonly clientFile: string;
  readonly bridge: () => BridgeSocket;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface WebServer {
  readonly port: number;
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * The CSP of the harness page: the app's own (src/main/app-protocol/security-headers.ts), with
 * the bridge's WebSocket as the only connection allowed.
 */
export function contentSecurityPolicy(port: number): string {
  const policy = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", `connect-src ws://127.0.0.1:${port}`);
  if (policy === CONTENT_SECURITY_POLICY) throw new Error("The app's CSP no longer has connect-src 'none' for the harness to replace");
  return policy;
}

/** index.html with the bridge client's script first in <head>, so window.intuneDesk exists before the window's own modules run. */
export function withBridgeClient(html: string): string {
  const tag = `<script src="${CLIENT_PATH}"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('The renderer\'s index.html has no <head>; the harness cannot add its bridge client.');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const rendererRoot = await realpath(options.rendererDir);
  let port = options.port;
  const server: Server = createServer((request, response) => {
    handle(request, response, port, rendererRoot, options).catch((error: unknown) => {
      options.log('error', `Serving ${request.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) respond(response, 500, 'text/plain; charset=utf-8', 'The harness could not serve this.', port);
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.headers.host !== `127.0.0.1:${port}` || url.pathname !== BRIDGE_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    options.bridge().handleUpgrade(request, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, port: number, rendererRoot: string, options: WebServerOptions): Promise<void> {
  if (request.headers.host !== `127.0.0.1:${port}`) {
    respond(response, 421, 'text/plain; charset=utf-8', 'This harness answers only at 127.0.0.1.', port);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    respond(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.', port);
    return;
  }
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    respond(response, 400, 'text/plain; charset=utf-8', 'Bad path.', port);
    return;
  }
  if (pathname === CLIENT_PATH) {
    await sendFile(response, options.clientFile, port, request.method === 'HEAD');
    return;
  }
  if (pathname === '/' || pathname === '/index.html') {
    const html = withBridgeClient(await readFile(join(rendererRoot, 'index.html'), 'utf8'));
    respond(response, 200, contentTypeOf('index.html'), html, port, { 'Cache-Control': 'no-store' }, request.method === 'HEAD');
    return;
  }
  const file = await inside(rendererRoot, pathname);
  if (!file) {
    respond(response, 404, 'text/plain; charset=utf-8', 'Not found.', port);
    return;
  }
  await sendFile(response, file, port, request.method === 'HEAD');
}

/** The real path of `pathname` under `root`, if it is a file there (no `..`, no symlink out). */
async function inside(root: string, pathname: string): Promise<string | undefined> {
  if (pathname.includes('\0') || pathname.split('/').some((part) => part === '..')) return undefined;
  try {
    const real = await realpath(join(root, pathname));
    if (!real.startsWith(root + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(response: ServerResponse, file: string, port: number, headOnly: boolean): Promise<void> {
  const body = await readFile(file);
  respond(response, 200, contentTypeOf(file), body, port, {}, headOnly);
}

function respond(response: ServerResponse, status: number, type: string, body: string | Buffer, port: number, extra: Readonly<Record<string, string>> = {}, headOnly = false): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
    ...extra,
  });
  response.end(headOnly ? undefined : body);
}
