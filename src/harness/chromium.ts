// --open: Debian's Chromium at the harness page, in a profile of its own inside the data folder,
// trusting the demo tenant's server certificate by its public key only (never "ignore certificate
// errors" in general). Sign-in windows open from a message, not a click, so this profile lets
// them; another browser shows a link instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function openInChromium(url: string, dataDir: string, demoSpki: string, log: (message: string) => void): void {
  const child = spawn(CHROMIUM_PATH, [
    `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-popup-blocking',
    `--ignore-certificate-errors-spki-list=${demoSpki}`,
    url,
  ], { stdio: 'ignore', detached: true });
  child.once('error', (error) => log(`Chromium could not be started (${error.message}); open ${url} yourself.`));
  child.unref();
}
