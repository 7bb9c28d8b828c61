// How the host reaches one tenant: the auth service's profile for it (the authority, and for the
// demo tenant the address and CA it has now) and its Graph clients. Two clients share the
// tenant's rate budget: the sync's, which outlasts throttling and flaky networks, and one for
// what a technician is waiting on (a device panel, a remote action), which gives up in seconds
// rather than minutes and lets the app fall back to the offline inventory.
import { FEATURE_SCOPES, tenantProfile } from '../../core/auth/index.ts';
import type { AuthService, TenantProfile } from '../../core/auth/index.ts';
import { DEFAULT_AUTHORITY_HOST, GRAPH_BASE_URL } from '../../core/config/entra-defaults.ts';
import { GraphClient } from '../../core/graph/index.ts';
import type { DemoEndpoint, DemoTenantHost } from '../demo/demo-tenant-host.ts';
import type { StoredTenant } from '../tenants/tenant-file.ts';
import type { ServiceTarget } from './service-watch.ts';

export interface TenantLink {
  readonly profile: TenantProfile;
  /** For syncs: patient with throttling and with a flaky network. */
  readonly graph: GraphClient;
  /** For what a person waits on: gives up within seconds. */
  readonly interactive: GraphClient;
  readonly target: ServiceTarget;
  readonly demo?: DemoEndpoint;
}

/** Waiting on a panel: two tries within 15 seconds, then the offline inventory (FACTS: Graph asks for backoff, not persistence, here). */
const INTERACTIVE_RETRY = { maxAttempts: 2, deadlineMs: 15_000, baseDelayMs: 500, maxDelayMs: 2_000 };

export class TenantLinks {
  private readonly auth: AuthService;
  private readonly demo: DemoTenantHost;
  private readonly userAgent: string;
  private readonly links = new Map<string, { readonly key: string; readonly link: TenantLink }>();
  private readonly onLinked: (profileId: string, link: TenantLink) => void;

  /** `onLinked` hears of every link made, and of a demo profile's link each time the demo tenant was started for it. */
  constructor(auth: AuthService, demo: DemoTenantHost, userAgent: string, onLinked: (profileId: string, link: TenantLink) => void) {
    this.auth = auth;
    this.demo = demo;
    this.userAgent = userAgent;
    this.onLinked = onLinked;
  }

  /**
   * The tenant's link. `start`: a demo profile starts (or restarts) the demo tenant as needed;
   * without it, a demo profile whose tenant is not running has no link (undefined).
   */
  async link(entry: StoredTenant, start: boolean): Promise<TenantLink | undefined> {
    if (entry.kind === 'entra') return this.linkTo(entry, entraProfile(entry), GRAPH_BASE_URL, undefined, undefined);
    const demo = start ? await this.demo.ensureRunning() : this.demo.endpoint;
    if (!demo) return undefined;
    const link = this.linkTo(entry, demoProfile(entry, demo), demo.baseUrl, demo.caCertificatePem, demo);
    // The demo tenant may have just started again at the same address: the link is the same, the news is not.
    if (start) this.onLinked(entry.id, link);
    return link;
  }

  /** The link made last for a profile, without starting anything. */
  known(profileId: string): TenantLink | undefined {
    return this.links.get(profileId)?.link;
  }

  close(): void {
    for (const { link } of this.links.values()) closeLink(link);
    this.links.clear();
  }

  private linkTo(entry: StoredTenant, profile: TenantProfile, graphBaseUrl: string, caCertificatePem: string | undefined, demo: DemoEndpoint | undefined): TenantLink {
    const key = JSON.stringify([profile, graphBaseUrl]);
    const existing = this.links.get(entry.id);
    if (existing?.key === key) return existing.link;
    if (existing) closeLink(existing.link);
    // A new address (the demo tenant on another port) or another app registration: MSAL starts afresh for it.
    this.auth.addProfile(profile);
    const common = {
      baseUrl: graphBaseUrl,
      version: 'beta' as const,
      tokenProvider: async (scopes: readonly string[]) => (await this.auth.getAccessToken(profile.id, scopes)).token,
      scopes: FEATURE_SCOPES.browseDevices,
      userAgent: this.userAgent,
      ...(caCertificatePem !== undefined ? { caCertificatePem } : {}),
    };
    const graph = new GraphClient(common);
    const interactive = new GraphClient({ ...common, rateBudget: graph.budget, retry: INTERACTIVE_RETRY });
    const target: ServiceTarget = demo
      ? { probeUrl: `${demo.baseUrl}/organizations/v2.0/.well-known/openid-configuration`, caCertificatePem: demo.caCertificatePem }
      : { probeUrl: `${GRAPH_BASE_URL}/v1.0/` };
    const link: TenantLink = { profile, graph, interactive, target, ...(demo ? { demo } : {}) };
    this.links.set(entry.id, { key, link });
    if (!demo) this.onLinked(entry.id, link);
    return link;
  }
}

function closeLink(link: TenantLink): void {
  link.graph.close();
  link.interactive.close();
}

export function entraProfile(entry: StoredTenant): TenantProfile {
  return tenantProfile({ id: entry.id, label: entry.label, kind: 'entra', authority: `https://${entry.authorityHost ?? DEFAULT_AUTHORITY_HOST}/${entry.tenant}`, clientId: entry.clientId });
}

function demoProfile(entry: StoredTenant, demo: DemoEndpoint): TenantProfile {
  return tenantProfile({ id: entry.id, label: entry.label, kind: 'demo', authority: `${demo.baseUrl}/${entry.tenant}`, clientId: demo.clientId, trustedCaPem: demo.caCertificatePem });
}
