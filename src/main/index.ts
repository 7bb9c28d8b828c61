// The Electron main process: the composition root of the desktop app. Wiring only; every
// decision lives in a plain module (security/, app-protocol/, logging/, settings/) tested in
// Node, and every service in src/host and src/core.
//
// Order matters: the single-instance lock, the sandbox switch, the app:// scheme's privileges
// and the web-contents hardening are set before 'ready'; the protocol, sessions, services, IPC
// and the window after it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, protocol, safeStorage, session } from 'electron';
import type { BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { intuneDeskConfigDir } from '../core/auth/index.ts';
import { policyFilePath, readPolicy } from '../core/config/policy-file.ts';
import { APP_ID, APP_SCHEME } from './app-identity.ts';
import { serveAppFile } from './app-protocol/serve-app-file.ts';
import { DesktopHost } from '../host/desktop-host.ts';
import type { BridgeHost } from './bridge-host.ts';
import { electronPlatform } from './electron-platform.ts';
import { denyAllPermissions, describeUrl, hardenWebContents } from './hardening.ts';
import { forwardEvents, registerBridge } from './ipc/register-bridge.ts';
import { RotatingLog } from './logging/rotating-log.ts';
import { NavigationPolicies } from './security/navigation-policy.ts';
import { settingsStoreOptions } from './settings/settings-schema.ts';
import { StoredSettings } from './settings/stored-settings.ts';
import type { SettingsFile } from './settings/stored-settings.ts';
import { chooseTokenCacheEncryptor } from './token-cache-encryptor.ts';
import { bringForward, openMainWindow } from './windows/main-window.ts';

// The app's own data sits in a folder of its own under the CLI's config folder, so the two never
// fight over one token cache protected two different ways (safeStorage here, a key file there).
const dataDir = join(intuneDeskConfigDir(), 'desktop');
// Chromium's profile (caches, the demo window's in-memory partition aside) stays out of the data folder's top level.
app.setPath('userData', join(dataDir, 'chromium'));
const log = new RotatingLog({ dir: join(dataDir, 'logs'), name: 'main', maxBytes: 2 * 1024 * 1024, keep: 5 });
const policies = new NavigationPolicies();
// …/app.asar/dist/main/index.cjs → …/app.asar/dist/ (renderer/ and preload/ are beside main/).
const distDir = fileURLToPath(new URL('..', import.meta.url));
const devTools = !app.isPackaged;

let mainWindow: BrowserWindow | undefined;
let host: BridgeHost | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another Intune Desk runs for this user; it brings its window forward ('second-instance').
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  hardenWebContents(app, policies, (level, message, fields) => log.write(level, message, fields));
  app.on('second-instance', () => bringForward(mainWindow));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', quitAfterShutdown);
  app.whenReady().then(start).catch((error: unknown) => {
    log.write('error', 'Intune Desk could not start.', { error });
    process.stderr.write(`Intune Desk could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  log.write('info', `Intune Desk ${app.getVersion()} starting (Electron ${process.versions.electron}).`, { dataDir });
  const defaultSession = session.defaultSession;
  denyAllPermissions(defaultSession, (level, message, fields) => log.write(level, message, fields));
  // The window reads its data through the bridge only; any http(s) or WebSocket request from the
  // default session is a bug or an injection, refused here as well as by the CSP.
  defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    log.write('warn', 'Refused a network request from the app window.', { url: describeUrl(details.url) });
    callback({ cancel: true });
  });
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request.method, request.url, {
    rootDir: join(distDir, 'renderer'),
    onRefused: (url, status, reason) => log.write('warn', `app:// answered ${status}: ${reason}.`, { url: describeUrl(url) }),
  }));

  const { encryptor, fallbackReason } = await chooseTokenCacheEncryptor(safeStorage, dataDir);
  if (fallbackReason) log.write('warn', `The token cache is protected with a key file readable by this account only, because ${fallbackReason}.`);

  const storeOptions = settingsStoreOptions(dataDir);
  const settings = new StoredSettings({
    path: join(storeOptions.cwd, `${storeOptions.name}.json`),
    open: () => new ElectronStore<Record<string, unknown>>({ ...storeOptions, schema: { ...storeOptions.schema } }) as unknown as SettingsFile,
  });

  // IT's machine policy (the same file the CLI reads) may name its own sign-in host; a damaged
  // policy is the host's to report, and the allow-list then keeps Microsoft's hosts only.
  const policyPath = policyFilePath(process.env, process.platform);
  let extraSignInHosts: readonly string[] = [];
  try {
    const authorityHost = readPolicy(policyPath)?.authorityHost;
    if (authorityHost) extraSignInHosts = [authorityHost];
  } catch (error) {
    log.write('warn', 'The machine policy could not be read.', { error });
  }

  const platform = electronPlatform({
    dataDir, encryptor, settings, policyPath, extraSignInHosts, log, policies, devTools,
    mainWindow: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined),
  });
  const started = new DesktopHost(platform);
  host = started;
  registerBridge(ipcMain, {
    host: started,
    mainFrame: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : undefined),
    log: (level, message, fields) => log.write(level, message, fields),
  });
  forwardEvents(started, () => mainWindow?.webContents);
  // Settings, tenants, the machine policy; a demo profile's tenant starts in the background.
  await started.start();

  mainWindow = openMainWindow({ preloadPath: join(distDir, 'preload', 'index.cjs'), devTools });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

let shutDown = false;
function quitAfterShutdown(event: Electron.Event): void {
  if (shutDown || !host) return;
  // Let the host finish what it writes (inventory, token cache, the demo tenant's journal) first.
  event.preventDefault();
  shutDown = true;
  const stopping = host;
  stopping.shutdown()
    .catch((error: unknown) => log.write('error', 'The host did not shut down cleanly.', { error }))
    .finally(() => app.quit());
}
