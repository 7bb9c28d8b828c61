// The demo tenant over real HTTPS, running on virtual time shared with the Graph clients made
// here: tokens come from the scripted sign-in through the real pages, fault and throttling
// switches are flipped through the admin endpoint, and every client records its events.
import { ADMIN_KEY_HEADER } from '../../../../src/emulator/admin.ts';
import { INTUNE_SCOPES } from '../../../../src/emulator/directory/demo-directory.ts';
import { startDemoTenant } from '../../../../src/emulator/index.ts';
import type { DemoTenant } from '../../../../src/emulator/index.ts';
import { GraphClient } from '../../../../src/core/graph/graph-client.ts';
import type { GraphClientOptions } from '../../../../src/core/graph/graph-client.ts';
import type { GraphClientEvent } from '../../../../src/core/graph/client-events.ts';
import { httpsRequest } from '../../../helpers/https-request.ts';
import { signIn } from '../../../helpers/sign-in.ts';
import { VirtualTime } from '../../../helpers/virtual-time.ts';

export const ADELE = 'adele.vance@contoso.onmicrosoft.com';
export const LEE = 'lee.gu@contoso.onmicrosoft.com';
export const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';
export const PRADEEP = 'pradeep.gupta@contoso.onmicrosoft.com';

export interface FaultSwitches {
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  readonly errorRate?: number;
  readonly dropRate?: number;
  readonly slowBodyRate?: number;
  readonly slowBodyBytesPerSecond?: number;
  readonly malformedPageRate?: number;
}

export interface ThrottleSwitches {
  readonly enabled?: boolean;
  readonly omitRetryAfter?: boolean;
  readonly rateMultiplier?: number;
}

export interface TestClient {
  readonly client: GraphClient;
  /** Everything the client reported, in order. */
  readonly events: GraphClientEvent[];
}

export interface ClientSetup extends Partial<Omit<GraphClientOptions, 'tokenProvider'>> {
  /** A fixed token, or a provider; Adele with every Intune scope by default. */
  readonly token?: string | GraphClientOptions['tokenProvider'];
}

export interface TestBed {
  readonly tenant: DemoTenant;
  readonly baseUrl: string;
  readonly ca: string;
  readonly time: VirtualTime;
  /** An access token from the authorization-code flow through the tenant's real pages. */
  token(upn?: string, scopes?: readonly string[]): Promise<string>;
  client(setup?: ClientSetup): TestClient;
  faults(switches: FaultSwitches): Promise<void>;
  throttling(switches: ThrottleSwitches): Promise<void>;
  /** Back to no faults and Intune's published rates. */
  calm(): Promise<void>;
  admin(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const NO_FAULTS: FaultSwitches = { latencyMs: 0, jitterMs: 0, errorRate: 0, dropRate: 0, slowBodyRate: 0, malformedPageRate: 0 };

export async function startTestBed(options: { readonly devices?: number; readonly seed?: number } = {}): Promise<TestBed> {
  const time = new VirtualTime();
  const tenant = await startDemoTenant({ devices: options.devices ?? 500, seed: options.seed ?? 7 }, { clock: time, log: () => {} });
  const baseUrl = tenant.urls.baseUrl;
  const ca = tenant.caCertificatePem;
  const clients: GraphClient[] = [];
  let adele: Promise<string> | undefined;

  const admin = async (method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<unknown> => {
    const res = await httpsRequest(`${tenant.ready.admin.url}${path}`, {
      method,
      ca,
      headers: { [ADMIN_KEY_HEADER]: tenant.ready.admin.key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as unknown;
  };
  const token = async (upn = ADELE, scopes: readonly string[] = INTUNE_SCOPES): Promise<string> =>
    (await signIn({ baseUrl, ca, tenant: 'contoso.onmicrosoft.com', upn, scopes })).accessToken;

  return {
    tenant,
    baseUrl,
    ca,
    time,
    token,
    client: (setup = {}) => {
      const events: GraphClientEvent[] = [];
      const { token: given, onEvent, ...rest } = setup;
      const provider: GraphClientOptions['tokenProvider'] =
        typeof given === 'function' ? given : given !== undefined ? async () => given : async () => (adele ??= token());
      const client = new GraphClient({
        baseUrl,
        version: 'beta',
        caCertificatePem: ca,
        time,
        ...rest,
        tokenProvider: provider,
        onEvent: (event) => {
          events.push(event);
          onEvent?.(event);
        },
      });
      clients.push(client);
      return { client, events };
    },
    faults: async (switches) => {
      await admin('PATCH', '/faults', switches);
    },
    throttling: async (switches) => {
      await admin('PATCH', '/throttling', switches);
    },
    calm: async () => {
      await admin('PATCH', '/faults', NO_FAULTS);
      await admin('PATCH', '/throttling', { enabled: true, omitRetryAfter: false, rateMultiplier: 1 });
    },
    admin,
    stop: async () => {
      for (const c of clients) c.close();
      await tenant.stop();
    },
  };
}

/** Events of one kind, typed. */
export function eventsOf<K extends GraphClientEvent['kind']>(events: readonly GraphClientEvent[], kind: K): Extract<GraphClientEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<GraphClientEvent, { kind: K }> => e.kind === kind);
}

/** A seeded uniform random in [0, 1) (mulberry32), so backoff jitter replays exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
