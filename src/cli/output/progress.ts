// One progress line on stderr. On a terminal it is redrawn in place; into a file or a pipe
// (CI logs, tests) it is written as separate lines, at most one a second, so logs stay short.

import type { TextOutput } from '../context.ts';

const MIN_INTERVAL_MS = 1000;

export class ProgressLine {
  private readonly err: TextOutput;
  private readonly now: () => number;
  private lastWritten = 0;
  private shown = false;
  private pending: string | undefined;

  constructor(err: TextOutput, now: () => number) {
    this.err = err;
    this.now = now;
  }

  update(text: string): void {
    if (this.err.isTTY) {
      const width = Math.max(20, (this.err.columns ?? 80) - 1);
      const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      void this.err.write(`\r\u001b[2K${line}`);
      this.shown = true;
      return;
    }
    const at = this.now();
    if (at - this.lastWritten < MIN_INTERVAL_MS) {
      this.pending = text;
      return;
    }
    this.lastWritten = at;
    this.pending = undefined;
    void this.err.write(`${text}\n`);
  }

  /** Ends the line (a terminal's cursor goes to the next line); a log gets the last state. */
  async finish(): Promise<void> {
    if (this.err.isTTY) {
      if (this.shown) await this.err.write('\n');
    } else if (this.pending !== undefined) {
      await this.err.write(`${this.pending}\n`);
    }
    this.shown = false;
    this.pending = undefined;
  }
}
