// The built main process (dist/main/index.cjs, as `electron .` starts it) booted in Node against a
// fake `electron` module (helpers/fake-electron.ts), with the real host, electron-store, settings
// and log files on disk. What is checked is the wiring: the order of the start-up steps, the
// window's options, the protocol, the sessions, the IPC handlers and the quit sequence.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { connect } from 'node:tls';
import { chromium } from 'playwright-core';
import { buildElectron } from '../../scripts/build-electron.ts';
import { CHANNELS } from '../../src/shared/bridge/channels.ts';
import { SECURE_WEB_PREFERENCES } from '../../src/main/security/window-options.ts';
import { CHROMIUM_PATH } from '../helpers/chromium.ts';
import { fakeElectron, FakeEvent } from './helpers/fake-electron.ts';
import type { FakeElectron, FakeFrame } from './helpers/fake-electron.ts';

let dir: string;
let configDir: string;
let electron: FakeElectron;

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await delay(20);
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intune-desk-main-'));
  configDir = join(dir, 'config');
  const dist = join(dir, 'dist');
  await buildElectron(dist, () => undefined);
  mkdirSync(join(dist, 'renderer'), { recursive: true });
  writeFileSync(join(dist, 'renderer', 'index.html'), '<!doctype html><title>Intune Desk</title>');
  writeFileSync(join(dir, 'secret.txt'), 'not for the window');
  process.env['INTUNE_DESK_CONFIG_DIR'] = configDir;
  process.env['INTUNE_DESK_POLICY_FILE'] = '';
  electron = fakeElectron(dir);
  (globalThis as Record<string, unknown>)['__fakeElectron'] = electron.module;
  registerHooks({
    resolve: (specifier, context, next) => (specifier === 'electron' ? { url: 'fake-electron:electron', format: 'commonjs', shortCircuit: true } : next(specifier, context)),
    load: (url, context, next) => (url === 'fake-electron:electron' ? { format: 'commonjs', source: 'module.exports = globalThis.__fakeElectron;', shortCircuit: true } : next(url, context)),
  });
  createRequire(import.meta.url)(join(dist, 'main', 'index.cjs'));
});

