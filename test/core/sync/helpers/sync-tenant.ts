// The demo tenant over real HTTPS for the sync engine's tests: tokens from the scripted sign-in
// through the tenant's real pages, Graph clients that record their events, admin switches with
// the key from the ready info, and inventories in temporary folders on disk. With `virtualTime`
// the tenant and the clients share a clock whose sleeps do not wait, so a 429 storm plays out in
// moments and "nothing was sent before Retry-After" is exact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY_HEADER } from '../../../../src/emulator/admin.ts';
import { CONTOSO, INTUNE_SCOPES } from '../../../../src/emulator/directory/demo-directory.ts';
import { startDemoTenant } from '../../../../src/emulator/index.ts';
import type { DemoTenant, StartHooks } from '../../../../src/emulator/index.ts';
import { GraphClient } from '../../../../src/core/graph/graph-client.ts';
import type { GraphClientOptions } from '../../../../src/core/graph/graph-client.ts';
import type { GraphClientEvent } from '../../../../src/core/graph/client-events.ts';
import { openInventory } from '../../../../src/core/inventory/inventory-files.ts';
import type { OpenedInventory } from '../../../../src/core/inventory/inventory-files.ts';
import { graphCall } from '../../../helpers/graph-call.ts';
import type { GraphReply } from '../../../helpers/graph-call.ts';
import { httpsRequest } from '../../../helpers/https-request.ts';
import { signIn } from '../../../helpers/sign-in.ts';
import type { SignInResult } from '../../../helpers/sign-in.ts';
import { VirtualTime } from '../../../helpers/virtual-time.ts';

export const ADELE = 'adele.vance@contoso.onmicrosoft.com';
export const TENANT_ID = CONTOSO.id;
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

export interface RecordingClient {
  readonly client: GraphClient;
  readonly events: GraphClientEvent[];
}

export interface ClientSetup extends Partial<Omit<GraphClientOptions, 'tokenProvider' | 'baseUrl' | 'version'>> {
  readonly tokenProvider?: GraphClientOptions['tokenProvider'];
}

export interface SyncTenant {
  readonly tenant: DemoTenant;
  readonly baseUrl: string;
  readonly ca: string;
  readonly time: VirtualTime | undefined;
  /** The whole token response of a real sign-in as Adele (Intune Administrator), every Intune scope. */
  signIn(): Promise<SignInResult>;
  /** An access token of Adele's, made once and shared. */
  token(): Promise<string>;
  /** A beta Graph client on this tenant that records its events. */
  client(setup?: ClientSetup): RecordingClient;
  graph(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<GraphReply>;
  admin(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<unknown>;
  /** Back to no faults, Intune's published rates, and Entra's token lifetimes. */
  calm(): Promise<void>;
  /** The number of Contoso devices the tenant holds, from its admin status (not through Graph). */
  deviceCount(): Promise<number>;
  /** A new empty data folder, removed at stop. */
  dataDir(): string;
  /** What the app passes the engine: open (and check) this tenant's inventory in `dataDir`. */
  opener(dataDir: string): () => OpenedInventory;
  stop(): Promise<void>;
}

const NO_FAULTS = { latencyMs: 0, jitterMs: 0, errorRate: 0, dropRate: 0, slowBodyRate: 0, malformedPageRate: 0 };

export async function startSyncTenant(options: { readonly devices: number; readonly seed?: number; readonly latencyMs?: number; readonly virtualTime?: boolean; readonly actionCompleteMs?: number }): Promise<SyncTenant> {
  const time = options.virtualTime ? new VirtualTime() : undefined;
  const hooks: StartHooks = { log: () => {}, ...(time ? { clock: time } : {}), ...(options.actionCompleteMs === undefined ? {} : { actionDelays: { completeMs: options.actionCompleteMs } }) };
  const tenant = await startDemoTenant({ devices: options.devices, seed: options.seed ?? 11, latencyMs: options.latencyMs ?? 0 }, hooks);
  const baseUrl = tenant.urls.baseUrl;
  const ca = tenant.caCertificatePem;
  const clients: GraphClient[] = [];
  const folders: string[] = [];
  let adele: Promise<string> | undefined;

  const doSignIn = (): Promise<SignInResult> => signIn({ baseUrl, ca, tenant: TENANT_DOMAIN, upn: ADELE, scopes: INTUNE_SCOPES });
  const token = (): Promise<string> => (adele ??= doSignIn().then((r) => r.accessToken));
  const admin = async (method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<unknown> => {
    const res = await httpsRequest(`${tenant.ready.admin.url}${path}`, {
      method,
      ca,
      headers: { [ADMIN_KEY_HEADER]: tenant.ready.admin.key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status !== 200) throw new Error(`${method} /_emulator${path} answered ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as unknown;
  };

  return {
    tenant,
    baseUrl,
    ca,
    time,
    signIn: doSignIn,
    token,
    client: (setup = {}) => {
      const events: GraphClientEvent[] = [];
      const { tokenProvider, onEvent, ...rest } = setup;
      const client = new GraphClient({
        baseUrl,
        version: 'beta',
        caCertificatePem: ca,
        ...(time ? { time } : {}),
        ...rest,
        tokenProvider: tokenProvider ?? (() => token()),
        onEvent: (event) => {
          events.push(event);
          onEvent?.(event);
        },
      });
      clients.push(client);
      return { client, events };
    },
    graph: async (method, path, body) => graphCall(baseUrl, ca, await token(), method, path, body),
    admin,
    calm: async () => {
      await admin('PATCH', '/faults', NO_FAULTS);
      await admin('PATCH', '/throttling', { enabled: true, omitRetryAfter: false, rateMultiplier: 1 });
    },
    deviceCount: async () => {
      const status = (await admin('GET', '/status')) as { tenants: { id: string; devices: number }[] };
      const contoso = status.tenants.find((t) => t.id === TENANT_ID);
      if (!contoso) throw new Error('The demo tenant has no Contoso');
      return contoso.devices;
    },
    dataDir: () => {
      const dir = mkdtempSync(join(tmpdir(), 'intune-desk-sync-'));
      folders.push(dir);
      return dir;
    },
    opener: (dataDir) => () => openInventory({ dataDir, tenantId: TENANT_ID }),
    stop: async () => {
      for (const c of clients) c.close();
      await tenant.stop();
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Events of one kind, typed. */
export function eventsOf<K extends GraphClientEvent['kind']>(events: readonly GraphClientEvent[], kind: K): Extract<GraphClientEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<GraphClientEvent, { kind: K }> => e.kind === kind);
}

/** A seeded uniform random in [0, 1) (mulberry32): kill points and jitter replay exactly. */
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
