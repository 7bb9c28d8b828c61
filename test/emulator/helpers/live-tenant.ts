// A whole demo tenant over real HTTPS for the wire-level tests (paging, throttling, $batch,
// faults): tokens come from the scripted sign-in, the admin switches are flipped through the
// admin endpoint with the key from the ready info, and nothing inside the tenant is reached
// around the HTTP surface a real client sees.
import { ADMIN_KEY_HEADER } from '../../../src/emulator/admin.ts';
import { CONTOSO, DEFAULT_CLIENT_ID, REPORTING_CLIENT_ID, demoDirectory } from '../../../src/emulator/directory/demo-directory.ts';
import { startDemoTenant } from '../../../src/emulator/index.ts';
import type { DemoTenant, DemoTenantOptions, StartHooks } from '../../../src/emulator/index.ts';
import { graphCall } from '../../helpers/graph-call.ts';
import type { GraphReply } from '../../helpers/graph-call.ts';
import { httpsRequest } from '../../helpers/https-request.ts';
import { signIn } from '../../helpers/sign-in.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export const ADELE = 'adele.vance@contoso.onmicrosoft.com';
export const ISAIAH = 'isaiah.langer@northwind.onmicrosoft.com';

export interface SignInAs {
  readonly scopes: readonly string[];
  readonly upn?: string;
  /** Domain of the tenant to sign in to; contoso by default. */
  readonly tenant?: string;
  readonly clientId?: string;
}

export interface AdminReply {
  readonly status: number;
  readonly json: unknown;
}

export interface LiveTenant {
  readonly tenant: DemoTenant;
  readonly baseUrl: string;
  readonly ca: string;
  /** An access token from the real authorization-code flow. */
  signInAs(who: SignInAs): Promise<string>;
  call(token: string, method: Method, pathOrUrl: string, body?: unknown): Promise<GraphReply>;
  /** A call to /_emulator{path} with the admin key; `key` replaces it, null sends none. */
  admin(method: 'GET' | 'PATCH', path: string, body?: unknown, key?: string | null): Promise<AdminReply>;
  stop(): Promise<void>;
}

const REPORTING = demoDirectory().apps.find((a) => a.clientId === REPORTING_CLIENT_ID);

export async function startLiveTenant(options: Partial<DemoTenantOptions>, hooks: StartHooks = {}): Promise<LiveTenant> {
  const tenant = await startDemoTenant(options, { log: () => {}, ...hooks });
  const baseUrl = tenant.urls.baseUrl;
  const ca = tenant.caCertificatePem;
  return {
    tenant,
    baseUrl,
    ca,
    signInAs: async (who) => {
      const clientId = who.clientId ?? DEFAULT_CLIENT_ID;
      // The reporting app is a confidential web app: its own secret and redirect URI.
      const confidential = clientId === REPORTING_CLIENT_ID && REPORTING?.clientSecret !== undefined
        ? { clientSecret: REPORTING.clientSecret, redirectUri: REPORTING.redirectUris[0] ?? '' }
        : {};
      const result = await signIn({ baseUrl, ca, tenant: who.tenant ?? (CONTOSO.domains[0] ?? CONTOSO.id), upn: who.upn ?? ADELE, scopes: who.scopes, clientId, ...confidential });
      return result.accessToken;
    },
    call: (token, method, pathOrUrl, body) => graphCall(baseUrl, ca, token, method, pathOrUrl, body),
    admin: async (method, path, body, key = tenant.ready.admin.key) => {
      const res = await httpsRequest(`${tenant.ready.admin.url}${path}`, {
        method,
        ca,
        headers: { ...(key === null ? {} : { [ADMIN_KEY_HEADER]: key }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = res.text;
      }
      return { status: res.status, json };
    },
    stop: () => tenant.stop(),
  };
}

/** Runs `count` calls with at most `limit` in flight; results in call order. */
export async function inParallel<T>(count: number, limit: number, call: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await call(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

/** How many replies had each status, e.g. { 200: 1000, 429: 10 }. */
export function statusCounts(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

/** The page shape of a Graph collection response. */
export interface CollectionPage {
  readonly value: readonly Record<string, unknown>[];
  readonly nextLink: string | undefined;
}

export function asPage(reply: GraphReply): CollectionPage {
  const json = reply.json as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
  if (reply.status !== 200 || !json || !Array.isArray(json.value)) throw new Error(`Expected a page, got HTTP ${reply.status}: ${reply.text.slice(0, 300)}`);
  const link = json['@odata.nextLink'];
  return { value: json.value as Record<string, unknown>[], nextLink: typeof link === 'string' ? link : undefined };
}
