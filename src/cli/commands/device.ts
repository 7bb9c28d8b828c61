// intune-desk device <name|id> [--format table|json]
import { stringOption } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';
import { parseFormat } from '../output/format.ts';

const NAME = 'device';

export interface DeviceRequest {
  /** A device id, or a device name. */
  readonly key: string;
  readonly format: 'table' | 'json';
}

export const device: CommandSpec = {
  name: NAME,
  summary: "one device's details, by name or id (live when online)",
  synopsis: 'device <name|id> [--format table|json]',
  description: `Shows one device. It is looked up by id, or by name, in the offline inventory (and in
Intune when it is not there yet); when the service can be reached its details are read live, with
the properties Intune only gives for a single device; offline they come from the inventory, as of
the last sync. Device names are not unique: when several devices share the name, they are listed
and the command asks for an id (exit status 1).`,
  options: { ...HELP_OPTION, format: { type: 'string' } },
  optionHelp: [['--format F', 'table (default) or json']],
  positionals: { min: 1, max: 1, name: '<name|id>' },
  examples: ['intune-desk device 6f1c2d3e-…', 'intune-desk device "Lee\'s iPhone"'],
  run: async (args, context) => {
    const request: DeviceRequest = { key: (args.positionals[0] ?? '').trim(), format: parseFormat(stringOption(args, 'format'), ['table', 'json'] as const, 'table', NAME) };
    return (await import('../actions/device.ts')).device(request, context);
  },
};
