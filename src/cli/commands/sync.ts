// intune-desk sync [--full]
import { booleanOption } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';

const NAME = 'sync';

export interface SyncRequest {
  readonly full: boolean;
}

export const sync: CommandSpec = {
  name: NAME,
  summary: 'bring the offline inventory up to date (full or incremental, as needed)',
  synopsis: 'sync [--full]',
  description: `Brings the current tenant's offline inventory up to date from Intune. The sync engine
decides: an incremental refresh (devices that checked in since the last run) when it can, a full
sync (every device, swapped in whole) when there is no data yet or a reconcile is due; --full
forces one. Progress goes to stderr (pages, devices, rate, time left), the summary to stdout.
Users are refreshed from the devices (the people Intune knows through their devices); apps,
configuration profiles, compliance policies, Intune roles and tenant settings too when the
sign-in holds their permission ("intune-desk login --feature apps,policies,roles,tenantSettings").

Ctrl-C cancels: the inventory keeps the data of the last completed sync.`,
  options: { ...HELP_OPTION, full: { type: 'boolean' } },
  optionHelp: [['--full', 'fetch every device, even when an incremental refresh would do']],
  positionals: { min: 0, max: 0 },
  examples: ['intune-desk sync', 'intune-desk sync --full'],
  run: async (args, context) => (await import('../actions/sync.ts')).sync({ full: booleanOption(args, 'full') }, context),
};
