// Command lines parsed with Node's util.parseArgs in strict mode, its errors reworded as usage
// errors that name the command, and typed readers for the values.
import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, OptionValue>>;
  readonly positionals: readonly string[];
}

export interface PositionalSpec {
  readonly min: number;
  readonly max: number;
  /** How the help names it, e.g. "<name|id>". */
  readonly name?: string;
}

export function parseCommandArgs(command: string, argv: readonly string[], options: ParseArgsOptionsConfig, positionals: PositionalSpec): ParsedArgs {
  let parsed: { values: Record<string, OptionValue>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals.max > 0 }) as { values: Record<string, OptionValue>; positionals: string[] };
  } catch (error) {
    throw new UsageError(reword(error, command), command);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`"intune-desk ${command}" needs ${positionals.name ?? 'an argument'}.`, command);
  if (count > positionals.max) {
    const extra = parsed.positionals[positionals.max] ?? '';
    throw new UsageError(positionals.max === 0 ? `"intune-desk ${command}" takes no argument, but got "${extra}".` : `"intune-desk ${command}" takes one ${positionals.name ?? 'argument'}; "${extra}" is one too many (quote a name that has spaces).`, command);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Whether the command line asks for help (before any "--"). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function reword(error: unknown, command: string): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option ?? message} for "intune-desk ${command}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `${option ?? 'An option'} needs a value.`;
      if (/ambiguous/.test(message)) return `${option ?? 'An option'} needs a value; to give one that starts with "-", write ${option ?? '--option'}=-value.`;
      if (/does not take an argument/.test(message)) return `${option ?? 'That option'} takes no value.`;
      return message.split('\n')[0] ?? message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"intune-desk ${command}" takes no argument, but got ${/'([^']*)'/.exec(message)?.[0] ?? 'one'}.`;
    default:
      return message;
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (Array.isArray(value)) {
    const last = value[value.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A repeatable option, each value also split on commas: --feature apps,policies --feature roles. */
export function listOption(args: ParsedArgs, name: string, splitCommas = true): readonly string[] {
  const value = args.values[name];
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const strings = raw.filter((v): v is string => typeof v === 'string');
  return splitCommas ? strings.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '') : strings;
}

/** A whole number option within bounds, or undefined when absent. */
export function integerOption(args: ParsedArgs, name: string, min: number, max: number, command: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}".`, command);
  }
  return Number(text);
}
