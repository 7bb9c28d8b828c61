// The CLI as a function: arguments in, output on the context's streams, exit status out.
// Every failure ends here as a message a technician can act on and a status: 2 for a command
// line that cannot be run, 1 for a problem, 130 when Ctrl-C stopped it.
import packageJson from '../../package.json' with { type: 'json' };
import { EncryptionUnavailableError } from '../core/auth/cache-encryptor.ts';
import { CacheLockTimeoutError } from '../core/auth/cache-lock.ts';
import { CacheProtectedElsewhereError } from '../core/auth/token-cache-file.ts';
import { ProblemError } from '../core/problem.ts';
import { asksForHelp, parseCommandArgs } from './args.ts';
import { COMMANDS, commandNamed } from './commands/index.ts';
import { ConfigFileError } from '../core/config/config-error.ts';
import type { CliContext } from './context.ts';
import { commandHelp, overallHelp } from './help.ts';
import { formatProblem, hintFor } from './output/problem-output.ts';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, UsageError } from './usage-error.ts';

export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    return await dispatch(argv, context);
  } catch (error) {
    return report(error, context);
  }
}

async function dispatch(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    await context.err.write(overallHelp(COMMANDS));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    await context.out.write(overallHelp(COMMANDS));
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    await context.out.write(`intune-desk ${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const [topic, ...extra] = rest;
    if (extra.length > 0) throw new UsageError('"intune-desk help" takes one command name.');
    if (topic === undefined) {
      await context.out.write(overallHelp(COMMANDS));
      return EXIT_OK;
    }
    const command = commandNamed(topic);
    if (!command) throw new UsageError(unknownCommand(topic));
    await context.out.write(commandHelp(command));
    return EXIT_OK;
  }
  const command = commandNamed(name);
  if (!command) throw new UsageError(unknownCommand(name));
  if (asksForHelp(rest)) {
    await context.out.write(commandHelp(command));
    return EXIT_OK;
  }
  const args = parseCommandArgs(command.name, rest, command.options, command.positionals);
  return command.run(args, context);
}

function unknownCommand(name: string): string {
  const near = COMMANDS.map((c) => ({ c, d: editDistance(c.name, name.toLowerCase()) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d)[0]?.c;
  return `"${name}" is not an intune-desk command.${near ? ` Did you mean "${near.name}"?` : ''} Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`;
}

async function report(error: unknown, context: CliContext): Promise<number> {
  if (error instanceof UsageError) {
    const help = error.command ? `intune-desk ${error.command} --help` : 'intune-desk --help';
    await context.err.write(`error: ${error.message}\nRun "${help}" for usage.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ProblemError) {
    if (error.problem.code === 'cancelled' && context.signal.aborted) {
      await context.err.write(`${error.problem.message === 'Cancelled.' ? 'Cancelled.' : error.problem.message}\n`);
      return EXIT_INTERRUPTED;
    }
    await context.err.write(formatProblem(error.problem, hintFor(error.problem)));
    return EXIT_PROBLEM;
  }
  if (error instanceof ConfigFileError || error instanceof CacheProtectedElsewhereError || error instanceof EncryptionUnavailableError || error instanceof CacheLockTimeoutError) {
    await context.err.write(`error: ${error.message}\n`);
    return EXIT_PROBLEM;
  }
  const detail = error instanceof Error ? (context.env['INTUNE_DESK_DEBUG'] ? (error.stack ?? error.message) : error.message) : String(error);
  await context.err.write(`error: something unexpected went wrong: ${detail}\n(Set INTUNE_DESK_DEBUG=1 for the details.)\n`);
  return EXIT_PROBLEM;
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
