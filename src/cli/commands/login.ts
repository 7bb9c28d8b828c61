// intune-desk login [--tenant T] [--device-code] [--feature F…] [--entra | --demo]
import { FEATURES, isFeature } from '../../core/auth/feature-scopes.ts';
import type { Feature } from '../../core/auth/feature-scopes.ts';
import { isGuid } from '../../core/auth/tenant-profile.ts';
import { booleanOption, listOption, stringOption } from '../args.ts';
import type { ParsedArgs } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';
import type { ProfileKind } from '../config/config-file.ts';
import { tenantNameIssue } from '../../core/config/tenant-name.ts';
import { UsageError } from '../usage-error.ts';

export const NAME = 'login';

export interface LoginRequest {
  readonly tenant: string | undefined;
  readonly deviceCode: boolean;
  readonly features: readonly Feature[];
  readonly kind: ProfileKind | undefined;
  readonly clientId: string | undefined;
  readonly resetConfig: boolean;
}

export const login: CommandSpec = {
  name: NAME,
  summary: 'sign in to a tenant (the demo tenant when none is configured)',
  synopsis: 'login [--tenant T] [--device-code] [--feature F] [--entra | --demo] [--client-id ID] [--reset-config]',
  description: `Signs in and makes the tenant the current one; the sign-in is kept, encrypted, in the
token cache of the config folder, so later commands need no browser. Interactive sign-in opens the
system browser (and prints its address); --device-code prints a code to enter at a web address
from any device, for terminals without a browser.

The tenant is a tenant GUID, a domain (contoso.onmicrosoft.com), "organizations" or "common".
With no tenant configured, sign-in goes to the demo tenant: the one "intune-desk demo" runs, or
one started for the time of this command. --entra signs in to Microsoft Entra ID instead, and the
CLI uses that tenant from then on. A machine policy set by IT fixes the tenant.

Only the permission to read devices is asked for at first; --feature asks for more, when you need
it: ${FEATURES.filter((f) => !f.startsWith('edit')).join(', ')}.`,
  options: {
    ...HELP_OPTION,
    tenant: { type: 'string' },
    'device-code': { type: 'boolean' },
    feature: { type: 'string', multiple: true },
    entra: { type: 'boolean' },
    demo: { type: 'boolean' },
    'client-id': { type: 'string' },
    'reset-config': { type: 'boolean' },
  },
  optionHelp: [
    ['--tenant T', 'tenant GUID, domain, organizations or common (default: the current tenant)'],
    ['--device-code', 'sign in with a code entered on another device, instead of a browser here'],
    ['--feature F', `also ask for the permissions of F (repeat, or comma-separate): ${FEATURES.join(', ')}`],
    ['--entra', 'sign in to Microsoft Entra ID (login.microsoftonline.com)'],
    ['--demo', 'sign in to the demo tenant'],
    ['--client-id ID', "with --entra: your organization's own app registration for Intune Desk"],
    ['--reset-config', 'keep a damaged config.json aside (config.json.damaged-<time>) and start a new one'],
  ],
  positionals: { min: 0, max: 0 },
  examples: [
    'intune-desk login --device-code',
    'intune-desk login --tenant contoso.onmicrosoft.com --entra',
    'intune-desk login --feature apps,policies',
  ],
  run: async (args, context) => {
    const request = checkArgs(args);
    return (await import('../actions/login.ts')).login(request, context);
  },
};

function checkArgs(args: ParsedArgs): LoginRequest {
  const tenant = stringOption(args, 'tenant');
  if (tenant !== undefined) {
    const issue = tenantNameIssue(tenant);
    if (issue) throw new UsageError(`--tenant: ${issue}`, NAME);
  }
  const features = listOption(args, 'feature').map((f) => {
    if (!isFeature(f)) throw new UsageError(`--feature: "${f}" is not a feature; use ${FEATURES.join(', ')}.`, NAME);
    return f;
  });
  const entra = booleanOption(args, 'entra');
  const demo = booleanOption(args, 'demo');
  if (entra && demo) throw new UsageError('--entra and --demo exclude each other.', NAME);
  const clientId = stringOption(args, 'client-id');
  if (clientId !== undefined && (!isGuid(clientId) || demo)) throw new UsageError(demo ? '--client-id is for Entra tenants; the demo tenant has its own.' : `--client-id must be an Application (client) ID, a GUID; got "${clientId}".`, NAME);
  return { tenant, deviceCode: booleanOption(args, 'device-code'), features, kind: entra ? 'entra' : demo ? 'demo' : undefined, clientId, resetConfig: booleanOption(args, 'reset-config') };
}
