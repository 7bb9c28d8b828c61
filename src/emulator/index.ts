// startDemoTenant: the demo tenant as a function, for the CLI, tests, benchmarks and the app.
// It imports nothing from Electron, so every one of those can start it in plain Node.
import { randomBytes, X509Certificate, createHash } from 'node:crypto';
import { join } from 'node:path';
import { createAdminHandler } from './admin.ts';
import type { ActionDelays } from './admin.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { openDataFolder, removeTemporary } from './data-folder.ts';
import { generateTenantData } from './data/generate-tenant.ts';
import { CONTOSO, DEFAULT_CLIENT_ID, demoDirectory, intuneRolesOf } from './directory/demo-directory.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { DEFAULT_FAULT_SETTINGS } from './faults/fault-settings.ts';
import { createGraphDispatch } from './graph/dispatch.ts';
import type { TenantServices } from './graph/dispatch.ts';
import { createGraphHttpHandler } from './graph/http-adapter.ts';
import { managedDevices } from './graph/model/tenant-graph.ts';
import { IntuneThrottle } from './graph/throttling/intune-throttle.ts';
import { DEFAULT_THROTTLE_SETTINGS } from './graph/throttling/settings.ts';
import { startHttpsServer } from './http/server.ts';
import { setDeviceDetailSeed } from './graph/routing/links.ts';
import { createIdentityService } from './identity/service.ts';
import { validateOptions } from './options.ts';
import type { DemoTenantOptions } from './options.ts';
import { FileJournal, noJournal } from './persistence/journal.ts';
import { replayJournal } from './persistence/replay.ts';
import { tenantServices } from './tenant-services.ts';
import { loadOrCreateTls } from './tls/certificates.ts';

export type { DemoTenantOptions } from './options.ts';

export interface ReadyInfo {
  readonly authority: string;
  readonly graphBaseUrl: string;
  /** Path of the demo tenant's CA certificate (PEM); trust it, and only for this host. */
  readonly caCertificate: string;
  readonly clientId: string;
  readonly tenants: readonly { readonly id: string; readonly displayName: string; readonly domains: readonly string[]; readonly authority: string; readonly devices: number }[];
  readonly users: readonly { readonly upn: string; readonly password: string; readonly roles: readonly string[]; readonly description: string; readonly tenant: string }[];
  /** SHA-256 of the server certificate's public key, base64: what Chromium's SPKI allow-list takes. */
  readonly serverCertificateSpkiSha256: string;
  readonly admin: { readonly url: string; readonly key: string };
}

export interface DemoTenant {
  readonly urls: { readonly baseUrl: string; readonly authority: string; readonly graphBaseUrl: string; readonly adminUrl: string };
  readonly caCertificate: string;
  readonly caCertificatePem: string;
  readonly ready: ReadyInfo;
  stop(): Promise<void>;
}

export interface StartHooks {
  readonly log?: (message: string) => void;
  readonly clock?: Clock;
  /** Initial delays of remote actions; tests shorten them. */
  readonly actionDelays?: Partial<ActionDelays>;
}

export async function startDemoTenant(input: Partial<DemoTenantOptions> = {}, hooks: StartHooks = {}): Promise<DemoTenant> {
  const options = validateOptions(input);
  const log = hooks.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const clock = hooks.clock ?? systemClock;
  const folder = openDataFolder(options.dataDir, options, clock.now(), log);
  try {
    return await start(options, folder, log, clock, hooks);
  } catch (error) {
    removeTemporary(folder);
    throw error;
  }
}

