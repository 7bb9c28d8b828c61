// Certificate trust for the demo tenant's sign-in window. The demo tenant serves HTTPS on
// 127.0.0.1 with a certificate from its own CA, which the operating system does not trust. The
// window that shows its sign-in page has a session of its own, and that session trusts exactly
// one certificate: the demo tenant's server certificate, recognized by the SHA-256 of its public
// key (the ready line's serverCertificateSpkiSha256), on the demo tenant's loopback host. Any
// other host or certificate is refused; certificate checks are never switched off.
import { createHash, X509Certificate } from 'node:crypto';

/** Chromium's net error codes as setCertificateVerifyProc takes them. */
export const TRUST = 0;
export const REFUSE = -2;

export interface CertificateQuestion {
  readonly hostname: string;
  /** The leaf certificate, PEM (Electron's Certificate.data). */
  readonly certificatePem: string;
}

export interface DemoServer {
  /** The host the demo tenant listens on (127.0.0.1). */
  readonly hostname: string;
  /** Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo. */
  readonly spkiSha256: string;
}

export function demoCertificateVerdict(question: CertificateQuestion, demo: DemoServer): typeof TRUST | typeof REFUSE {
  if (question.hostname !== demo.hostname) return REFUSE;
  let spki: string;
  try {
    spki = spkiSha256(question.certificatePem);
  } catch {
    return REFUSE;
  }
  return spki === demo.spkiSha256 ? TRUST : REFUSE;
}

export function spkiSha256(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}
