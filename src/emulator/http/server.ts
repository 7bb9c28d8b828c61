// One HTTPS listener on loopback, split by path the way the real hosts split:
// /v1.0 and /beta are Microsoft Graph, /_emulator is the test admin surface,
// everything else is the Entra ID authority.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OptionsError } from '../options.ts';
import { sendJson } from './send.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
export type MaybeHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface ServerRoutes {
  readonly graph: RequestHandler;
  readonly admin: RequestHandler;
  readonly identity: MaybeHandler;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpsServer(
  tls: { readonly cert: string; readonly key: string },
  port: number,
  routes: ServerRoutes,
  log: (message: string) => void,
): Promise<RunningServer> {
  const server = https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => {
    void route(req, res, routes, log);
  });
  // Clients keep connections open for paging; match the service's generous idle timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => reject(listenError(error, port));
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port someone else holds is the caller's option to change, so it reads like one. */
function listenError(error: Error & { readonly code?: string }, port: number): Error {
  if (error.code === 'EADDRINUSE') return new OptionsError(`Port ${port} on 127.0.0.1 is already in use; choose another --port, or 0 for any free one.`);
  if (error.code === 'EACCES') return new OptionsError(`Port ${port} on 127.0.0.1 needs privileges this process lacks; choose a --port above 1023, or 0 for any free one.`);
  return error;
}

async function route(req: IncomingMessage, res: ServerResponse, routes: ServerRoutes, log: (m: string) => void): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'https://127.0.0.1');
  } catch {
    sendJson(res, 400, { error: { code: 'BadRequest', message: 'The request URL is not valid.' } });
    return;
  }
  try {
    const first = url.pathname.split('/')[1] ?? '';
    if (first === 'v1.0' || first === 'beta') {
      await routes.graph(req, res, url);
    } else if (first === '_emulator') {
      await routes.admin(req, res, url);
    } else if (!(await routes.identity(req, res, url))) {
      sendJson(res, 404, { error: 'not_found', error_description: `Nothing is served at ${url.pathname}.` });
    }
  } catch (error) {
    log(`Unhandled error for ${req.method ?? ''} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalServerError', message: 'The demo tenant hit an internal error; see its log.' } });
    else res.destroy();
  }
}
