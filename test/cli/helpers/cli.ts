// The intune-desk CLI as a child process, as a technician runs it: its own config folder (so
// nothing of this machine's settings, sign-ins or machine policy leaks in), its output collected,
// lines on stdout or stderr awaited, signals sent.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../../src/cli/intune-desk.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in the stream's text so far or to come; rejects if the process ends first. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray>;
  readonly exited: Promise<CliResult>;
  /** Sends `signal` (if still running) and waits for the end. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

export interface CliHome {
  readonly configDir: string;
  readonly env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/** A config folder of its own, no machine policy, and a browser command that opens nothing. */
export async function cliHome(extraEnv: NodeJS.ProcessEnv = {}): Promise<CliHome> {
  const configDir = await mkdtemp(join(tmpdir(), 'intune-desk-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, INTUNE_DESK_CONFIG_DIR: configDir, INTUNE_DESK_POLICY_FILE: '', BROWSER: 'false', ...extraEnv };
  delete env['INTUNE_DESK_DEBUG'];
  return { configDir, env, remove: () => rm(configDir, { recursive: true, force: true }) };
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  // Under `npm test` this is the project's Node 24, which runs the TypeScript as it is.
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const text = { stdout: '', stderr: '' };
  const waiting: { stream: 'stdout' | 'stderr'; pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiting]) {
      const match = w.pattern.exec(text[w.stream]);
      if (match) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { text.stdout += chunk; check(); });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { text.stderr += chunk; check(); });
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: text.stdout, stderr: text.stderr }));
  });
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor(stream, pattern) {
      const match = pattern.exec(text[stream]);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        waiting.push({ stream, pattern, resolve });
        void exited.then((r) => reject(new Error(`intune-desk ${args.join(' ')} ended (code ${r.code}) before ${stream} matched ${pattern}.\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`)));
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a command to its end. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  const running = startCli(args, env);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  return running.exited.finally(() => clearTimeout(timer));
}

/** For assertion messages: what the command printed. */
export function shown(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
