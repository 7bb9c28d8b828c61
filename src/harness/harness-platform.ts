// HostPlatform for the browser harness: a key file protects the token cache (as for the CLI),
// settings live in a JSON file, and a sign-in page opens as a window of the harness page (the
// page calls window.open when the harness asks it to), so a test drives the real sign-in and
// consent pages in that window. Exports come back as content; the page downloads them.
import { join } from 'node:path';
import { KeyFileEncryptor } from '../core/auth/index.ts';
import { policyFilePath } from '../core/config/policy-file.ts';
import type { HostPlatform } from '../host/platform.ts';
import { JsonFileSettings } from './json-settings.ts';

export interface HarnessPlatformDeps {
  readonly dataDir: string;
  readonly version: string;
  /** Asks the connected page to open a window; false when no page is connected. */
  readonly openWindow: (url: string) => boolean;
  readonly log: HostPlatform['log'];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function harnessPlatform(deps: HarnessPlatformDeps): HostPlatform {
  const open = async (url: string): Promise<void> => {
    if (!/^https:\/\//.test(url)) throw new Error('The harness opens only https sign-in pages.');
    if (!deps.openWindow(url)) {
      throw new Error(`No harness page is connected to show the sign-in page. Open the address "npm run start:web" printed, then sign in again (or open ${url} yourself).`);
    }
  };
  const policyPath = policyFilePath(deps.env, process.platform);
  return {
    shell: 'web',
    version: deps.version,
    dataDir: deps.dataDir,
    encryptor: new KeyFileEncryptor(join(deps.dataDir, 'token-cache.key')),
    settings: new JsonFileSettings(join(deps.dataDir, 'settings.json')),
    ...(policyPath !== undefined ? { policyPath } : {}),
    openExternal: open,
    // The page's browser was started trusting the demo tenant's certificate (--open, or the test's Chromium).
    openDemoSignIn: (url) => open(url),
    log: deps.log,
  };
}
