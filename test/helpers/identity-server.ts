// The identity service behind a real HTTPS loopback server, for tests of the identity side
// on its own (the full demo tenant also routes Graph and admin; this routes only identity).
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/emulator/clock.ts';
import { systemClock } from '../../src/emulator/clock.ts';
import { demoDirectory } from '../../src/emulator/directory/demo-directory.ts';
import { createIdentityService } from '../../src/emulator/identity/service.ts';
import type { IdentityService } from '../../src/emulator/identity/service.ts';
import { loadOrCreateTls } from '../../src/emulator/tls/certificates.ts';

export interface IdentityServer {
  readonly baseUrl: string;
  readonly host: string;
  readonly caCertificate: string;
  /** The leaf certificate, for pinning in Chromium. */
  readonly serverCertificate: string;
  readonly identity: IdentityService;
  readonly dataDir: string;
  /** Lines the service logged. */
  readonly logs: readonly string[];
  stop(): Promise<void>;
}

export interface IdentityServerOptions {
  readonly clock?: Clock;
  /** Reuse a folder (to test restarts); a temporary one is made and removed otherwise. */
  readonly dataDir?: string;
}

export async function startIdentityServer(options: IdentityServerOptions = {}): Promise<IdentityServer> {
  const ownFolder = options.dataDir === undefined;
  const dataDir = options.dataDir ?? await mkdtemp(join(tmpdir(), 'intune-desk-identity-'));
  const tls = await loadOrCreateTls(dataDir);
  const logs: string[] = [];
  let baseUrl = '';
  const identity = await createIdentityService({
    directory: demoDirectory(),
    baseUrl: () => baseUrl,
    clock: options.clock ?? systemClock,
    dataDir,
    log: (m) => logs.push(m),
  });
  const server = createServer({ key: tls.serverKeyPem, cert: tls.serverCertificatePem }, (req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    identity.handle(req, res, url).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not an identity path');
      }
    }, (error: unknown) => {
      logs.push(String(error));
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `https://127.0.0.1:${port}`;
  return {
    baseUrl,
    host: `127.0.0.1:${port}`,
    caCertificate: tls.caCertificatePem,
    serverCertificate: tls.serverCertificatePem,
    identity,
    dataDir,
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.stop();
      if (ownFolder) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
