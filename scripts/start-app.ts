// npm run start:app: the desktop app on this machine, on the demo tenant.
//
// 1. Builds what is missing or older than its sources: the renderer (npm run build:renderer ->
//    dist/renderer) and, when Electron will run, the main process and preload (build-electron.ts).
// 2. Starts Electron on package.json's main (dist/main/index.cjs) when its binary is installed.
//    Otherwise says so in one line and starts the browser harness instead (src/harness/cli.ts
//    --open), which serves the same renderer and the same host to Chromium.
//
// --electron-only (npm run start:electron): no fallback; without the binary it stops with status 1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Newest modification time of the files under `dirs` (0 when none exist). */
export function newestSource(dirs: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const dir of dirs) visit(dir);
  return newest;
}

/** Whether `outputs` must be (re)built: one is missing, or a source is newer than the oldest. */
export function needsBuild(outputs: readonly string[], sources: readonly string[]): boolean {
  if (outputs.some((file) => !existsSync(file))) return true;
  const oldest = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return newestSource(sources) > oldest;
}

/**
 * The Electron binary, if installed. Requiring the `electron` package returns its path, but when
 * the binary is missing that require starts a download; so it is required only once its path
 * file and binary are known to be there.
 */
export function electronBinary(): string | undefined {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const expected = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  if (!existsSync(expected)) return undefined;
  const binary = require('electron') as unknown;
  return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, [...args], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed${result.status === null ? '' : ` with status ${result.status}`}.`);
}

/** Runs a child in the foreground: Ctrl-C reaches it, and its exit status becomes ours. */
function foreground(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: ROOT, stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

async function main(args: readonly string[]): Promise<number> {
  const electronOnly = args.includes('--electron-only');
  const say = (line: string): boolean => process.stderr.write(`${line}\n`);
  const binary = electronBinary();
  if (!binary && electronOnly) {
    say('The Electron binary is not installed on this machine (node_modules/electron has no dist/); run "npx install-electron" where its download host is reachable, or use npm run start:app, which falls back to Chromium.');
    return 1;
  }

  const renderer = [join(ROOT, 'dist', 'renderer', 'index.html')];
  if (needsBuild(renderer, [join(ROOT, 'src', 'renderer'), join(ROOT, 'src', 'shared'), join(ROOT, 'vite.config.ts')])) {
    say('Building the window (npm run build:renderer)…');
    run('npm', ['run', 'build:renderer']);
  }

  if (binary) {
    const bundles = [join(ROOT, 'dist', 'main', 'index.cjs'), join(ROOT, 'dist', 'preload', 'index.cjs')];
    const sources = ['main', 'preload', 'host', 'core', 'shared', 'emulator'].map((dir) => join(ROOT, 'src', dir));
    if (needsBuild(bundles, sources)) {
      say('Building the main process and preload (npm run build:electron)…');
      await buildElectron(undefined, say);
    }
    const env = { ...process.env };
    // Set in a shell, it would turn Electron into plain Node.
    delete env['ELECTRON_RUN_AS_NODE'];
    return foreground(binary, ['.'], env);
  }

  const harness = join(ROOT, 'src', 'harness', 'cli.ts');
  say('The Electron binary is not installed on this machine, so Intune Desk starts in Chromium through the browser harness instead (same window, same host).');
  if (!existsSync(harness)) {
    say(`The browser harness (${harness}) is not there either; nothing to start.`);
    return 1;
  }
  return foreground(process.execPath, [harness, '--open'], process.env);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`Intune Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
