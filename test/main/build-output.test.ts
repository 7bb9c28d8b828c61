// npm run build:electron, built into a temporary folder: the main process and the preload bundle
// here, and what they hold is what the packaged app needs, nothing more.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildElectron } from '../../scripts/build-electron.ts';
import type { ElectronBundles } from '../../scripts/build-electron.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let bundles: ElectronBundles;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intune-desk-build-'));
  bundles = await buildElectron(dir, () => undefined);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Source files a bundle was made from, from its source map, relative to the repository. */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map((source) => resolve(dirname(file), source).slice(ROOT.length).replaceAll('\\', '/'));
}

test('the bundles are where the app and package.json look for them', () => {
  assert.equal(bundles.main.file, join(dir, 'main', 'index.cjs'));
  assert.equal(bundles.preload.file, join(dir, 'preload', 'index.cjs'));
  assert.ok(existsSync(bundles.main.file) && existsSync(bundles.preload.file));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
  assert.equal(pkg.main, 'dist/main/index.cjs');
});

test('main imports nothing at run time but electron and Node built-ins', () => {
  const outside = bundles.main.imports.filter((id) => id !== 'electron' && !isBuiltin(id));
  assert.deepEqual(outside, []);
  assert.ok(bundles.main.imports.includes('electron'));
  const code = readFileSync(bundles.main.file, 'utf8');
  assert.doesNotMatch(code, /import\.meta/, 'CommonJS output has no import.meta left');
  assert.doesNotMatch(code, /^\s*(import|export)\s/m, 'no ESM syntax in a CommonJS bundle');
});

test('the preload requires electron alone', () => {
  assert.deepEqual(bundles.preload.imports, ['electron']);
  const requires = [...readFileSync(bundles.preload.file, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(requires)], ['electron']);
});

test('main holds the host, the core services and the demo tenant, and no test, bench, harness or renderer code', () => {
  const sources = sourcesOf(bundles.main.file);
  for (const needed of ['src/main/index.ts', 'src/host/desktop-host.ts', 'src/core/auth/auth-service.ts', 'src/emulator/index.ts']) {
    assert.ok(sources.includes(needed), `${needed} is not in the main bundle`);
  }
  const stray = sources.filter((s) => /^(test|bench|scripts)\/|^src\/(harness|renderer|preload)\//.test(s));
  assert.deepEqual(stray, []);
  assert.deepEqual(sourcesOf(bundles.preload.file).filter((s) => s.startsWith('src/') && !/^src\/(preload|shared\/bridge)\//.test(s)), []);
});

test('worker threads are bundled beside main, and main points at the bundles, not at .ts sources', () => {
  const code = readFileSync(bundles.main.file, 'utf8');
  assert.doesNotMatch(code, /new URL\(\s*["'][^"']+\.ts["']/, 'a worker URL still names a .ts file');
  for (const [source, worker] of bundles.workers) {
    assert.equal(dirname(worker.file), dirname(bundles.main.file));
    assert.ok(existsSync(worker.file), `${worker.file} missing`);
    assert.ok(code.includes(`new URL("./${basename(worker.file)}"`), `main does not load ${basename(worker.file)} for ${source}`);
    assert.deepEqual(worker.imports.filter((id) => !isBuiltin(id)), [], `${basename(worker.file)} imports a package`);
  }
});
