// Finding or starting the demo tenant: for a CLI command (below), and for the desktop host,
// which starts it in its own process on <data folder>/demo-tenant while a demo profile is used
// (src/host/demo/demo-tenant-host.ts).
//
// - "intune-desk demo" runs it in the foreground and publishes demo-endpoint.json while it runs;
//   every other command that finds that file, and the tenant answering at its address, uses it.
// - Otherwise a command that must reach the service (login, sync) starts the demo tenant in its
//   own process for as long as it runs, on the same data folder, so sign-ins, consents and writes
//   persist from one command to the next. Commands that can answer from the offline inventory
//   (devices, device, export) never start it: without it they are offline, and say so.
import { readFileSync } from 'node:fs';
import { ProblemError } from '../problem.ts';
import { startDemoTenant } from '../../emulator/index.ts';
import type { DemoTenant } from '../../emulator/index.ts';
import { OptionsError } from '../../emulator/options.ts';
import { isReachable } from '../reachability.ts';
import { acquireDemoLock } from './demo-lock.ts';
import { demoDataDir, readDemoEndpoint, readDemoSettings, writeDemoSettings } from './demo-files.ts';
import type { DemoEndpoint, DemoSettings } from './demo-files.ts';

export interface DemoService {
  readonly baseUrl: string;
  readonly caCertificatePem: string;
  readonly caCertificatePath: string;
  readonly clientId: string;
  /** running: "intune-desk demo" in another process; inProcess: started by this command. */
  readonly origin: 'running' | 'inProcess';
  stop(): Promise<void>;
}

export interface StartedDemo {
  readonly tenant: DemoTenant;
  readonly settings: DemoSettings;
  /** Stops the tenant and releases the data folder. */
  stop(): Promise<void>;
}

/** The demo tenant "intune-desk demo" is running, if its endpoint file is there and it answers. */
export async function findRunningDemo(configDir: string): Promise<DemoService | undefined> {
  const endpoint = readDemoEndpoint(configDir);
  if (!endpoint) return undefined;
  const pem = readCa(endpoint);
  if (pem === undefined) return undefined;
  if (!(await isReachable(`${endpoint.baseUrl}/organizations/v2.0/.well-known/openid-configuration`, pem))) return undefined;
  return { baseUrl: endpoint.baseUrl, caCertificatePem: pem, caCertificatePath: endpoint.caCertificate, clientId: endpoint.clientId, origin: 'running', stop: async () => undefined };
}

/** Where the demo tenant was last seen, for offline messages: its remembered port. */
export function lastDemoAddress(configDir: string): string | undefined {
  const { port } = readDemoSettings(configDir);
  return port > 0 ? `https://127.0.0.1:${port}` : undefined;
}

/**
 * Starts the demo tenant in this process on the CLI's data folder, with the options it was last
 * started with (or those given), on the port it last had when that port is free.
 */
export async function startDemo(configDir: string, wanted: Partial<DemoSettings & { latencyMs: number }>, log: (message: string) => void): Promise<StartedDemo> {
  const dataDir = demoDataDir(configDir);
  const remembered = readDemoSettings(configDir);
  const settings: DemoSettings = { port: wanted.port ?? remembered.port, devices: wanted.devices ?? remembered.devices, seed: wanted.seed ?? remembered.seed };
  const release = acquireDemoLock(configDir, dataDir);
  let tenant: DemoTenant;
  try {
    tenant = await start(settings, wanted, dataDir, log);
  } catch (error) {
    release();
    throw error;
  }
  const port = Number(new URL(tenant.urls.baseUrl).port);
  const used = { ...settings, port };
  writeDemoSettings(configDir, used);
  return {
    tenant,
    settings: used,
    stop: async () => {
      try {
        await tenant.stop();
      } finally {
        release();
      }
    },
  };
}

async function start(settings: DemoSettings, wanted: Partial<DemoSettings & { latencyMs: number }>, dataDir: string, log: (message: string) => void): Promise<DemoTenant> {
  const options = { devices: settings.devices, seed: settings.seed, dataDir, ...(wanted.latencyMs !== undefined ? { latencyMs: wanted.latencyMs } : {}) };
  try {
    return await startDemoTenant({ ...options, port: settings.port }, { log });
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    // The remembered port is taken by something else: any free one will do (sign in again after).
    if (/already in use/.test(error.message) && wanted.port === undefined && settings.port !== 0) {
      log(`Port ${settings.port} is in use; the demo tenant takes another, so sign in again with "intune-desk login".`);
      return startDemoTenant({ ...options, port: 0 }, { log });
    }
    throw new ProblemError({ code: 'badRequest', message: `The demo tenant could not start: ${error.message}` });
  }
}

/** The demo tenant of this process as a service for the commands. */
export function inProcessService(started: StartedDemo): DemoService {
  const { tenant } = started;
  return {
    baseUrl: tenant.urls.baseUrl,
    caCertificatePem: tenant.caCertificatePem,
    caCertificatePath: tenant.caCertificate,
    clientId: tenant.ready.clientId,
    origin: 'inProcess',
    stop: () => started.stop(),
  };
}

function readCa(endpoint: DemoEndpoint): string | undefined {
  try {
    return readFileSync(endpoint.caCertificate, 'utf8');
  } catch {
    return undefined;
  }
}
