// intune-desk logout
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';

export const logout: CommandSpec = {
  name: 'logout',
  summary: 'sign out of the current tenant and delete its offline inventory',
  synopsis: 'logout',
  description: `Signs the current profile's account out: its tokens leave the token cache, for every
profile that account is signed in to (a refresh token belongs to the person, not to one tenant),
and the offline inventory of each of those tenants is deleted, so nothing of the tenant stays on
this computer. Needs no network; a demo profile starts the demo tenant as login does.`,
  options: { ...HELP_OPTION },
  optionHelp: [],
  positionals: { min: 0, max: 0 },
  run: async (_args, context) => (await import('../actions/logout.ts')).logout(context),
};
