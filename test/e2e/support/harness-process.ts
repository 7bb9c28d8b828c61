// The browser harness in a child process, started the way a developer starts it: `node
// src/harness/cli.ts --data-dir <fresh folder> --devices N`, with every bridge message recorded
// to a file (INTUNE_DESK_RECORD_BRIDGE). Its one JSON line on stdout says where the page is and
// which certificate the browser must trust for the demo tenant's sign-in pages.
//
// `controls: true` adds --controls: a stdin control to stop the demo tenant (src/harness/controls.ts).
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../src/harness/cli.ts', import.meta.url));
/** The copy of dist/renderer the end-to-end tests' harnesses serve (made by global-setup.ts). */
export const RENDERER_SNAPSHOT = fileURLToPath(new URL('../../../test-results/e2e-renderer/', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** The harness's ready line. */
export interface HarnessReady {
  /** The page, with the run's secret in the fragment. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Base64 SHA-256 of the demo tenant's server key, for --ignore-certificate-errors-spki-list. */
  readonly demoCertificateSpkiSha256: string;
}

export interface HarnessProcessOptions {
  readonly dataDir: string;
  readonly devices: number;
  /** Where every bridge message is recorded, one JSON line each (none when undefined). */
  readonly recordingPath: string | undefined;
  /** Where the harness's log (its stderr) goes. */
  readonly logPath: string;
  readonly controls: boolean;
  /** Serve the window from here instead of dist/renderer (a snapshot of it). */
  readonly rendererDir?: string;
}

export interface HarnessProcess {
  readonly ready: HarnessReady;
  /** Stops the demo tenant, leaving the harness, its host and the offline inventory running. */
  stopDemoTenant(): Promise<void>;
  stop(): Promise<void>;
}

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

export async function startHarnessProcess(options: HarnessProcessOptions): Promise<HarnessProcess> {
  const args = [CLI, ...(options.controls ? ['--controls'] : []), '--data-dir', options.dataDir, '--devices', String(options.devices), ...(options.rendererDir === undefined ? [] : ['--renderer-dir', options.rendererDir])];
  const child: Child = spawn(process.execPath, args, {
    cwd: ROOT,
    // No machine policy from this computer may change what the journey sees.
    env: { ...process.env, INTUNE_DESK_RECORD_BRIDGE: options.recordingPath ?? '', INTUNE_DESK_POLICY_FILE: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logPath);
  child.stderr.pipe(log);
  const lines = jsonLines(child);
  let ready: HarnessReady;
  try {
    ready = await lines.next(READY_TIMEOUT_MS, 'the ready line', isReady);
  } catch (error) {
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => log.end(resolve));
    const tail = (await readFile(options.logPath, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-15).join('\n');
    throw new Error(`The harness did not start: ${error instanceof Error ? error.message : String(error)}. The end of its log (${options.logPath}):\n${tail}`, { cause: error });
  }
  let stopped: Promise<void> | undefined;
  return {
    ready,
    async stopDemoTenant() {
      if (!options.controls) throw new Error('This harness was started without controls; start it with { controls: true } to stop its demo tenant.');
      child.stdin.write('stop-demo-tenant\n');
      const answer = await lines.next(STOP_TIMEOUT_MS, 'the answer to stop-demo-tenant', (v): v is { control: string; done: boolean; problem?: string } => isRecord(v) && v['control'] === 'stop-demo-tenant');
      if (!answer.done) throw new Error(`The demo tenant was not stopped: ${answer.problem ?? 'no reason given'}`);
    },
    stop() {
      stopped ??= stopChild(child).finally(() => log.end());
      return stopped;
    },
  };
}

/** SIGTERM, as Ctrl-C would; SIGKILL only if it does not exit in time (this process started it). */
async function stopChild(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

interface JsonLines {
  /** The next JSON line on stdout that `accept` takes, within `timeoutMs`. */
  next<T>(timeoutMs: number, what: string, accept: (value: unknown) => value is T): Promise<T>;
}

function jsonLines(child: Child): JsonLines {
  const seen: unknown[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let exit: string | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line === '') continue;
      try {
        seen.push(JSON.parse(line));
      } catch {
        seen.push(line);
      }
    }
    for (const wake of waiters) wake();
  });
  child.once('exit', (code, signal) => {
    exit = `the harness exited (${signal ?? `code ${code}`})`;
    for (const wake of waiters) wake();
  });
  return {
    next(timeoutMs, what, accept) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          for (let index = 0; index < seen.length; index++) {
            const value = seen[index];
            if (!accept(value)) continue;
            seen.splice(index, 1);
            done();
            resolve(value);
            return;
          }
          if (exit !== undefined) {
            done();
            reject(new Error(`${exit} before ${what}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${what} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReady(value: unknown): value is HarnessReady {
  return isRecord(value) && typeof value['url'] === 'string' && typeof value['port'] === 'number' && typeof value['dataDir'] === 'string' && typeof value['demoCertificateSpkiSha256'] === 'string';
}
