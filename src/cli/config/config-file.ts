// The user's settings: <config dir>/config.json, the tenant profiles the CLI knows and which one
// is current. Checked whole on every read; a file that fails the check is reported (file, field,
// what is wrong) and never rewritten: only "login --reset-config" moves it aside, under a new
// name next to it, before writing a fresh one.
//
// {
//   "version": 1,
//   "currentProfile": "contoso.onmicrosoft.com",
//   "profiles": [
//     { "id": "contoso.onmicrosoft.com", "label": "Contoso", "kind": "entra", "tenant": "contoso.onmicrosoft.com",
//       "clientId": "0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60", "authorityHost": "login.microsoftonline.com" },
//     { "id": "demo", "label": "Demo tenant", "kind": "demo", "tenant": "organizations" }
//   ]
// }
//
// A demo profile names only the tenant: the demo tenant's address and certificate change when
// it restarts, so they are read from the running demo (demo-endpoint.json), not stored here.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isGuid } from '../../core/auth/tenant-profile.ts';
import { ConfigFileError, describeValue, isObject, parseJson } from '../../core/config/config-error.ts';
import { isHostName } from '../../core/config/host-name.ts';
import { normalTenant, tenantNameIssue } from '../../core/config/tenant-name.ts';

export type ProfileKind = 'demo' | 'entra';

export interface StoredProfile {
  readonly id: string;
  readonly label: string;
  readonly kind: ProfileKind;
  /** Tenant GUID, domain, "organizations" or "common". */
  readonly tenant: string;
  /** entra: the app registration's client id (Intune Desk's own by default). */
  readonly clientId?: string;
  /** entra: the sign-in host (login.microsoftonline.com by default; another for national clouds). */
  readonly authorityHost?: string;
}

export interface CliConfig {
  readonly version: 1;
  readonly currentProfile?: string;
  readonly profiles: readonly StoredProfile[];
}

const FIX_ADVICE = 'Fix the file, or run "intune-desk login --reset-config" to keep it aside and start new settings.';
export const EMPTY_CONFIG: CliConfig = { version: 1, profiles: [] };
const PROFILE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function configFilePath(configDir: string): string {
  return join(configDir, 'config.json');
}

/** The settings, or the empty settings when there is no file yet. Throws ConfigFileError when the file cannot be used. */
export function readConfig(path: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_CONFIG;
    throw new ConfigFileError(path, `cannot be read (${(error as Error).message}).`);
  }
  return checkConfig(path, parseJson(path, text, 'settings file', FIX_ADVICE));
}

export function checkConfig(path: string, value: unknown): CliConfig {
  const fail = (what: string): never => {
    throw new ConfigFileError(path, what, FIX_ADVICE);
  };
  if (!isObject(value)) return fail(`the settings must be a JSON object, not ${describeValue(value)}.`);
  for (const key of Object.keys(value)) if (!['version', 'currentProfile', 'profiles'].includes(key)) fail(`unknown setting "${key}" (expected version, currentProfile, profiles).`);
  if (value['version'] !== 1) fail(`"version" must be 1, not ${describeValue(value['version'])}.`);
  const list = value['profiles'] ?? [];
  if (!Array.isArray(list)) return fail(`"profiles" must be a list, not ${describeValue(list)}.`);
  const profiles = list.map((p: unknown, i: number) => {
    const issue = profileIssue(p);
    return issue === undefined ? (p as StoredProfile) : fail(`profiles[${i}]: ${issue}`);
  });
  const ids = new Set<string>();
  for (const p of profiles) {
    if (ids.has(p.id.toLowerCase())) fail(`two profiles have the id "${p.id}".`);
    ids.add(p.id.toLowerCase());
  }
  const current = value['currentProfile'];
  if (current !== undefined && (typeof current !== 'string' || !profiles.some((p) => p.id === current))) {
    fail(`"currentProfile" is ${describeValue(current)}, which names none of the profiles (${profiles.map((p) => p.id).join(', ') || 'there are none'}).`);
  }
  return { version: 1, profiles, ...(typeof current === 'string' ? { currentProfile: current } : {}) };
}

function profileIssue(value: unknown): string | undefined {
  if (!isObject(value)) return `a profile must be an object, not ${describeValue(value)}.`;
  for (const key of Object.keys(value)) {
    if (!['id', 'label', 'kind', 'tenant', 'clientId', 'authorityHost'].includes(key)) return `unknown setting "${key}" (expected id, label, kind, tenant, clientId, authorityHost).`;
  }
  const { id, label, kind, tenant, clientId, authorityHost } = value;
  if (typeof id !== 'string' || !PROFILE_ID.test(id)) return `"id" must be 1 to 64 letters, digits, ".", "_" or "-"; got ${describeValue(id)}.`;
  if (typeof label !== 'string' || label.trim() === '') return `"label" must be a name to show, such as "Contoso"; got ${describeValue(label)}.`;
  if (kind !== 'demo' && kind !== 'entra') return `"kind" must be "entra" or "demo"; got ${describeValue(kind)}.`;
  if (typeof tenant !== 'string') return `"tenant" must be a tenant GUID, a domain, "organizations" or "common"; got ${describeValue(tenant)}.`;
  const tenantIssue = tenantNameIssue(tenant);
  if (tenantIssue) return `"tenant": ${tenantIssue}`;
  if (clientId !== undefined && (typeof clientId !== 'string' || !isGuid(clientId))) return `"clientId" must be the app registration's Application (client) ID, a GUID; got ${describeValue(clientId)}.`;
  if (authorityHost !== undefined && (typeof authorityHost !== 'string' || !isHostName(authorityHost))) return `"authorityHost" must be a host name such as login.microsoftonline.com; got ${describeValue(authorityHost)}.`;
  if (kind === 'demo' && (clientId !== undefined || authorityHost !== undefined)) return 'a demo profile takes no clientId or authorityHost: the demo tenant says its own.';
  return undefined;
}

/** Writes the settings whole (a temporary file renamed over the old one), readable by this user only. */
export function writeConfig(path: string, config: CliConfig): void {
  checkConfig(path, config);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Moves a settings file aside (config.json.damaged-<time>) and returns where it went. */
export function setConfigAside(path: string, now: number): string {
  const target = `${path}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, target);
  return target;
}

/** The profile a login creates for a tenant: its id says which tenant and whether it is the demo's. */
export function profileFor(kind: ProfileKind, tenant: string, extra: { readonly clientId?: string; readonly authorityHost?: string; readonly label?: string } = {}): StoredProfile {
  const t = normalTenant(tenant);
  if (kind === 'demo') return { id: t === 'organizations' ? 'demo' : `demo.${t}`, label: extra.label ?? (t === 'organizations' ? 'Demo tenant' : `Demo tenant (${t})`), kind, tenant: t };
  return {
    id: t,
    label: extra.label ?? t,
    kind,
    tenant: t,
    ...(extra.clientId !== undefined ? { clientId: extra.clientId.toLowerCase() } : {}),
    ...(extra.authorityHost !== undefined ? { authorityHost: extra.authorityHost.toLowerCase() } : {}),
  };
}

/** The settings with `profile` added or replaced, and made current. */
export function withCurrentProfile(config: CliConfig, profile: StoredProfile): CliConfig {
  return { version: 1, currentProfile: profile.id, profiles: [...config.profiles.filter((p) => p.id !== profile.id), profile] };
}
