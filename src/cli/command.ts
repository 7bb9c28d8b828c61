// What a command is: its help, its options (for util.parseArgs) and what it does.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ParsedArgs, PositionalSpec } from './args.ts';
import type { CliContext } from './context.ts';

export interface CommandSpec {
  readonly name: string;
  /** One line, for the command list. */
  readonly summary: string;
  /** After "intune-desk ": the command line with its options. */
  readonly synopsis: string;
  /** Paragraphs explaining what it does. */
  readonly description: string;
  readonly options: ParseArgsOptionsConfig;
  /** [flag with its value, what it does], in the order the help lists them. */
  readonly optionHelp: readonly (readonly [string, string])[];
  readonly positionals: PositionalSpec;
  readonly examples?: readonly string[];
  /** Checks the arguments (throwing UsageError) before running; resolves with the exit code. */
  run(args: ParsedArgs, context: CliContext): Promise<number>;
}

export const HELP_OPTION: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
