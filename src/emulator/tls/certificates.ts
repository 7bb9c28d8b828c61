// The demo tenant's own certificate authority and loopback server certificate.
// Made on first start and kept in the data folder, so a client that trusts the CA once keeps trusting it.
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface TlsMaterial {
  readonly caCertificatePem: string;
  readonly caCertificatePath: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** Browsers refuse leaf certificates valid for longer than 398 days. */
const LEAF_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;

export async function loadOrCreateTls(folder: string, now = new Date()): Promise<TlsMaterial> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const paths = {
    caCert: join(folder, 'demo-tenant-ca.pem'),
    caKey: join(folder, 'demo-tenant-ca.key'),
    cert: join(folder, 'localhost.pem'),
    key: join(folder, 'localhost.key'),
  };
  let ca = await readPair(paths.caCert, paths.caKey);
  if (!ca || ca.cert.notAfter.getTime() < now.getTime() + LEAF_DAYS * DAY) {
    ca = await createAuthority(now);
    await writePair(paths.caCert, paths.caKey, ca);
  }
  let leaf = await readPair(paths.cert, paths.key);
  const leafStale = !leaf
    || leaf.cert.notAfter.getTime() < now.getTime() + RENEW_BEFORE_DAYS * DAY
    || !(await leaf.cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }));
  if (!leaf || leafStale) {
    leaf = await createServerCertificate(ca, now);
    await writePair(paths.cert, paths.key, leaf);
  }
  return {
    caCertificatePem: ca.cert.toString('pem'),
    caCertificatePath: paths.caCert,
    serverCertificatePem: leaf.cert.toString('pem'),
    serverKeyPem: leaf.keyPem,
  };
}

interface Pair {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair | { readonly privateKey: CryptoKey };
  readonly keyPem: string;
}

async function readPair(certPath: string, keyPath: string): Promise<Pair | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const cert = new x509.X509Certificate(certPem);
    const der = x509.PemConverter.decode(keyPem)[0];
    if (!der) return undefined;
    const privateKey = await webcrypto.subtle.importKey('pkcs8', der, EC, true, ['sign']);
    return { cert, keys: { privateKey }, keyPem };
  } catch {
    // Missing or unreadable: the caller makes a fresh pair rather than failing to start.
    return undefined;
  }
}

async function writePair(certPath: string, keyPath: string, pair: Pair): Promise<void> {
  await writeFile(certPath, pair.cert.toString('pem'), { mode: 0o644 });
  await writeFile(keyPath, pair.keyPem, { mode: 0o600 });
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function serial(): string {
  // Positive, 16 random bytes, as CAs issue them.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function createAuthority(now: Date): Promise<Pair> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Intune Desk Demo Tenant CA, O=Intune Desk demo',
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    signingAlgorithm: SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, keyPem: await exportKeyPem(keys.privateKey) };
}

async function createServerCertificate(ca: Pair, now: Date): Promise<Pair> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost, O=Intune Desk demo',
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + LEAF_DAYS * DAY),
    signingAlgorithm: SIGN,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, keyPem: await exportKeyPem(keys.privateKey) };
}
