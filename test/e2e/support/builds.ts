// The builds the app is served from, made when missing or older than their sources, so a run
// never tests a stale window (or fails on a missing one with a puzzle). Used by the end-to-end
// tests' global setup and by the UI benchmark.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Build {
  readonly script: string;
  /** The file the build makes; its age is compared with the sources'. */
  readonly output: string;
  readonly sources: readonly string[];
}

const WEB_BUILDS: readonly Build[] = [
  { script: 'build:renderer', output: 'dist/renderer/index.html', sources: ['src/renderer', 'src/shared', 'vite.config.ts'] },
  { script: 'build:harness', output: 'dist/harness/bridge-client.js', sources: ['src/harness/client', 'src/shared/bridge'] },
];

const ELECTRON_BUILD: Build = { script: 'build:electron', output: 'dist/main/index.cjs', sources: ['src/main', 'src/preload', 'src/host', 'src/core', 'src/shared'] };

/** The window's build. */
export const RENDERER_DIR = join(ROOT, 'dist/renderer');

/** Builds the window and the harness client (and the Electron app when `electron`) where needed. */
export function ensureBuilds(options: { readonly electron: boolean }): void {
  for (const build of options.electron ? [...WEB_BUILDS, ELECTRON_BUILD] : WEB_BUILDS) if (isStale(build)) run(build);
}

/**
 * Copies the window's build to `target`: what the harnesses serve during a run, because a rebuild
 * meanwhile (vite empties dist/renderer first) would take lazily loaded chunks away from a page.
 */
export function snapshotRenderer(target: string): void {
  rmSync(target, { recursive: true, force: true });
  cpSync(RENDERER_DIR, target, { recursive: true });
}

/** Newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function isStale(build: Build): boolean {
  const output = join(ROOT, build.output);
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return build.sources.some((source) => existsSync(join(ROOT, source)) && newest(join(ROOT, source)) > built);
}

function run(build: Build): void {
  process.stderr.write(`npm run ${build.script} (${existsSync(join(ROOT, build.output)) ? 'older than its sources' : 'missing'})\n`);
  const result = spawnSync('npm', ['run', build.script], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`"npm run ${build.script}" failed (exit ${result.status ?? result.signal}); the app is served from its output ${build.output}.`);
  if (!existsSync(join(ROOT, build.output))) throw new Error(`"npm run ${build.script}" did not make ${build.output}.`);
}