after(async () => {
  // Quitting shuts the host down (inventories, the demo tenant) before the test folder goes.
  if (electron && electron.app.quitCalls === 0) {
    electron.app.emit('before-quit', new FakeEvent());
    await delay(200);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('before ready: the single-instance lock, the sandbox, the app:// privileges and the profile folder', () => {
  assert.deepEqual(electron.calls.filter((c) => c !== 'ready').slice(0, 4), ['setPath:userData', 'requestSingleInstanceLock', 'enableSandbox', 'registerSchemesAsPrivileged']);
  assert.deepEqual(electron.privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  assert.equal(electron.paths.get('userData'), join(configDir, 'desktop', 'chromium'));
  assert.equal(electron.windows.length, 0);
  assert.ok(electron.app.listenerCount('web-contents-created') > 0, 'every web contents is hardened');
});

test('after ready: one secure window on app://intune-desk with the preload, every channel handled once', async () => {
  electron.ready();
  const window = await until('the window', () => electron.windows[0]);
  assert.equal(electron.windows.length, 1);
  const prefs = window.options.webPreferences ?? {};
  for (const [name, value] of Object.entries(SECURE_WEB_PREFERENCES)) assert.equal(prefs[name], value, name);
  assert.equal(prefs['preload'], join(dir, 'dist', 'preload', 'index.cjs'));
  assert.ok(existsSync(String(prefs['preload'])));
  assert.deepEqual(window.loaded, ['app://intune-desk/index.html']);
  assert.equal(window.shown, true);
  assert.deepEqual([...electron.handlers.keys()].sort(), [...CHANNELS].sort());
});

test('the window may not navigate, open windows or attach webviews', () => {
  const contents = electron.windows[0]?.webContents;
  assert.ok(contents);
  assert.equal(contents.navigate('https://evil.example/'), false);
  assert.equal(contents.navigate('app://intune-desk/other.html'), false);
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  const attach = new FakeEvent();
  contents.emit('will-attach-webview', attach, {}, {});
  assert.equal(attach.defaultPrevented, true);
  const redirect = new FakeEvent('https://evil.example/');
  contents.emit('will-redirect', redirect);
  assert.equal(redirect.defaultPrevented, true);
});

test('the default session grants no permission and sends no network request', () => {
  const session = electron.defaultSession;
  let granted: boolean | undefined;
  session.permissionRequest?.({}, 'media', (answer) => {
    granted = answer;
  });
  assert.equal(granted, false);
  assert.equal(session.permissionCheck?.({}, 'notifications', 'app://intune-desk', {}), false);
  assert.deepEqual(session.beforeRequest?.filter.urls, ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
  let cancelled: boolean | undefined;
  session.beforeRequest?.listener({ url: 'https://evil.example/beacon' }, (response) => {
    cancelled = response.cancel;
  });
  assert.equal(cancelled, true);
});

test('app:// serves the renderer build with the CSP, and nothing outside it', async () => {
  const handler = electron.protocolHandlers.get('app');
  assert.ok(handler);
  const page = await handler({ method: 'GET', url: 'app://intune-desk/index.html' });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'/);
  assert.match(await page.text(), /<title>Intune Desk/);
  const escape = await handler({ method: 'GET', url: 'app://intune-desk/..%2f..%2fsecret.txt' });
  assert.equal(escape.status, 403);
});

test('the bridge answers our window through the real host, and refuses any other sender', async () => {
  const window = electron.windows[0];
  assert.ok(window);
  const ours = window.webContents.mainFrame;
  const info = await electron.handlers.get('app.info')?.({ senderFrame: ours }, {});
  assert.deepEqual(info, { ok: true, value: { version: '0.1.0', shell: 'electron', platform: process.platform } });
  const stranger: FakeFrame = { url: 'https://evil.example/', origin: 'https://evil.example', parent: null, processId: 9, frameToken: 'x' };
  const refused = await electron.handlers.get('app.info')?.({ senderFrame: stranger }, {});
  assert.deepEqual(refused, { ok: false, problem: { code: 'forbidden', message: 'Only the Intune Desk window may use this.' } });
});

test('settings go through electron-store to settings.json in the data folder, and come back as an event', async () => {
  const window = electron.windows[0];
  assert.ok(window);
  const ours = window.webContents.mainFrame;
  const before = (await electron.handlers.get('settings.get')?.({ senderFrame: ours }, {})) as { ok: boolean; value: { staleDays: number } };
  assert.equal(before.ok, true);
  const updated = (await electron.handlers.get('settings.update')?.({ senderFrame: ours }, { staleDays: 45 })) as { ok: boolean; value: { staleDays: number } };
  assert.equal(updated.ok, true, JSON.stringify(updated));
  assert.equal(updated.value.staleDays, 45);
  const file = join(configDir, 'desktop', 'settings.json');
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { staleDays: number }).staleDays, 45);
  await until('the settingsChanged event', () => window.webContents.sent.find((s) => s.channel === 'event.settingsChanged'));
});

test('without a keyring the token cache key file is used, and the log says why, with no token in it', async () => {
  const logFile = join(configDir, 'desktop', 'logs', 'main.log');
  const text = await until('the log', () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : undefined));
  assert.match(text, /Intune Desk 0\.1\.0 starting/);
  assert.match(text, /protected with a key file readable by this account only, because no OS keyring was found/);
  assert.match(text, /Refused a bridge call on app\.info/);
  assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\./);
});

test('the demo tenant signs in inside the app: its own window, its own session, only its own certificate', { timeout: 120_000 }, async () => {
  const window = electron.windows[0];
  assert.ok(window);
  const ours = window.webContents.mainFrame;
  const call = (channel: string, args: unknown): Promise<unknown> => electron.handlers.get(channel)?.({ senderFrame: ours }, args) ?? Promise.reject(new Error(channel));
  const setup = (await call('tenants.useDemo', {})) as { ok: boolean; value?: { currentProfileId?: string } };
  assert.equal(setup.ok, true, JSON.stringify(setup));

  const signingIn = call('session.signIn', {}) as Promise<{ ok: boolean; value?: { signedIn: boolean; account?: { username: string } }; problem?: unknown }>;
  signingIn.catch(() => undefined);
  const demoWindow = await until('the demo sign-in window', () => electron.windows[1], 60_000);
  const authorizeUrl = await until('its page', () => demoWindow.loaded[0]);
  assert.equal(electron.opened.length, 0, 'the system browser was not used for the demo tenant');

  // A window of its own: no preload, the in-memory partition, the secure preferences.
  const prefs = demoWindow.options.webPreferences ?? {};
  assert.equal(prefs['preload'], undefined);
  assert.equal(prefs['partition'], 'demo-sign-in');
  for (const [name, value] of Object.entries(SECURE_WEB_PREFERENCES)) assert.equal(prefs[name], value, name);
  const url = new URL(authorizeUrl);
  assert.equal(url.protocol, 'https:');
  assert.equal(url.hostname, '127.0.0.1');

  // Its session trusts the certificate the demo tenant actually serves, on its host, and no other.
  const servedPem = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw).toString());
    });
    socket.once('error', reject);
  });
  const proc = electron.partitions.get('demo-sign-in')?.certificateVerifyProc;
  assert.ok(proc, 'the demo session has its own certificate check');
  const verdict = (hostname: string, pem: string): Promise<number> => new Promise((resolve) => proc({ hostname, certificate: { data: pem } }, resolve));
  assert.equal(await verdict('127.0.0.1', servedPem), 0);
  assert.equal(await verdict('login.microsoftonline.com', servedPem), -2);
  assert.equal(await verdict('127.0.0.1', readFileSync(join(configDir, 'desktop', 'demo-tenant', 'tls', 'demo-tenant-ca.pem'), 'utf8')), -2);
  let granted: boolean | undefined;
  electron.partitions.get('demo-sign-in')?.permissionRequest?.({}, 'geolocation', (answer) => {
    granted = answer;
  });
  assert.equal(granted, false);

  // It may go to the demo tenant's pages and to MSAL's loopback listener, nowhere else.
  const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
  assert.equal(demoWindow.webContents.navigate(`${url.origin}/organizations/consent`), true);
  assert.equal(demoWindow.webContents.navigate(`${redirect.origin}/`), true);
  assert.equal(demoWindow.webContents.navigate('https://evil.example/'), false);

  // The person signs in on the real pages (Chromium stands in for the window's web contents).
  const spki = createHash('sha256').update(new X509Certificate(servedPem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', `--ignore-certificate-errors-spki-list=${spki}`] });
  try {
    const page = await browser.newPage();
    await page.goto(authorizeUrl);
    await page.getByRole('button', { name: /adele\.vance@contoso\.onmicrosoft\.com/i }).click();
    await page.getByLabel('Password').fill('Contoso-Admin-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const done = page.getByRole('heading', { name: 'You are signed in to Intune Desk' });
    const consent = page.getByRole('heading', { name: 'Permissions requested' });
    await done.or(consent).waitFor({ timeout: 20_000 });
    if (await consent.isVisible()) await page.getByRole('button', { name: 'Accept' }).click();
    await done.waitFor({ timeout: 20_000 });
    // The window reaches the loopback listener: the sign-in is over there, and it closes itself.
    demoWindow.webContents.emit('did-navigate', new FakeEvent(), page.url());
  } finally {
    await browser.close();
  }
  assert.equal(demoWindow.isDestroyed(), true, 'the demo sign-in window closed itself');
  const signedIn = await signingIn;
  assert.equal(signedIn.ok, true, JSON.stringify(signedIn));
  assert.equal(signedIn.value?.signedIn, true);
  assert.equal(signedIn.value?.account?.username, 'adele.vance@contoso.onmicrosoft.com');
  // The sign-in is stored with the key-file encryptor (no keyring here), never in the clear.
  const cache = readFileSync(join(configDir, 'desktop', 'token-cache.bin'));
  assert.doesNotMatch(cache.toString('latin1'), /eyJ|RefreshToken|adele/);
});

test('quitting shuts the host down first, then quits', async () => {
  electron.app.quit();
  assert.equal(electron.calls.includes('quit'), false, 'the first quit waits for the host');
  await until('the second quit', () => (electron.calls.includes('quit') ? true : undefined));
  assert.equal(electron.app.quitCalls, 2);
  const window = electron.windows[0];
  assert.ok(window);
  const closing = (await electron.handlers.get('app.info')?.({ senderFrame: window.webContents.mainFrame }, {})) as { ok: boolean; problem?: { message: string } };
  assert.equal(closing.ok, false);
  assert.match(closing.problem?.message ?? '', /closing/);
});
