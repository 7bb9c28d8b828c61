// "intune-desk demo" as a child process, the way a technician leaves it running in a terminal:
// ready when it prints its address, found by other commands through demo-endpoint.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCli } from './cli.ts';
import type { CliProcess, CliResult } from './cli.ts';

export interface RunningDemo {
  readonly process: CliProcess;
  readonly baseUrl: string;
  readonly caFile: string;
  readonly ca: string;
  /** Ctrl-C, as a technician stops it. */
  stop(): Promise<CliResult>;
}

export async function startDemoCommand(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<RunningDemo> {
  const running = startCli(['demo', ...args], env);
  const match = await running.waitFor('stdout', /Demo tenant running at (https:\/\/\S+)\nCA certificate: (.+)\n/);
  const caFile = match[2] ?? '';
  return { process: running, baseUrl: match[1] ?? '', caFile, ca: await readFile(caFile, 'utf8'), stop: () => running.stop('SIGINT') };
}

export function endpointFile(configDir: string): string {
  return join(configDir, 'demo-endpoint.json');
}
