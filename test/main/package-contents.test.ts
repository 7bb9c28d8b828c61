// `npm run package`, minus the Electron download this machine cannot make: electron-builder packs
// the app for Linux (dir target) from electron-builder.yml onto a stand-in Electron binary that
// carries Electron's fuse wire (the binary is the one thing the project may fake). Checked: what
// app.asar holds, the entry point, and the fuses as electron-builder flipped them.
// About two minutes (electron-builder walks node_modules), so it runs only when asked:
//   INTUNE_DESK_PACKAGE_TEST=1 npx node --test "test/main/package-contents.test.ts"
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildElectron } from '../../scripts/build-electron.ts';
import { HARDENED_FUSES } from './helpers/hardened-fuses.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const fromBuilder = createRequire(require.resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges', 'wasmTrapHandlers'];

interface Builder {
  build(options: Readonly<Record<string, unknown>>): Promise<string[]>;
  Platform: { LINUX: { createTarget(target: string, arch: number): unknown } };
  Arch: { x64: number };
}

test('the package holds dist/ and package.json only, starts dist/main/index.cjs, and has its fuses flipped', {
  skip: process.env['INTUNE_DESK_PACKAGE_TEST'] === '1' ? false : 'slow: set INTUNE_DESK_PACKAGE_TEST=1 to run it',
  timeout: 600_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-package-'));
  try {
    const project = join(dir, 'project');
    mkdirSync(project);
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(ROOT, file), join(project, file));
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    await buildElectron(join(project, 'dist'), () => undefined);
    if (existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) cpSync(join(ROOT, 'dist', 'renderer'), join(project, 'dist', 'renderer'), { recursive: true });
    else {
      mkdirSync(join(project, 'dist', 'renderer'), { recursive: true });
      writeFileSync(join(project, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Intune Desk</title>');
    }
    // What must stay out: sources, tests, the harness build.
    for (const stray of ['src/main/index.ts', 'test/main/x.test.ts', 'dist/harness/client.js', 'bench/run.ts']) {
      mkdirSync(join(project, stray, '..'), { recursive: true });
      writeFileSync(join(project, stray), '// not for the package');
    }

    // A stand-in Electron for Linux: a binary with Electron's fuse wire (version 1, nine fuses at their defaults).
    const electronDist = join(dir, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in for the Electron binary\n'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011')]));
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'version'), '45.5.0');
    writeFileSync(join(electronDist, 'LICENSE'), 'MIT');

    const { build, Platform, Arch } = fromBuilder('electron-builder') as Builder;
    const output = join(dir, 'release');
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: { electronDist, electronVersion: '45.5.0', directories: { output }, npmRebuild: false },
    });

    const unpacked = join(output, 'linux-unpacked');
    const asarFile = join(unpacked, 'resources', 'app.asar');
    const asar = fromLib('@electron/asar') as { listPackage(file: string): string[]; extractFile(file: string, entry: string): Buffer };
    const files = asar.listPackage(asarFile).map((f) => f.replaceAll('\\', '/').replace(/^\//, ''));
    const outside = files.filter((f) => !/^(package\.json|dist(\/(main|preload|renderer)(\/.*)?)?)$/.test(f));
    assert.deepEqual(outside, [], 'only dist/main, dist/preload, dist/renderer and package.json');
    for (const needed of ['package.json', 'dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html']) assert.ok(files.includes(needed), needed);
    assert.deepEqual(files.filter((f) => f.endsWith('.map') || f.includes('node_modules')), []);
    const pkg = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8')) as { main: string };
    assert.equal(pkg.main, 'dist/main/index.cjs');

    const fuses = fromLib('@electron/fuses') as { getCurrentFuseWire(path: string): Promise<Record<string, number>> };
    const wire = await fuses.getCurrentFuseWire(join(unpacked, 'intune-desk'));
    const states = Object.fromEntries(Object.entries(wire).filter(([k]) => k !== 'version').map(([k, v]) => [FUSE_NAMES[Number(k)], String.fromCharCode(v) === '1']));
    // wasmTrapHandlers is not set by us: Electron's default stays.
    assert.deepEqual(states, { ...HARDENED_FUSES, wasmTrapHandlers: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
