// npm run build:electron: bundles the Electron main process and the preload with rolldown.
//
// - dist/main/index.cjs: src/main and everything it runs (the host, core services, the demo
//   tenant) in one CommonJS file; only `electron` and Node's built-in modules stay outside,
//   because the packaged app ships dist/ and no node_modules of its own.
// - dist/main/<worker>.cjs: each worker thread the code starts with
//   `new Worker(new URL('./x.ts', import.meta.url))`, bundled on its own, the URL rewritten to
//   the bundled file beside index.cjs.
// - dist/preload/index.cjs: the preload, one CommonJS file, as a sandboxed preload must be (it
//   cannot require anything but `electron` and a few polyfilled modules).
import { isBuiltin } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import type { BuildOptions, Plugin } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const MAIN_ENTRY = join(ROOT, 'src/main/index.ts');
export const PRELOAD_ENTRY = join(ROOT, 'src/preload/index.ts');
export const DIST = join(ROOT, 'dist');

export interface Bundle {
  readonly file: string;
  /** What the bundle still imports at run time (electron and Node built-ins only). */
  readonly imports: readonly string[];
}

export interface ElectronBundles {
  readonly main: Bundle;
  readonly preload: Bundle;
  /** Worker thread bundles beside main, by source file. */
  readonly workers: ReadonlyMap<string, Bundle>;
}

function isExternal(id: string): boolean {
  return id === 'electron' || isBuiltin(id);
}

// new URL('./some-worker.ts', import.meta.url)
const WORKER_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+?)\.ts\1\s*,\s*import\.meta\.url\s*\)/g;

/** Rewrites worker URLs to their bundles and collects the worker sources to bundle. */
function workerUrls(workers: Map<string, string>): Plugin {
  return {
    name: 'intune-desk:worker-urls',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('import.meta.url')) return null;
      let changed = false;
      const out = code.replace(WORKER_URL, (_match, quote: string, relative: string) => {
        const source = resolve(dirname(id), `${relative}.ts`);
        const bundled = `${basename(relative)}.cjs`;
        const taken = [...workers.entries()].find(([other, name]) => name === bundled && other !== source);
        if (taken) throw new Error(`Two workers would both be bundled as ${bundled}: ${taken[0]} and ${source}.`);
        workers.set(source, bundled);
        changed = true;
        // Bundled next to index.cjs, whatever folder the source module was in.
        return `new URL(${quote}./${bundled}${quote}, import.meta.url)`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

function nodeBundle(input: string, file: string, plugins: Plugin[]): BuildOptions {
  return {
    input,
    platform: 'node',
    external: isExternal,
    plugins,
    logLevel: 'warn',
    output: { file, format: 'cjs', sourcemap: true, codeSplitting: false },
  };
}

async function bundle(input: string, file: string, plugins: Plugin[]): Promise<Bundle> {
  const output = await build(nodeBundle(input, file, plugins));
  const imports = output.output.flatMap((item) => (item.type === 'chunk' ? item.imports : []));
  return { file, imports: [...new Set(imports)].sort() };
}

/** The preload alone, into <distDir>/preload/index.cjs. */
export function buildPreload(distDir: string = DIST): Promise<Bundle> {
  return bundle(PRELOAD_ENTRY, join(distDir, 'preload', 'index.cjs'), []);
}

/** Builds into <distDir>/main and <distDir>/preload (dist/ by default; tests build elsewhere). */
export async function buildElectron(distDir: string = DIST, log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<ElectronBundles> {
  const mainFile = join(distDir, 'main', 'index.cjs');
  const workers = new Map<string, string>();
  const plugin = workerUrls(workers);
  const main = await bundle(MAIN_ENTRY, mainFile, [plugin]);
  log(`built ${main.file}`);
  const built = new Map<string, Bundle>();
  // A worker may start workers of its own: bundle until none is left.
  for (let pending = [...workers.keys()]; pending.length > 0; pending = [...workers.keys()].filter((w) => !built.has(w))) {
    for (const source of pending) {
      const worker = await bundle(source, join(dirname(mainFile), workers.get(source) ?? ''), [plugin]);
      built.set(source, worker);
      log(`built ${worker.file} (worker)`);
    }
  }
  const preload = await buildPreload(distDir);
  log(`built ${preload.file}`);
  return { main, preload, workers: built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildElectron().then(() => undefined, (error: unknown) => {
    process.stderr.write(`build:electron failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
