// Another Node process running a TypeScript file, as a second app or CLI instance would be: its
// output collected, a line awaited, its exit observed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface NodeProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout has a line matching `pattern`; rejects if the process ends first. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Runs `script` with this process's Node (the project's Node 24 under `npm test`). */
export function startNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeProcess {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiting]) {
      const found = out.split('\n').find((l) => w.pattern.test(l));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    line(pattern) {
      const found = out.split('\n').find((l) => pattern.test(l));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiting.push({ pattern, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`The process ended (code ${code}, signal ${signal}) before printing ${pattern}. stderr:\n${err}`)));
      });
    },
  };
}
