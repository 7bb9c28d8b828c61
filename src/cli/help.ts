// The help texts: "intune-desk --help" lists the commands, "intune-desk <command> --help" (or
// "intune-desk help <command>") explains one.
import type { CommandSpec } from './command.ts';

export function commandHelp(command: CommandSpec): string {
  const flagWidth = Math.max(0, ...command.optionHelp.map(([flag]) => flag.length), '-h, --help'.length);
  const options = [...command.optionHelp, ['-h, --help', 'show this help'] as const]
    .map(([flag, text]) => `  ${flag.padEnd(flagWidth)}  ${text}`)
    .join('\n');
  const examples = command.examples && command.examples.length > 0 ? `\n\nExamples:\n${command.examples.map((e) => `  ${e}`).join('\n')}` : '';
  return `Usage: intune-desk ${command.synopsis}\n\n${command.description}\n\nOptions:\n${options}${examples}\n`;
}

export function overallHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: intune-desk <command> [options]

Intune Desk from the command line: sign in to a tenant, keep an offline inventory of its devices
in sync, and search, list and export it, online or not. With no tenant configured it uses the
built-in demo tenant.

Commands:
${list}
  ${'help'.padEnd(width)}  show the help of a command: intune-desk help <command>

Run "intune-desk <command> --help" for a command's options.

Exit status: 0 done; 1 a problem (sign-in, permission, service, settings); 2 a command line that
cannot be run (unknown command or option, bad value); 130 interrupted with Ctrl-C.

Environment: INTUNE_DESK_CONFIG_DIR (settings, sign-in cache and inventory folder),
INTUNE_DESK_POLICY_FILE (machine policy file; empty for none), BROWSER (command that opens the
sign-in page).
`;
}
