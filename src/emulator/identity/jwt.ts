// Compact JWS with RS256: the only algorithm Entra signs ID and access tokens with.
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export type JsonObject = { readonly [key: string]: unknown };

export function signJwt(header: JsonObject, payload: JsonObject, privateKey: KeyObject): string {
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

export interface DecodedJwt {
  readonly header: JsonObject;
  readonly payload: JsonObject;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** Splits and parses a token without checking anything; undefined when it is not a JWS at all. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = parseJsonObject(h);
  const payload = parseJsonObject(p);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

export function verifyRs256(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  if (jwt.header['alg'] !== 'RS256') return false;
  return verify('sha256', Buffer.from(jwt.signingInput, 'ascii'), publicKey, jwt.signature);
}

function encode(value: JsonObject): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function parseJsonObject(part: string): JsonObject | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
