// intune-desk tenants [--use ID] [--format table|json]
import { stringOption } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';
import { parseFormat } from '../output/format.ts';

const NAME = 'tenants';

export interface TenantsRequest {
  readonly format: 'table' | 'json';
  /** A profile to make current first. */
  readonly use: string | undefined;
}

export const tenants: CommandSpec = {
  name: NAME,
  summary: 'list the tenant profiles and who is signed in to each; --use switches',
  synopsis: 'tenants [--use PROFILE] [--format table|json]',
  description: `Lists the tenant profiles of this computer (config.json, and the tenant a machine policy
sets), marks the current one with *, and shows the account signed in to each. With no tenant
configured the demo tenant is current; the list says whether it is running.
--use makes another profile current without signing in again.`,
  options: { ...HELP_OPTION, use: { type: 'string' }, format: { type: 'string' } },
  optionHelp: [
    ['--use PROFILE', 'make PROFILE (an id from the list) the current profile'],
    ['--format F', 'table (default) or json'],
  ],
  positionals: { min: 0, max: 0 },
  run: async (args, context) => {
    const request: TenantsRequest = { format: parseFormat(stringOption(args, 'format'), ['table', 'json'] as const, 'table', NAME), use: stringOption(args, 'use') };
    return (await import('../actions/tenants.ts')).tenants(request, context);
  },
};
