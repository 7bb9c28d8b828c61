// MSAL's network module, swapped for one that trusts the demo tenant's CA and nothing else
// extra: the production client from src/core/auth, recording what MSAL fetched.
import { CaTrustingNetworkClient as ProductionClient } from '../../src/core/auth/ca-trusting-network-client.ts';

export class CaTrustingNetworkClient extends ProductionClient {
  /** Every URL MSAL fetched, in order, so tests can see what a real client asks for. */
  readonly requests: { readonly method: string; readonly url: string }[] = [];

  constructor(caCertificatePem: string) {
    super({ caCertificatePem });
  }

  protected override onRequest(method: 'GET' | 'POST', url: string): void {
    this.requests.push({ method, url });
  }
}
