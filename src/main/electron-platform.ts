// HostPlatform in the desktop app: what the host (src/host) gets from Electron. The decisions
// (which URL may leave the app, which certificate the demo window trusts) are plain functions
// under security/; this file only connects them to shell, dialog and the windows.
import { basename, join } from 'node:path';
import { app, dialog, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import type { CacheEncryptor } from '../core/auth/index.ts';
import type { HostPlatform, SettingsStorage } from '../host/platform.ts';
import type { RotatingLog } from './logging/rotating-log.ts';
import type { NavigationPolicies } from './security/navigation-policy.ts';
import { checkSignInUrl } from './security/sign-in-url.ts';
import { openDemoSignInWindow } from './windows/demo-sign-in-window.ts';

export interface ElectronPlatformDeps {
  readonly dataDir: string;
  readonly encryptor: CacheEncryptor;
  readonly settings: SettingsStorage;
  readonly policyPath: string | undefined;
  /** Sign-in hosts IT configured besides Microsoft's (the machine policy's authorityHost). */
  readonly extraSignInHosts: readonly string[];
  readonly log: RotatingLog;
  readonly policies: NavigationPolicies;
  readonly mainWindow: () => BrowserWindow | undefined;
  readonly devTools: boolean;
}

export function electronPlatform(deps: ElectronPlatformDeps): HostPlatform {
  const log: HostPlatform['log'] = (level, message, fields) => deps.log.write(level, message, fields);
  return {
    shell: 'electron',
    version: app.getVersion(),
    dataDir: deps.dataDir,
    encryptor: deps.encryptor,
    settings: deps.settings,
    ...(deps.policyPath !== undefined ? { policyPath: deps.policyPath } : {}),
    async openExternal(url) {
      const verdict = checkSignInUrl(url, deps.extraSignInHosts);
      if (!verdict.allowed) {
        log('warn', `Refused to open an address in the browser: ${verdict.reason}.`, { url });
        throw new Error(`Intune Desk opens only Entra ID sign-in pages in your browser, and refused this address: ${verdict.reason}.`);
      }
      await shell.openExternal(verdict.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: the URL passed checkSignInUrl just above (https Entra authorize endpoints with a loopback redirect only) */
    },
    async openDemoSignIn(url, demo) {
      await openDemoSignInWindow(url, demo.serverCertificateSpkiSha256, { policies: deps.policies, parent: deps.mainWindow(), devTools: deps.devTools, log });
    },
    async chooseSavePath(suggestedName) {
      // Only a file name is taken from the host's suggestion; the folder is the user's Downloads.
      const defaultPath = join(app.getPath('downloads'), basename(suggestedName));
      const options = { title: 'Export devices', defaultPath, filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }] };
      const parent = deps.mainWindow();
      const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return { path: answer.canceled ? undefined : answer.filePath };
    },
    log,
  };
}
