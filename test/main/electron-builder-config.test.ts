// electron-builder.yml, read by electron-builder's own loader and checked against its own schema
// (a misspelled fuse fails here), then the hardening asked of it, fuse by fuse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { APP_ID, PRODUCT_NAME } from '../../src/main/app-identity.ts';
import { HARDENED_FUSES } from './helpers/hardened-fuses.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
// app-builder-lib is electron-builder's own library; resolve it from there, as electron-builder does.
const fromBuilder = createRequire(require.resolve('electron-builder'));

interface BuilderConfig {
  readonly appId?: string;
  readonly productName?: string;
  readonly asar?: boolean;
  readonly files?: readonly { readonly filter?: readonly string[] }[] | readonly string[];
  readonly electronFuses?: Readonly<Record<string, boolean>>;
  readonly win?: { readonly target?: readonly { readonly target: string }[]; readonly signtoolOptions?: Readonly<Record<string, unknown>> };
  readonly nsis?: Readonly<Record<string, unknown>>;
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
}

const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function loadConfig(): Promise<BuilderConfig> {
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

test('electron-builder loads electron-builder.yml and its schema accepts it', async () => {
  const config = await loadConfig();
  assert.equal(config.appId, 'com.contoso.intunedesk');
  assert.equal(config.productName, 'Intune Desk');
  // The installer's appId is the AppUserModelID the main process sets on Windows: taskbar and notifications agree.
  assert.equal(config.appId, APP_ID);
  assert.equal(config.productName, PRODUCT_NAME);
  assert.equal(config.asar, true);
});

test('electron-builder\'s schema refuses a misspelled fuse, so the check above means something', async () => {
  const config = await loadConfig();
  const misspelled = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
  await assert.rejects(validateConfiguration(misspelled, new DebugLogger(false)), /electronFuses/);
});

test('every fuse is set as the hardening asks', async () => {
  const { electronFuses } = await loadConfig();
  assert.deepEqual(electronFuses, HARDENED_FUSES);
});

test('the package holds dist/ and package.json only, and its entry is the bundled main', async () => {
  const config = await loadConfig();
  const patterns = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter ?? []));
  const includes = patterns.filter((p) => !p.startsWith('!'));
  assert.deepEqual(includes.sort(), ['dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', 'package.json']);
  for (const pattern of includes) assert.doesNotMatch(pattern, /src|test|bench|harness|emulator/);
  // Everything is bundled: node_modules stays out of app.asar (electron-builder adds it unless told).
  assert.ok(patterns.includes('!node_modules{,/**/*}'));
  const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as { main?: string };
  assert.equal(pkg.main, 'dist/main/index.cjs');
});

test('Windows: an NSIS installer, per machine; signing comes from the environment, no secret in the file', async () => {
  const config = await loadConfig();
  assert.deepEqual(config.win?.target?.map((t) => t.target), ['nsis']);
  assert.equal(config.nsis?.['perMachine'], true);
  const text = readFileSync(new URL('electron-builder.yml', `file://${ROOT}`), 'utf8');
  const settings = text.split('\n').filter((line) => !line.trimStart().startsWith('#'));
  for (const line of settings) assert.doesNotMatch(line, /certificatePassword|certificateFile|CSC_KEY_PASSWORD|AZURE_CLIENT_SECRET|\.pfx/i, line);
  assert.equal(config.win?.signtoolOptions?.['certificatePassword'], undefined);
  assert.equal(config.win?.signtoolOptions?.['certificateFile'], undefined);
});
