// The browser harness, composed: the desktop host (src/host) on a data folder, the web server
// for the built window, and the bridge's WebSocket between them. Used by `npm run start:web` and
// by tests, which start it in a child process (cli.ts) or in their own.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes, createHash, X509Certificate } from 'node:crypto';
import packageJson from '../../package.json' with { type: 'json' };
import { loadOrCreateTls } from '../emulator/tls/certificates.ts';
import { DesktopHost } from '../host/desktop-host.ts';
import type { DesktopHostOptions } from '../host/desktop-host.ts';
import type { HostPlatform } from '../host/platform.ts';
import { recorderFromEnvironment } from './bridge-recorder.ts';
import { BridgeSocket } from './bridge-socket.ts';
import { CLIENT_FILE, DEFAULT_RENDERER_DIR } from './harness-files.ts';
import { harnessPlatform } from './harness-platform.ts';
import { startWebServer } from './web-server.ts';

/** Something the harness needs is missing (a build step not run): exit 2 with this message. */
export class HarnessSetupError extends Error {
  override readonly name = 'HarnessSetupError';
}

export interface StartHarnessOptions {
  readonly port?: number;
  readonly dataDir?: string;
  readonly devices?: number;
  readonly rendererDir?: string;
  readonly clientFile?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: HostPlatform['log'];
  /** Host knobs for tests (service checks, sync settings). */
  readonly host?: Omit<DesktopHostOptions, 'demoDevices'>;
}

export interface RunningHarness {
  /** The page, with this run's secret in the fragment. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly dataDir: string;
  /** What a browser must trust to show the demo tenant's sign-in pages. */
  readonly demoCertificateSpkiSha256: string;
  readonly host: DesktopHost;
  readonly bridge: BridgeSocket;
  close(): Promise<void>;
}

export async function startHarness(options: StartHarnessOptions = {}): Promise<RunningHarness> {
  const env = options.env ?? process.env;
  const log = options.log ?? stderrLog;
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const clientFile = options.clientFile ?? CLIENT_FILE;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new HarnessSetupError(`The window is not built: ${join(rendererDir, 'index.html')} is missing. Run "npm run build:renderer" first (or give --renderer-dir).`);
  }
  if (!existsSync(clientFile)) throw new HarnessSetupError(`The harness's bridge client is not built: ${clientFile} is missing. Run "npm run build:harness" first.`);
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'intune-desk-web-')) : resolve(options.dataDir);
  const secret = randomBytes(32).toString('base64url');
  // The socket needs the server's port, and the platform and server need the socket: filled in below.
  const wiring: { bridge?: BridgeSocket } = {};
  const platform = harnessPlatform({ dataDir, version: packageJson.version, env, log, openWindow: (url) => wiring.bridge?.openWindow(url) ?? false });
  const host = new DesktopHost(platform, { ...options.host, ...(options.devices !== undefined ? { demoDevices: options.devices } : {}) });
  const web = await startWebServer({
    port: options.port ?? 0,
    rendererDir,
    clientFile,
    bridge: () => wiring.bridge ?? failNotReady(),
    log,
  });
  const recorder = recorderFromEnvironment(env);
  const socket = new BridgeSocket({ origin: web.origin, secret, serve: (channel, raw) => host.serve(channel, raw), log, ...(recorder ? { recorder } : {}) });
  wiring.bridge = socket;
  const unsubscribe = host.onEvent((name, payload) => socket.broadcast(name, payload));
  try {
    await host.start();
  } catch (error) {
    await web.close();
    throw error;
  }
  // The demo tenant keeps its certificates in the data folder: made now if new, reused when it starts.
  const tls = await loadOrCreateTls(join(dataDir, 'demo-tenant', 'tls'));
  let closed = false;
  return {
    url: `${web.origin}/#k=${secret}`,
    origin: web.origin,
    port: web.port,
    dataDir,
    demoCertificateSpkiSha256: spkiHash(tls.serverCertificatePem),
    host,
    bridge: socket,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      socket.close();
      await web.close();
      await host.shutdown();
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function spkiHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

function failNotReady(): never {
  throw new Error('The bridge is not ready yet.');
}

function stderrLog(level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>): void {
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
}
