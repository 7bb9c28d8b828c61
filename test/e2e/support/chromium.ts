// Debian's Chromium, as the end-to-end tests and the UI benchmark start it: Playwright's own
// browser download is unreachable here, and Chromium must trust the demo tenant's certificate
// (made in the harness's data folder) for the sign-in pages.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumArgs(demoCertificateSpkiSha256: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // The demo tenant's certificate only, by its key; never "ignore certificate errors".
    `--ignore-certificate-errors-spki-list=${demoCertificateSpkiSha256}`,
  ];
}
