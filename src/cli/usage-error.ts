// A command line that cannot be run as typed: an unknown command or option, a missing or bad
// value. The CLI prints the message with a pointer to --help and exits with status 2, as the
// shells' own builtins do for usage errors; problems with the tenant or the data exit with 1.
export class UsageError extends Error {
  /** The command whose help explains what to type, when there is one. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT: what a shell reports for a command stopped with Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
