// Small conversions between MSAL's results and the sign-in model (auth-model.ts), and the
// scope lists the auth service keeps: pure functions, so the service itself stays about flows.
import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import { readAccessTokenClaims } from './access-token-claims.ts';
import type { AccessToken, AccountSummary } from './auth-model.ts';
import type { ProfileSignIn } from './token-cache-file.ts';

/** Scopes MSAL adds to every request; they are not Graph permissions. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export function toAccessToken(result: AuthenticationResult): AccessToken {
  return {
    token: result.accessToken,
    expiresOn: result.expiresOn ?? new Date(0),
    tenantId: result.tenantId,
    scopes: readAccessTokenClaims(result.accessToken).scopes,
  };
}

export function summarize(account: AccountInfo, tenantId: string): AccountSummary {
  return { homeAccountId: account.homeAccountId, username: account.username, name: account.name, tenantId };
}

export function tokenKey(profileId: string, signIn: ProfileSignIn, scopes: readonly string[]): string {
  return [profileId, signIn.homeAccountId, signIn.tenantId, [...scopes].map((s) => s.toLowerCase()).sort().join(' ')].join('\n');
}

export function graphScopes(scopes: readonly string[]): readonly string[] {
  return scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
}

export function union(a: readonly string[], b: readonly string[]): readonly string[] {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  return [...a, ...b.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()))];
}

/** `<object id>.<tenant id>` → the tenant id. */
export function homeTenantOf(homeAccountId: string): string {
  return homeAccountId.slice(homeAccountId.lastIndexOf('.') + 1);
}
