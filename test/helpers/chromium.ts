// The system Chromium, driven by Playwright, trusting the demo tenant's server certificate
// by its public key only (not a blanket "ignore certificate errors").
import { createHash, X509Certificate } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as --ignore-certificate-errors-spki-list wants. */
export function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export function launchChromium(serverCertificatePem: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--ignore-certificate-errors-spki-list=${spkiHash(serverCertificatePem)}`,
    ],
  });
}
