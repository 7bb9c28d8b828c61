// The machine-wide settings IT deploys: /etc/intune-desk/policy.json (Linux),
// /Library/Application Support/IntuneDesk/policy.json (macOS), %ProgramData%\IntuneDesk\policy.json
// (Windows), or the file INTUNE_DESK_POLICY_FILE names (an empty value: no machine policy).
// Its values win over the user's: a tenant set here is the tenant, whatever config.json (the CLI)
// or tenants.json (the desktop app) says.
//
// { "tenant": "contoso.onmicrosoft.com", "label": "Contoso", "clientId": "…", "authorityHost": "login.microsoftonline.com", "allowDemo": false }
//
// This is central configuration, not a security boundary: a user who can run programs can run
// another copy. A damaged policy file stops the CLI with a message naming it, rather than the
// CLI quietly falling back to the user's own tenant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGuid } from '../auth/tenant-profile.ts';
import { isHostName } from './host-name.ts';
import { ConfigFileError, describeValue, isObject, parseJson } from './config-error.ts';
import { normalTenant, tenantNameIssue } from './tenant-name.ts';

const ADVICE = 'This machine-wide policy is set by IT; ask them to fix it.';

export interface MachinePolicy {
  readonly path: string;
  readonly tenant?: string;
  readonly label?: string;
  readonly clientId?: string;
  readonly authorityHost?: string;
  /** false: the demo tenant is not offered on this machine. */
  readonly allowDemo?: boolean;
}

export function policyFilePath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  const override = env['INTUNE_DESK_POLICY_FILE'];
  if (override !== undefined) return override === '' ? undefined : override;
  if (platform === 'win32') return join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'IntuneDesk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/IntuneDesk/policy.json';
  return '/etc/intune-desk/policy.json';
}

/** The machine policy, or undefined when there is none. Throws ConfigFileError when it cannot be used. */
export function readPolicy(path: string | undefined): MachinePolicy | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigFileError(path, `the machine policy cannot be read (${(error as Error).message}). Ask IT to check it.`);
  }
  const value = parseJson(path, text, 'machine policy', ADVICE);
  const fail = (what: string): never => {
    throw new ConfigFileError(path, what, ADVICE);
  };
  if (!isObject(value)) return fail(`the machine policy must be a JSON object, not ${describeValue(value)}.`);
  const known = ['tenant', 'label', 'clientId', 'authorityHost', 'allowDemo'];
  for (const key of Object.keys(value)) if (!known.includes(key)) fail(`unknown setting "${key}" (expected ${known.join(', ')}).`);
  const { tenant, label, clientId, authorityHost, allowDemo } = value;
  if (tenant !== undefined) {
    if (typeof tenant !== 'string') fail(`"tenant" must be a string, not ${describeValue(tenant)}.`);
    const issue = tenantNameIssue(String(tenant));
    if (issue) fail(`"tenant": ${issue}`);
  }
  if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) fail(`"label" must be a name to show; got ${describeValue(label)}.`);
  if (clientId !== undefined && (typeof clientId !== 'string' || !isGuid(clientId))) fail(`"clientId" must be an Application (client) ID, a GUID; got ${describeValue(clientId)}.`);
  if (authorityHost !== undefined && (typeof authorityHost !== 'string' || !isHostName(authorityHost))) fail(`"authorityHost" must be a host name such as login.microsoftonline.com; got ${describeValue(authorityHost)}.`);
  if (allowDemo !== undefined && typeof allowDemo !== 'boolean') fail(`"allowDemo" must be true or false; got ${describeValue(allowDemo)}.`);
  return {
    path,
    ...(typeof tenant === 'string' ? { tenant: normalTenant(tenant) } : {}),
    ...(typeof label === 'string' ? { label: label.trim() } : {}),
    ...(typeof clientId === 'string' ? { clientId: clientId.toLowerCase() } : {}),
    ...(typeof authorityHost === 'string' ? { authorityHost: authorityHost.toLowerCase() } : {}),
    ...(typeof allowDemo === 'boolean' ? { allowDemo } : {}),
  };
}
