// intune-desk devices [--mine] [--search Q] [--filter …] [--sort col] [--format table|csv|json] [--limit N]
import type { DeviceFilter } from '../../core/inventory/device-query.ts';
import type { DeviceSort } from '../../core/inventory/device-query.ts';
import { booleanOption, integerOption, listOption, stringOption } from '../args.ts';
import type { ParsedArgs } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';
import { FILTER_KEYS, parseDeviceFilter, parseDeviceSort } from '../device-filter.ts';
import { parseFormat } from '../output/format.ts';
import type { OutputFormat } from '../output/format.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'devices';
const TABLE_LIMIT = 200;

export interface DevicesRequest {
  readonly mine: boolean;
  readonly search: string | undefined;
  readonly filter: DeviceFilter;
  readonly sort: DeviceSort | undefined;
  readonly format: OutputFormat;
  /** Rows to show; undefined: all. */
  readonly limit: number | undefined;
}

export const devices: CommandSpec = {
  name: NAME,
  summary: 'list devices from the offline inventory (works offline); --mine: yours, live',
  synopsis: 'devices [--mine] [--search Q] [--filter KEY=VALUE,…] [--sort COLUMN[:desc]] [--format table|csv|json] [--limit N]',
  description: `Lists the current tenant's devices from the offline inventory, so it answers at once and
without a network; when the service cannot be reached it says as of when the data is.
--search matches any part of the device name, user, serial number, IMEI, MAC address or model.
--filter keys: os, compliance, ownership, category (value|value for any of), stale (days without
check-in), or any device column with = != ~ (contains) < <= > >=. The table shows the first
${TABLE_LIMIT} devices unless --limit says otherwise; CSV and JSON hold every match.

--mine lists the signed-in user's own devices live from Microsoft Graph (GET /me/managedDevices,
the console sample of Microsoft's "use Azure AD to access the Intune APIs" article); offline, it
lists the inventory's devices of that user instead, as of the last sync.`,
  options: {
    ...HELP_OPTION,
    mine: { type: 'boolean' },
    search: { type: 'string' },
    filter: { type: 'string', multiple: true },
    sort: { type: 'string' },
    format: { type: 'string' },
    limit: { type: 'string' },
  },
  optionHelp: [
    ['--mine', 'only the signed-in user\'s devices, live from Graph'],
    ['--search Q', 'devices whose name, user, serial, IMEI, MAC or model contains Q'],
    ['--filter F', `${FILTER_KEYS.join(', ')} or a device column, e.g. os=Windows,compliance=noncompliant (repeatable)`],
    ['--sort COLUMN', 'sort by a device column or name, user, os, compliance, lastSync…; add :desc (or write --sort=-COLUMN)'],
    ['--format F', 'table (default), csv or json'],
    ['--limit N', `show at most N devices (0: all; default ${TABLE_LIMIT} for a table, all otherwise)`],
  ],
  positionals: { min: 0, max: 0 },
  examples: [
    'intune-desk devices --search surface',
    'intune-desk devices --filter os=Windows,compliance=noncompliant --sort lastSync:desc',
    'intune-desk devices --filter stale=30 --format csv > stale.csv',
    'intune-desk devices --mine',
  ],
  run: async (args, context) => {
    const request = checkArgs(args);
    return (await import('../actions/devices.ts')).devices(request, context);
  },
};

function checkArgs(args: ParsedArgs): DevicesRequest {
  const mine = booleanOption(args, 'mine');
  const search = stringOption(args, 'search');
  const filters = listOption(args, 'filter', false);
  if (mine && (search !== undefined || filters.length > 0)) {
    throw new UsageError('--mine lists the few devices of the signed-in user; --search and --filter work on the whole inventory, without --mine.', NAME);
  }
  const format = parseFormat(stringOption(args, 'format'), ['table', 'csv', 'json'] as const, 'table', NAME);
  const limit = integerOption(args, 'limit', 0, Number.MAX_SAFE_INTEGER, NAME);
  return {
    mine,
    search,
    filter: parseDeviceFilter(filters, NAME),
    sort: parseDeviceSort(stringOption(args, 'sort'), NAME),
    format,
    limit: limit === 0 ? undefined : (limit ?? (format === 'table' ? TABLE_LIMIT : undefined)),
  };
}
