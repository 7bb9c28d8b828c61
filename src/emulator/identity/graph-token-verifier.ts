// How our Graph side checks the bearer token on every request: our signature, Graph's audience,
// an sts.windows.net issuer and a lifetime on the emulator's clock. The signature work is done
// once per token and remembered; the time checks run every call, because the clock moves.
import type { Clock } from '../clock.ts';
import { decodeJwt, verifyRs256 } from './jwt.ts';
import type { JsonObject } from './jwt.ts';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from './scopes.ts';
import type { SigningKey } from './signing-key.ts';

export interface VerifiedToken {
  readonly tenantId: string;
  readonly userId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly wids: readonly string[];
  readonly upn: string;
  readonly name: string;
}

export type TokenProblem = { readonly kind: 'missing' | 'invalid' | 'expired' | 'wrongAudience'; readonly description: string };

/** Microsoft.IdentityModel's default allowance for clocks that disagree. */
export const CLOCK_SKEW_SECONDS = 300;
const CACHE_LIMIT = 10_000;

type Checked =
  | { readonly kind: 'ok'; readonly token: VerifiedToken; readonly nbf: number; readonly exp: number }
  | { readonly kind: 'bad'; readonly problem: TokenProblem };

export function isTokenProblem(value: VerifiedToken | TokenProblem): value is TokenProblem {
  return 'kind' in value;
}

/** `skewSeconds` is read per check so tests can narrow it at runtime (to see expiry without waiting five minutes). */
export function createGraphTokenVerifier(keys: SigningKey, clock: Clock, skewSeconds: () => number = () => CLOCK_SKEW_SECONDS): (authorization: string | undefined) => VerifiedToken | TokenProblem {
  const cache = new Map<string, Checked>();
  return (authorization) => {
    const token = bearerToken(authorization);
    if (typeof token !== 'string') return token;
    let checked = cache.get(token);
    if (!checked) {
      // A simple bound: tokens are short-lived, so starting over now and then costs little.
      if (cache.size >= CACHE_LIMIT) cache.clear();
      checked = check(token, keys);
      cache.set(token, checked);
    }
    if (checked.kind === 'bad') return checked.problem;
    const now = clock.now() / 1000;
    const skew = skewSeconds();
    if (checked.nbf > now + skew) return { kind: 'invalid', description: 'Lifetime validation failed, the token is not yet valid.' };
    if (checked.exp <= now - skew) return { kind: 'expired', description: 'Lifetime validation failed, the token is expired.' };
    return checked.token;
  };
}

function bearerToken(authorization: string | undefined): string | TokenProblem {
  const value = authorization?.trim() ?? '';
  if (value === '') return { kind: 'missing', description: 'Access token is empty.' };
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return { kind: 'invalid', description: 'Access token validation failure. The Authorization header must be "Bearer <token>".' };
  return match[1];
}

function check(token: string, keys: SigningKey): Checked {
  const bad = (kind: TokenProblem['kind'], description: string): Checked => ({ kind: 'bad', problem: { kind, description } });
  const jwt = decodeJwt(token);
  if (!jwt) return bad('invalid', 'IDX14100: JWT is not well formed. The token needs to be in JWS Compact Serialization Format.');
  if (jwt.header['kid'] !== keys.kid || !verifyRs256(jwt, keys.publicKey)) return bad('invalid', 'Access token validation failure. Invalid signature.');
  const p = jwt.payload;
  const aud = p['aud'];
  if (aud !== GRAPH_APP_ID && aud !== GRAPH_RESOURCE && aud !== `${GRAPH_RESOURCE}/`) return bad('wrongAudience', 'Access token validation failure. Invalid audience.');
  const tid = str(p, 'tid');
  if (!tid || p['iss'] !== `https://sts.windows.net/${tid}/`) return bad('invalid', 'Access token validation failure. Invalid issuer.');
  const oid = str(p, 'oid');
  const appid = str(p, 'appid');
  const nbf = p['nbf'];
  const exp = p['exp'];
  if (!oid || !appid || typeof nbf !== 'number' || typeof exp !== 'number') return bad('invalid', 'Access token validation failure. Required claims are missing.');
  const wids = Array.isArray(p['wids']) ? p['wids'].filter((w): w is string => typeof w === 'string') : [];
  return {
    kind: 'ok',
    nbf,
    exp,
    token: {
      tenantId: tid,
      userId: oid,
      appId: appid,
      scopes: (str(p, 'scp') ?? '').split(' ').filter((s) => s !== ''),
      wids,
      upn: str(p, 'upn') ?? str(p, 'unique_name') ?? '',
      name: str(p, 'name') ?? '',
    },
  };
}

function str(payload: JsonObject, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' ? value : undefined;
}
