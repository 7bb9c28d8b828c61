// MSAL's network module for the demo tenant: HTTPS that trusts the demo tenant's own CA, and only
// for the demo tenant's host. Entra profiles never get this client; they use MSAL's default, which
// trusts the system's certificate authorities. No certificate check is ever turned off.
import { request } from 'node:https';
import { ClientAuthError, ClientAuthErrorCodes } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface CaTrustingNetworkClientOptions {
  /** PEM of the CA to trust instead of the system's. */
  readonly caCertificatePem: string;
  /** `host:port` values requests may go to; any other is refused. Omit to allow any host (tests of the identity server alone). */
  readonly allowedHosts?: readonly string[];
  /** For requests MSAL gives no timeout (POSTs). Default 30 s. */
  readonly defaultTimeoutMs?: number;
}

export class CaTrustingNetworkClient implements INetworkModule {
  private readonly ca: string;
  private readonly allowedHosts: ReadonlySet<string> | undefined;
  private readonly defaultTimeoutMs: number;

  constructor(options: CaTrustingNetworkClientOptions) {
    this.ca = options.caCertificatePem;
    this.allowedHosts = options.allowedHosts ? new Set(options.allowedHosts.map((h) => h.toLowerCase())) : undefined;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  /** Called for each request before it is sent; tests record what MSAL fetched. */
  protected onRequest(_method: 'GET' | 'POST', _url: string): void {
    // Nothing by default.
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new ClientAuthError(ClientAuthErrorCodes.networkError, '', `Refused ${method} ${target.origin}: only https is allowed.`);
    if (this.allowedHosts && !this.allowedHosts.has(target.host.toLowerCase())) {
      throw new ClientAuthError(ClientAuthErrorCodes.networkError, '', `Refused ${method} ${target.origin}: the demo tenant's CA is trusted only for ${[...(this.allowedHosts ?? [])].join(', ')}.`);
    }
    this.onRequest(method, url);
    const res = await exchange(url, method, this.ca, options?.headers ?? {}, method === 'POST' ? options?.body ?? '' : undefined, timeout || this.defaultTimeoutMs);
    // MSAL wants the parsed JSON body whatever the status; it reads errors from it.
    let body: T;
    try {
      body = JSON.parse(res.text) as T;
    } catch {
      throw new ClientAuthError(ClientAuthErrorCodes.tokenParsingError, '', `${method} ${url} answered HTTP ${res.status} with something other than JSON: ${res.text.slice(0, 200)}`);
    }
    return { status: res.status, headers: res.headers, body };
  }
}

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

function exchange(url: string, method: 'GET' | 'POST', ca: string, headers: Readonly<Record<string, string>>, body: string | undefined, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sent: Record<string, string | number> = { ...headers };
    if (body !== undefined) sent['content-length'] = Buffer.byteLength(body);
    const req = request(url, { method, headers: sent, ca, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(networkError(method, url, error)));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(networkError(method, url, error)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function networkError(method: string, url: string, cause: Error): ClientAuthError {
  const error = new ClientAuthError(ClientAuthErrorCodes.networkError, '', `Network request failed: ${method} ${url}: ${cause.message}`);
  error.cause = cause;
  return error;
}
