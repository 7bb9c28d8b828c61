// The RS256 key that signs every token, with the self-signed certificate Entra publishes
// beside it in the JWKS (x5c, x5t). Kept in the data folder so tokens issued before a restart
// still verify after it.
import { createHash, createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface SigningKey {
  /** Entra uses the certificate thumbprint as the key id, so kid and x5t are equal. */
  readonly kid: string;
  readonly x5t: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Base64 DER, as in the JWKS `x5c` array. */
  readonly certificateBase64: string;
  readonly modulus: string;
  readonly exponent: string;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) } as const;
const DAY = 86_400_000;

export async function loadOrCreateSigningKey(folder: string, log: (message: string) => void, now = new Date()): Promise<SigningKey> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const keyPath = join(folder, 'identity-signing.key');
  const certPath = join(folder, 'identity-signing.pem');
  const existing = await readExisting(keyPath, certPath);
  if (existing.kind === 'ok') return existing.key;
  if (existing.kind === 'broken') {
    log(`identity: the token signing key in ${folder} could not be used (${existing.reason}); making a new one. Tokens issued before this start will no longer verify.`);
  }
  const { keyPem, certPem } = await createKeyAndCertificate(now);
  await writeAtomically(keyPath, keyPem, 0o600);
  await writeAtomically(certPath, certPem, 0o644);
  return fromPem(keyPem, certPem);
}

type Existing = { kind: 'ok'; key: SigningKey } | { kind: 'missing' } | { kind: 'broken'; reason: string };

async function readExisting(keyPath: string, certPath: string): Promise<Existing> {
  let keyPem: string;
  let certPem: string;
  try {
    [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  } catch (error) {
    if (isNotFound(error)) return { kind: 'missing' };
    return { kind: 'broken', reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { kind: 'ok', key: fromPem(keyPem, certPem) };
  } catch (error) {
    return { kind: 'broken', reason: error instanceof Error ? error.message : String(error) };
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

function fromPem(keyPem: string, certPem: string): SigningKey {
  const privateKey = createPrivateKey(keyPem);
  const certificate = new X509Certificate(certPem);
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('the certificate does not belong to the private key');
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('the signing key is not an RSA key');
  const x5t = createHash('sha1').update(certificate.raw).digest('base64url');
  return { kid: x5t, x5t, privateKey, publicKey, certificateBase64: certificate.raw.toString('base64'), modulus: jwk.n, exponent: jwk.e };
}

async function createKeyAndCertificate(now: Date): Promise<{ keyPem: string; certPem: string }> {
  const keys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    // The subject Entra's own token signing certificates carry.
    name: 'CN=accounts.accesscontrol.windows.net',
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 5 * 365 * DAY),
    signingAlgorithm: RSA,
    keys,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certPem: cert.toString('pem') };
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, { mode });
  await rename(temp, path);
}
