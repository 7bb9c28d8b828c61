// The demo tenant's files in a data folder (the CLI's config folder, or the desktop host's):
//   demo-tenant/          its data folder (certificates, signing keys, consents, refresh tokens, writes)
//   demo.json             how it was started (port, devices, seed), so the next start matches:
//                         the same port keeps the token cache's sign-ins valid (MSAL keys them by
//                         host:port), the same devices and seed keep the data folder usable
//   demo-endpoint.json    while "intune-desk demo" runs: where it listens, for other commands
//   demo-tenant.lock      the process currently running the demo tenant on that data folder
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isObject } from '../config/config-error.ts';

export interface DemoSettings {
  readonly port: number;
  readonly devices: number;
  readonly seed: number;
}

export interface DemoEndpoint {
  readonly version: 1;
  readonly baseUrl: string;
  /** Path of the demo tenant's CA certificate (PEM). */
  readonly caCertificate: string;
  readonly clientId: string;
  readonly pid: number;
  readonly startedAt: string;
  readonly dataDir: string;
}

export const DEFAULT_DEMO_SETTINGS: DemoSettings = { port: 0, devices: 2000, seed: 1 };

export function demoDataDir(configDir: string): string {
  return join(configDir, 'demo-tenant');
}

export function demoEndpointPath(configDir: string): string {
  return join(configDir, 'demo-endpoint.json');
}

function demoSettingsPath(configDir: string): string {
  return join(configDir, 'demo.json');
}

/** Settings of the last start; defaults when there was none or the file is unreadable (it is only a memory). */
export function readDemoSettings(configDir: string): DemoSettings {
  const value = readJson(demoSettingsPath(configDir));
  if (!isObject(value)) return DEFAULT_DEMO_SETTINGS;
  const whole = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
  const { port, devices, seed } = value;
  return {
    port: whole(port, 65535) ? port : DEFAULT_DEMO_SETTINGS.port,
    devices: whole(devices, 1_000_000) ? devices : DEFAULT_DEMO_SETTINGS.devices,
    seed: whole(seed, 2 ** 32 - 1) ? seed : DEFAULT_DEMO_SETTINGS.seed,
  };
}

export function writeDemoSettings(configDir: string, settings: DemoSettings): void {
  writeJson(demoSettingsPath(configDir), settings);
}

/** The endpoint a running "intune-desk demo" published, if the file is there and well formed. */
export function readDemoEndpoint(configDir: string): DemoEndpoint | undefined {
  const value = readJson(demoEndpointPath(configDir));
  if (!isObject(value)) return undefined;
  const { version, baseUrl, caCertificate, clientId, pid, startedAt, dataDir } = value;
  if (version !== 1 || typeof baseUrl !== 'string' || !/^https:\/\/[^/]+$/.test(baseUrl) || typeof caCertificate !== 'string' || typeof clientId !== 'string') return undefined;
  if (typeof pid !== 'number' || typeof startedAt !== 'string' || typeof dataDir !== 'string') return undefined;
  return { version, baseUrl, caCertificate, clientId, pid, startedAt, dataDir };
}

export function writeDemoEndpoint(configDir: string, endpoint: DemoEndpoint): void {
  writeJson(demoEndpointPath(configDir), endpoint);
}

/** Removes the endpoint file if it is still the one `pid` wrote. */
export function removeDemoEndpoint(configDir: string, pid: number): void {
  const current = readDemoEndpoint(configDir);
  if (current === undefined || current.pid === pid) rmSync(demoEndpointPath(configDir), { force: true });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
