// One demo tenant per test file, set up for request-heavy Graph tests: throttling off (the
// permission matrix sends thousands of requests), remote actions that never finish while the
// test runs, and real tokens from the scripted sign-in, one per scope set, reused.
import { startDemoTenant } from '../../../../src/emulator/index.ts';
import type { DemoTenant } from '../../../../src/emulator/index.ts';
import { ADMIN_KEY_HEADER } from '../../../../src/emulator/admin.ts';
import intuneScopes from '../../../../src/shared/intune/scopes.json' with { type: 'json' };
import { graphCall } from '../../../helpers/graph-call.ts';
import type { GraphReply } from '../../../helpers/graph-call.ts';
import { httpsRequest } from '../../../helpers/https-request.ts';
import { signIn } from '../../../helpers/sign-in.ts';

export const TENANT = 'contoso.onmicrosoft.com';
/** The Intune Administrator: her Intune role allows everything, so only scopes decide. */
export const ADMIN_UPN = 'adele.vance@contoso.onmicrosoft.com';

/** The 11 delegated Intune scopes. */
export const INTUNE_SCOPES: readonly string[] = intuneScopes.scopes.map((s) => s.name);

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphSession {
  readonly tenant: DemoTenant;
  readonly baseUrl: string;
  readonly ca: string;
  /** A token holding exactly these scopes; signed in once per distinct set. */
  token(scopes: readonly string[]): Promise<string>;
  /** A call with a token holding every Intune scope. */
  admin(method: Method, path: string, body?: unknown): Promise<GraphReply>;
  call(token: string, method: Method, path: string, body?: unknown): Promise<GraphReply>;
  stop(): Promise<void>;
}

export async function startGraphSession(devices = 300): Promise<GraphSession> {
  const tenant = await startDemoTenant({ devices, seed: 11 }, { log: () => {}, actionDelays: { completeMs: 3_600_000, removeMs: 3_600_000 } });
  const baseUrl = tenant.urls.baseUrl;
  const ca = tenant.caCertificatePem;
  const off = await httpsRequest(`${tenant.ready.admin.url}/throttling`, {
    method: 'PATCH',
    ca,
    headers: { [ADMIN_KEY_HEADER]: tenant.ready.admin.key, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  });
  if (off.status !== 200) throw new Error(`Could not turn throttling off: ${off.status} ${off.text}`);

  const tokens = new Map<string, Promise<string>>();
  const token = (scopes: readonly string[]): Promise<string> => {
    const key = [...scopes].sort().join(' ');
    let found = tokens.get(key);
    if (!found) {
      found = signIn({ baseUrl, ca, tenant: TENANT, upn: ADMIN_UPN, scopes }).then((t) => t.accessToken);
      tokens.set(key, found);
    }
    return found;
  };
  const call = (t: string, method: Method, path: string, body?: unknown): Promise<GraphReply> => graphCall(baseUrl, ca, t, method, path, body);
  return {
    tenant,
    baseUrl,
    ca,
    token,
    call,
    admin: async (method, path, body) => call(await token(INTUNE_SCOPES), method, path, body),
    stop: () => tenant.stop(),
  };
}
