// The whole demo tenant started in this process, as the app starts it, with the few things an
// integration test does to it: sign a demo user in through the real pages, call Graph with the
// token, page through a list, and flip an admin switch with the key from the ready line.
import { startDemoTenant } from '../../src/emulator/index.ts';
import type { DemoTenant, DemoTenantOptions, StartHooks } from '../../src/emulator/index.ts';
import { ADMIN_KEY_HEADER } from '../../src/emulator/admin.ts';
import { INTUNE_SCOPES } from '../../src/emulator/directory/demo-directory.ts';
import { graphCall } from './graph-call.ts';
import type { GraphReply } from './graph-call.ts';
import { httpsRequest } from './https-request.ts';
import { signIn } from './sign-in.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SignInAs {
  /** Authority segment: a domain, GUID or 'organizations'. Contoso by default. */
  readonly tenant?: string;
  /** Every Intune scope by default, so only Intune roles decide. */
  readonly scopes?: readonly string[];
}

export interface TestTenant {
  readonly tenant: DemoTenant;
  readonly baseUrl: string;
  /** PEM of the tenant's CA: the only certificate these requests trust. */
  readonly ca: string;
  /** What the tenant logged, in order. */
  readonly logs: readonly string[];
  /** An access token from the authorization code flow, walked through the real sign-in pages. */
  token(upn: string, as?: SignInAs): Promise<string>;
  graph(token: string, method: Method, path: string, body?: unknown): Promise<GraphReply>;
  /** Every item of a Graph list, following @odata.nextLink. */
  all(token: string, path: string): Promise<readonly Record<string, unknown>[]>;
  admin(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<{ readonly status: number; readonly json: unknown }>;
  stop(): Promise<void>;
}

export async function startTestTenant(options: Partial<DemoTenantOptions> = {}, hooks: StartHooks = {}): Promise<TestTenant> {
  const logs: string[] = [];
  const tenant = await startDemoTenant({ devices: 300, ...options }, { log: (m) => logs.push(m), ...hooks });
  const baseUrl = tenant.urls.baseUrl;
  const ca = tenant.caCertificatePem;
  const graph = (token: string, method: Method, path: string, body?: unknown): Promise<GraphReply> => graphCall(baseUrl, ca, token, method, path, body);
  return {
    tenant,
    baseUrl,
    ca,
    logs,
    async token(upn, as = {}) {
      const result = await signIn({ baseUrl, ca, tenant: as.tenant ?? 'contoso.onmicrosoft.com', upn, scopes: as.scopes ?? INTUNE_SCOPES });
      return result.accessToken;
    },
    graph,
    async all(token, path) {
      const items: Record<string, unknown>[] = [];
      let next: string | undefined = path;
      while (next) {
        const page = await graph(token, 'GET', next);
        if (page.status !== 200) throw new Error(`GET ${next} answered ${page.status}: ${page.text.slice(0, 300)}`);
        const body = page.json as { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };
        items.push(...(body.value ?? []));
        next = body['@odata.nextLink'];
      }
      return items;
    },
    async admin(method, path, body) {
      const res = await httpsRequest(`${tenant.urls.adminUrl}${path}`, {
        method,
        ca,
        headers: { [ADMIN_KEY_HEADER]: tenant.ready.admin.key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: res.text === '' ? undefined : JSON.parse(res.text) };
    },
    stop: () => tenant.stop(),
  };
}
