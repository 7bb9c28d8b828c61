// What a command gets from the process around it. The entry point builds it from the real
// process; nothing below reads process.stdout, process.env or signals directly, so the seams
// (the browser opener, the streams) are in one place.
import type { BrowserOpener } from '../core/auth/index.ts';

/** A text stream a command writes to, with what it needs to know about the terminal. */
export interface TextOutput {
  /** Resolves once the text is handed to the stream (waiting for a full pipe to drain). */
  write(text: string): Promise<void>;
  readonly isTTY: boolean;
  /** Terminal width, when the stream is a terminal. */
  readonly columns: number | undefined;
}

export interface CliContext {
  /** Results: tables, CSV, JSON. Nothing else goes here. */
  readonly out: TextOutput;
  /** Progress, notes, warnings and errors. */
  readonly err: TextOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: long commands stop cleanly. */
  readonly signal: AbortSignal;
  readonly openBrowser: BrowserOpener;
  readonly now: () => number;
}