async function start(options: DemoTenantOptions, folder: ReturnType<typeof openDataFolder>, log: (m: string) => void, clock: Clock, hooks: StartHooks): Promise<DemoTenant> {
  const started = performance.now();
  const tls = await loadOrCreateTls(join(folder.path, 'tls'));
  const directory = demoDirectory();
  const journal = folder.temporary ? noJournal : new FileJournal(folder.path);
  const saved = journal instanceof FileJournal ? journal.read(log) : [];
  const actionDelays: ActionDelays = { completeMs: 2_000, removeMs: 3_000, ...hooks.actionDelays };

  const tenants = new Map<string, TenantServices>();
  for (const tenant of directory.tenants) {
    const devices = tenant.id === CONTOSO.id ? options.devices : Math.max(50, Math.round(options.devices / 10));
    const data = generateTenantData(directory, { tenantId: tenant.id, devices, seed: options.seed, anchorTime: folder.recipe.anchorTime });
    setDeviceDetailSeed(data.graph, data.seed);
    const applied = replayJournal(data.graph, saved, log);
    if (applied > 0) log(`${tenant.displayName}: replayed ${applied} saved writes.`);
    // Put devices in paging order now, so the first list request does not pay for the sort.
    managedDevices(data.graph).values();
    tenants.set(tenant.id, tenantServices({ graph: data.graph, journal, clock, seed: options.seed, actionDelays, knownUsers: data.knownUsers }));
  }

  let baseUrl = '';
  const identity = await createIdentityService({ directory, baseUrl: () => baseUrl, clock, dataDir: join(folder.path, 'identity'), log });
  const throttle = new IntuneThrottle(clock, DEFAULT_THROTTLE_SETTINGS);
  const faults = new FaultInjector(options.seed, { ...DEFAULT_FAULT_SETTINGS, latencyMs: options.latencyMs });
  const dispatch = createGraphDispatch({
    directory,
    tenants,
    verifyToken: (authorization) => {
      const verified = identity.verifyGraphToken(authorization);
      return verified;
    },
    throttle,
    clock,
    authorityBase: () => baseUrl,
    log,
  });
  const adminKey = randomBytes(24).toString('base64url');
  const server = await startHttpsServer({ cert: tls.serverCertificatePem, key: tls.serverKeyPem }, options.port, {
    graph: createGraphHttpHandler({ dispatch, faults, clock, baseUrl: () => baseUrl, log }),
    admin: createAdminHandler({
      key: adminKey,
      faults,
      throttle,
      actionDelays,
      setAccessTokenLifetime: (s) => identity.setAccessTokenLifetime(s),
      setClockSkew: (s) => identity.setClockSkew(s),
      status: () => ({
        faults: faults.settings(),
        throttling: throttle.snapshot(),
        actionDelays,
        tenants: [...tenants.values()].map((t) => ({ id: t.graph.tenantId, devices: managedDevices(t.graph).size })),
      }),
    }),
    identity: (req, res, url) => identity.handle(req, res, url),
  }, log);
  baseUrl = `https://127.0.0.1:${server.port}`;

  const ready: ReadyInfo = {
    authority: `${baseUrl}/organizations`,
    graphBaseUrl: baseUrl,
    caCertificate: tls.caCertificatePath,
    clientId: DEFAULT_CLIENT_ID,
    tenants: directory.tenants.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      domains: t.domains,
      authority: `${baseUrl}/${t.domains[0] ?? t.id}`,
      devices: managedDevices(tenants.get(t.id)?.graph ?? missing(t.id)).size,
    })),
    users: directory.users.map((u) => ({
      upn: u.guestOf ? (directory.users.find((h) => h.id === u.guestOf?.userId)?.userPrincipalName ?? u.userPrincipalName) : u.userPrincipalName,
      password: u.password,
      roles: intuneRolesOf(u),
      description: u.description,
      tenant: directory.tenants.find((t) => t.id === u.tenantId)?.domains[0] ?? u.tenantId,
    })),
    serverCertificateSpkiSha256: spkiHash(tls.serverCertificatePem),
    admin: { url: `${baseUrl}/_emulator`, key: adminKey },
  };
  log(`Demo tenant ready at ${baseUrl} in ${Math.round(performance.now() - started)} ms (data folder ${folder.path}).`);

  let stopped = false;
  return {
    urls: { baseUrl, authority: ready.authority, graphBaseUrl: baseUrl, adminUrl: ready.admin.url },
    caCertificate: tls.caCertificatePath,
    caCertificatePem: tls.caCertificatePem,
    ready,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
      await identity.stop();
      removeTemporary(folder);
    },
  };
}

function spkiHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

function missing(tenantId: string): never {
  throw new Error(`No data was generated for tenant ${tenantId}`);
}
