// The demo tenant, when a demo profile is used: started in this process on <dataDir>/demo-tenant
// (its port, certificates, sign-ins and writes kept from one start to the next; the folder's lock
// refuses a second process on it). Stopped when the host shuts down.
//
// If it stops answering (it crashed, or something stopped it), the host's service watch notices
// and the app goes offline; the next action that needs the service (sign-in, sync, a remote
// action) starts it again, on the same port, so the sign-ins in the token cache still fit.
import { inProcessService, startDemo } from '../../core/demo/demo-runtime.ts';
import type { DemoService, StartedDemo } from '../../core/demo/demo-runtime.ts';
import { isReachable } from '../../core/reachability.ts';
import type { StoredTenant } from '../tenants/tenant-file.ts';

export interface DemoEndpoint {
  readonly baseUrl: string;
  readonly caCertificatePem: string;
  readonly clientId: string;
  /** What the demo sign-in window trusts: SHA-256 of the server certificate's public key. */
  readonly serverCertificateSpkiSha256: string;
  /** One profile per demo tenant (Contoso, Northwind), as "Use the demo tenant" adds them. */
  readonly profiles: readonly StoredTenant[];
}

export interface DemoTenantHostOptions {
  readonly dataDir: string;
  /** Devices in the main demo tenant the first time it is made (the folder remembers it after). */
  readonly devices?: number;
  readonly log: (message: string) => void;
}

export class DemoTenantHost {
  private readonly options: DemoTenantHostOptions;
  private started: StartedDemo | undefined;
  private service: (DemoService & { readonly spki: string; readonly profiles: readonly StoredTenant[] }) | undefined;
  private starting: Promise<DemoEndpoint> | undefined;

  constructor(options: DemoTenantHostOptions) {
    this.options = options;
  }

  /** Where the demo tenant answers now, if this host has it (it may have stopped answering since). */
  get endpoint(): DemoEndpoint | undefined {
    const s = this.service;
    return s ? { baseUrl: s.baseUrl, caCertificatePem: s.caCertificatePem, clientId: s.clientId, serverCertificateSpkiSha256: s.spki, profiles: s.profiles } : undefined;
  }

  /** The demo tenant started in this process, for tests that need to stop it behind the host's back. */
  get inProcess(): StartedDemo | undefined {
    return this.started;
  }

  /** The demo tenant, answering: the one known if it still answers, else found or started. */
  ensureRunning(): Promise<DemoEndpoint> {
    this.starting ??= this.bringUp().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const started = this.started;
    this.started = undefined;
    this.service = undefined;
    await started?.stop();
  }

  private async bringUp(): Promise<DemoEndpoint> {
    const known = this.endpoint;
    if (known && (await isReachable(`${known.baseUrl}/organizations/v2.0/.well-known/openid-configuration`, known.caCertificatePem))) return known;
    if (this.started) {
      this.options.log('The demo tenant stopped answering; starting it again.');
      // Releases the data folder (and the port) whatever state the old one is in.
      await this.started.stop().catch(() => undefined);
      this.started = undefined;
      this.service = undefined;
    }
    const started = await startDemo(this.options.dataDir, this.options.devices === undefined ? {} : { devices: this.options.devices }, this.options.log);
    this.started = started;
    const ready = started.tenant.ready;
    this.service = {
      ...inProcessService(started),
      spki: ready.serverCertificateSpkiSha256,
      profiles: demoProfiles(ready.tenants, ready.clientId),
    };
    return this.endpoint as DemoEndpoint;
  }
}

/** Profile ids and labels for the demo's tenants: demo-contoso "Contoso Ltd (demo)", by first domain. */
function demoProfiles(tenants: readonly { readonly displayName: string; readonly domains: readonly string[]; readonly id: string }[], clientId: string): readonly StoredTenant[] {
  return tenants.map((t) => {
    const domain = (t.domains[0] ?? t.id).toLowerCase();
    return { id: `demo-${domain.split('.')[0] ?? t.id}`, label: t.displayName, kind: 'demo', tenant: domain, clientId };
  });
}
