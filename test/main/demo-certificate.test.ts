// The demo sign-in window's certificate check, against the real demo tenant: its own server
// certificate on 127.0.0.1 is trusted, and nothing else.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { connect } from 'node:tls';
import { startDemoTenant } from '../../src/emulator/index.ts';
import type { DemoTenant } from '../../src/emulator/index.ts';
import { demoCertificateVerdict, REFUSE, spkiSha256, TRUST } from '../../src/main/security/demo-certificate.ts';

let tenant: DemoTenant;
let servedPem: string;

before(async () => {
  tenant = await startDemoTenant({ devices: 10 }, { log: () => undefined });
  const { hostname, port } = new URL(tenant.urls.baseUrl);
  // The certificate the server actually presents, as Chromium would see it.
  servedPem = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), servername: undefined, rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw).toString());
    });
    socket.once('error', reject);
  });
});

after(async () => {
  await tenant?.stop();
});

test('the demo tenant\'s own certificate, on its own host, is trusted', () => {
  const demo = { hostname: '127.0.0.1', spkiSha256: tenant.ready.serverCertificateSpkiSha256 };
  assert.equal(spkiSha256(servedPem), tenant.ready.serverCertificateSpkiSha256);
  assert.equal(demoCertificateVerdict({ hostname: '127.0.0.1', certificatePem: servedPem }, demo), TRUST);
});

test('the same certificate on any other host is refused', () => {
  const demo = { hostname: '127.0.0.1', spkiSha256: tenant.ready.serverCertificateSpkiSha256 };
  for (const hostname of ['localhost', 'login.microsoftonline.com', '127.0.0.2', '[::1]', '']) {
    assert.equal(demoCertificateVerdict({ hostname, certificatePem: servedPem }, demo), REFUSE, hostname);
  }
});

test('another certificate on the demo host is refused: the demo CA itself, a wrong pin, garbage', () => {
  const demo = { hostname: '127.0.0.1', spkiSha256: tenant.ready.serverCertificateSpkiSha256 };
  // Issued by the same CA is not enough: only the pinned key is trusted.
  assert.equal(demoCertificateVerdict({ hostname: '127.0.0.1', certificatePem: tenant.caCertificatePem }, demo), REFUSE);
  const wrongPin = { hostname: '127.0.0.1', spkiSha256: spkiSha256(tenant.caCertificatePem) };
  assert.equal(demoCertificateVerdict({ hostname: '127.0.0.1', certificatePem: servedPem }, wrongPin), REFUSE);
  assert.equal(demoCertificateVerdict({ hostname: '127.0.0.1', certificatePem: 'not a certificate' }, demo), REFUSE);
  assert.equal(demoCertificateVerdict({ hostname: '127.0.0.1', certificatePem: '' }, demo), REFUSE);
});
