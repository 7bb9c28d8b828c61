// MSAL's network module, swapped for one that trusts the demo tenant's CA and nothing else
// extra: the `system.networkClient` setting FACTS §2 (Electron) describes.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { httpsRequest } from './https-request.ts';

export class CaTrustingNetworkClient implements INetworkModule {
  private readonly ca: string;
  /** Every URL MSAL fetched, in order, so tests can see what a real client asks for. */
  readonly requests: { readonly method: string; readonly url: string }[] = [];

  constructor(caCertificatePem: string) {
    this.ca = caCertificatePem;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    this.requests.push({ method, url });
    const res = await httpsRequest(url, {
      method,
      ca: this.ca,
      headers: options?.headers ?? {},
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      ...(timeout ? { timeoutMs: timeout } : {}),
    });
    // MSAL expects the parsed JSON body whatever the status; it reads errors from it.
    let body: T;
    try {
      body = JSON.parse(res.text) as T;
    } catch {
      throw new Error(`${method} ${url} answered HTTP ${res.status} with something other than JSON: ${res.text.slice(0, 200)}`);
    }
    return { status: res.status, headers: { ...res.headers }, body };
  }
}
