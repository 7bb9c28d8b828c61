// Turns a finished sign-in (or a redeemed refresh token) into the token endpoint's success body.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { clientInfo, graphAccessTokenClaims, idTokenClaims } from './claims.ts';
import type { SignedInAccount } from './claims.ts';
import { hashToken } from './identity-store.ts';
import type { IdentityStore } from './identity-store.ts';
import { signJwt } from './jwt.ts';
import { responseScope, scpClaim } from './scopes.ts';
import type { ScopeRequest } from './scopes.ts';
import type { SigningKey } from './signing-key.ts';

export interface TokenIssuer {
  issue(request: IssueRequest): Record<string, unknown>;
}

export interface IssueRequest {
  readonly account: SignedInAccount;
  readonly scopes: ScopeRequest;
  /** Bare Graph permissions that go into `scp`. */
  readonly granted: readonly string[];
  readonly nonce?: string;
  /** The client sent client_info=1. */
  readonly clientInfo: boolean;
  readonly ipaddr: string;
  /** The client proved a secret (appidacr 1). */
  readonly confidential: boolean;
  readonly authTime: number;
  /** The rotation chain a refreshed token continues. */
  readonly chain?: string;
}

export interface IssuerDeps {
  readonly keys: SigningKey;
  readonly store: IdentityStore;
  readonly clock: Clock;
  readonly baseUrl: () => string;
  /** Access token lifetime in seconds for the next token. */
  readonly accessTokenLifetime: () => number;
}

/** Tokens last at least two hours before Entra adds refresh_in, telling MSAL to renew at half-life. */
const REFRESH_IN_THRESHOLD_SECONDS = 7200;

export function createTokenIssuer(deps: IssuerDeps): TokenIssuer {
  return {
    issue(request) {
      const now = deps.clock.now();
      const nowSeconds = Math.floor(now / 1000);
      const lifetime = deps.accessTokenLifetime();
      const pairwise = deps.store.pairwiseSecret;
      const accessToken = signJwt(
        { typ: 'JWT', nonce: randomBytes(32).toString('base64url').slice(0, 43), alg: 'RS256', x5t: deps.keys.x5t, kid: deps.keys.kid },
        graphAccessTokenClaims(request.account, nowSeconds, lifetime, pairwise, {
          scp: scpClaim(request.scopes, request.granted),
          ipaddr: request.ipaddr,
          appidacr: request.confidential ? '1' : '0',
        }),
        deps.keys.privateKey,
      );
      const body: Record<string, unknown> = {
        token_type: 'Bearer',
        scope: responseScope(request.scopes, request.granted),
        expires_in: lifetime,
        ext_expires_in: lifetime,
      };
      if (lifetime >= REFRESH_IN_THRESHOLD_SECONDS) body['refresh_in'] = Math.floor(lifetime / 2);
      body['access_token'] = accessToken;
      if (request.scopes.oidc.includes('offline_access')) {
        body['refresh_token'] = newRefreshToken(deps.store, request, now);
      }
      if (request.scopes.oidc.includes('openid')) {
        const claims = idTokenClaims(request.account, deps.baseUrl(), nowSeconds, pairwise, {
          ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
          includeEmail: request.scopes.oidc.includes('email'),
        });
        // v2 ID tokens carry kid only; x5t is a v1 habit.
        body['id_token'] = signJwt({ typ: 'JWT', alg: 'RS256', kid: deps.keys.kid }, claims, deps.keys.privateKey);
      }
      if (request.clientInfo) body['client_info'] = clientInfo(request.account.home);
      return body;
    },
  };
}

function newRefreshToken(store: IdentityStore, request: IssueRequest, now: number): string {
  // Opaque and long, like Entra's encrypted refresh tokens; only its hash is stored.
  const token = `1.A${randomBytes(160).toString('base64url')}`;
  store.addRefreshToken({
    hash: hashToken(token),
    chain: request.chain ?? randomUUID(),
    clientId: request.account.app.clientId,
    homeTenantId: request.account.home.tenantId,
    homeUserId: request.account.home.id,
    issuedAt: now,
    authTime: request.authTime,
    sessionId: request.account.sessionId,
  }, now);
  return token;
}
