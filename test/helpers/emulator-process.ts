// `npm run emulator` as a real child process: what a developer or the app's launcher sees.
// The ready line is the first line on stdout; everything else the process says goes to stderr.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReadyInfo } from '../../src/emulator/index.ts';

export const CLI_PATH = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

/** Node 24 runs the TypeScript directly; under an older node, go through the project's own. */
function nodeCommand(): readonly [string, ...string[]] {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 24 ? [process.execPath] : ['npx', 'node'];
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface EmulatorProcess {
  readonly child: ChildProcess;
  readonly ready: ReadyInfo;
  /** The raw ready line, exactly as printed. */
  readonly readyLine: string;
  stderr(): string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

interface Spawned {
  readonly child: ChildProcess;
  readonly out: { stdout: string; stderr: string };
  readonly exited: Promise<Exit>;
}

function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): Spawned {
  const [command, ...prefix] = nodeCommand();
  const child = spawn(command, [...prefix, CLI_PATH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { out.stdout += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { out.stderr += chunk; });
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: out.stdout, stderr: out.stderr }));
  });
  return { child, out, exited };
}

/** Runs the CLI to its end (--help, bad arguments, a start that fails). */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<Exit> {
  const { child, exited } = spawnCli(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return exited.finally(() => clearTimeout(timer));
}

/** Starts the CLI and waits for its ready line; fails with its stderr if it ends first. */
export async function startCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<EmulatorProcess> {
  const { child, out, exited } = spawnCli(args, env);
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`No ready line within ${timeoutMs} ms. stderr:\n${out.stderr}`));
    }, timeoutMs);
    const check = (): void => {
      const end = out.stdout.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(out.stdout.slice(0, end));
    };
    child.stdout?.on('data', check);
    // After the ready line this settles nothing: the promise is already resolved.
    exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`The demo tenant exited (code ${exit.code}, signal ${exit.signal}) before it was ready. stderr:\n${exit.stderr}`));
    }, reject);
  });
  return {
    child,
    ready: JSON.parse(readyLine) as ReadyInfo,
    readyLine,
    stderr: () => out.stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
