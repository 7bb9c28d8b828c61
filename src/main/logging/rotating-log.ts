// The main process's log files: one line of JSON per entry in <dir>/main.log, moved to
// main.1.log (and main.1 to main.2, …) when the next line would make it larger than maxBytes,
// keeping `keep` files in all. Writes are synchronous appends: a log line written just before a
// crash is on disk, and entries from one process never interleave. Everything written passes
// through redact.ts first.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactFields, redactText } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';

export interface RotatingLogOptions {
  readonly dir: string;
  /** File name without extension: main → main.log, main.1.log, … */
  readonly name?: string;
  readonly maxBytes?: number;
  /** Files kept, the current one included (at least 1). */
  readonly keep?: number;
  readonly now?: () => Date;
}

export class RotatingLog {
  readonly dir: string;
  private readonly name: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private size: number | undefined;

  constructor(options: RotatingLogOptions) {
    this.dir = options.dir;
    this.name = options.name ?? 'main';
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = Math.max(1, options.keep ?? 5);
    this.now = options.now ?? (() => new Date());
  }

  get currentPath(): string {
    return this.pathOf(0);
  }

  /** The n-th file: 0 is the one being written, 1 the one before it, … */
  pathOf(index: number): string {
    return join(this.dir, index === 0 ? `${this.name}.log` : `${this.name}.${index}.log`);
  }

  write(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void {
    const entry = { at: this.now().toISOString(), level, message: redactText(message), ...(fields ? { fields: redactFields(fields) } : {}) };
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size === undefined) {
        mkdirSync(this.dir, { recursive: true });
        this.size = sizeOf(this.currentPath);
      }
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.currentPath, line, { mode: 0o600 });
      this.size += bytes;
    } catch (error) {
      // Logging must never take the app down; say so where someone running it from a terminal sees it.
      process.stderr.write(`Intune Desk could not write its log in ${this.dir}: ${(error as Error).message}\n`);
      this.size = undefined;
    }
  }

  private rotate(): void {
    rmSync(this.pathOf(this.keep - 1), { force: true });
    for (let index = this.keep - 2; index >= 0; index--) {
      try {
        renameSync(this.pathOf(index), this.pathOf(index + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    this.size = 0;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
