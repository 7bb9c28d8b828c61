// One MSAL PublicClientApplication per tenant profile, made on first use and kept: each holds
// its authority's metadata, and all of them share the one encrypted token cache. A demo
// tenant's client talks to it through a network client that trusts only its own CA, and its
// host is a known authority (it is not a Microsoft cloud, so there is no instance discovery).
import { LogLevel, PublicClientApplication } from '@azure/msal-node';
import type { Configuration, ICachePlugin, INetworkModule } from '@azure/msal-node';
import { CaTrustingNetworkClient } from './ca-trusting-network-client.ts';
import { authorityHost } from './tenant-profile.ts';
import type { TenantProfile } from './tenant-profile.ts';

export type AuthLog = (level: 'error' | 'warning' | 'info', message: string) => void;

export class PublicClients {
  private readonly apps = new Map<string, PublicClientApplication>();
  private readonly networks = new Map<string, INetworkModule>();
  private readonly cache: ICachePlugin;
  private readonly log: AuthLog | undefined;

  constructor(cache: ICachePlugin, log: AuthLog | undefined) {
    this.cache = cache;
    this.log = log;
  }

  of(profile: TenantProfile): PublicClientApplication {
    const existing = this.apps.get(profile.id);
    if (existing) return existing;
    const demo = profile.kind === 'demo' && profile.trustedCaPem !== undefined;
    const host = authorityHost(profile);
    const network = demo && profile.trustedCaPem ? new CaTrustingNetworkClient({ caCertificatePem: profile.trustedCaPem, allowedHosts: [host] }) : undefined;
    const config: Configuration = {
      auth: {
        clientId: profile.clientId,
        authority: profile.authority,
        ...(demo ? { knownAuthorities: [host] } : {}),
      },
      cache: { cachePlugin: this.cache },
      system: {
        ...(network ? { networkClient: network } : {}),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => {
            this.log?.(level === LogLevel.Error ? 'error' : level === LogLevel.Warning ? 'warning' : 'info', message);
          },
        },
      },
    };
    const app = new PublicClientApplication(config);
    this.apps.set(profile.id, app);
    if (network) this.networks.set(profile.id, network);
    else this.networks.delete(profile.id);
    return app;
  }

  /** The network client a demo profile's client uses (for checking its authority), if any. */
  network(profileId: string): INetworkModule | undefined {
    return this.networks.get(profileId);
  }

  /** A profile changed: its next use makes a new client. */
  forget(profileId: string): void {
    this.apps.delete(profileId);
  }
}
