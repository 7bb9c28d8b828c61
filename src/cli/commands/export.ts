// intune-desk export <entity> --format csv|json [--out FILE]
import { resolve } from 'node:path';
import type { EntityKind } from '../../core/inventory/entity-tables.ts';
import { stringOption } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';
import { parseFormat } from '../output/format.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'export';

/** What a technician types, and the inventory's name for it. */
const ENTITIES: Readonly<Record<string, EntityKind | 'devices'>> = {
  devices: 'devices',
  users: 'users',
  apps: 'mobileApps',
  configurations: 'deviceConfigurations',
  compliance: 'compliancePolicies',
  roles: 'roleDefinitions',
  'role-assignments': 'roleAssignments',
  'service-configuration': 'serviceConfiguration',
};

export interface ExportRequest {
  /** As typed: "apps". */
  readonly name: string;
  readonly entity: EntityKind | 'devices';
  readonly format: 'csv' | 'json';
  /** Absolute path of the file to write; stdout when undefined. */
  readonly out: string | undefined;
}

export const exportCommand: CommandSpec = {
  name: NAME,
  summary: 'export what the offline inventory holds, as CSV or JSON',
  synopsis: `export <${Object.keys(ENTITIES).join('|')}> --format csv|json [--out FILE]`,
  description: `Writes everything the offline inventory holds of one kind, streamed, to stdout or to a file
(written whole: under a temporary name until it is complete). Works offline.
CSV is RFC 4180 (quoted where needed, CRLF line ends), and safe to open in a spreadsheet: text
that starts with = + - or @ is prefixed with ' so it cannot run as a formula. Devices export every
projected column; other entities export id, displayName, detail, odataType in CSV and the whole
object in JSON. The format can also come from --out's extension (.csv, .json).`,
  options: { ...HELP_OPTION, format: { type: 'string' }, out: { type: 'string' } },
  optionHelp: [
    ['--format F', 'csv or json'],
    ['--out FILE', 'write to FILE instead of stdout'],
  ],
  positionals: { min: 1, max: 1, name: `an entity: ${Object.keys(ENTITIES).join(', ')}` },
  examples: ['intune-desk export devices --format csv --out devices.csv', 'intune-desk export apps --format json | jq length'],
  run: async (args, context) => {
    const name = (args.positionals[0] ?? '').toLowerCase();
    const entity = ENTITIES[name];
    if (entity === undefined) throw new UsageError(`Cannot export "${args.positionals[0] ?? ''}": use ${Object.keys(ENTITIES).join(', ')}.`, NAME);
    const out = stringOption(args, 'out');
    const fromExtension = out === undefined ? undefined : /\.(csv|json)$/i.exec(out)?.[1]?.toLowerCase();
    const format = parseFormat(stringOption(args, 'format') ?? fromExtension, ['csv', 'json'] as const, undefined, NAME);
    const request: ExportRequest = { name, entity, format, out: out === undefined ? undefined : resolve(out) };
    return (await import('../actions/export.ts')).exportEntity(request, context);
  },
};
