// A token provider as the auth service gives one, built on the real protocol: it signs in once
// (the scripted authorization-code flow), and whenever the access token is within half its
// lifetime of expiring it redeems the refresh token at the tenant's token endpoint (refresh
// tokens rotate, so each answer's replaces the last). The Graph client calls it for every
// request, so a sync that outlives its token carries on with the next.
import { INTUNE_SCOPES } from '../../../../src/emulator/directory/demo-directory.ts';
import { DEFAULT_CLIENT_ID } from '../../../../src/emulator/directory/demo-directory.ts';
import type { TokenProvider } from '../../../../src/core/graph/graph-client.ts';
import { postForm } from '../../../helpers/https-request.ts';
import { signIn } from '../../../helpers/sign-in.ts';
import { ADELE, TENANT_DOMAIN } from './sync-tenant.ts';

export interface RefreshingTokenProvider {
  readonly provide: TokenProvider;
  /** Calls the Graph client made. */
  readonly calls: () => number;
  /** Tokens redeemed from a refresh token at the token endpoint. */
  readonly refreshes: () => number;
  /** Every access token handed out, in order (distinct ones). */
  readonly tokens: () => readonly string[];
}

export function refreshingTokenProvider(baseUrl: string, ca: string): RefreshingTokenProvider {
  const scope = [...INTUNE_SCOPES, 'openid', 'profile', 'offline_access'].join(' ');
  let current: { accessToken: string; refreshToken: string; expiresAt: number; lifetimeMs: number } | undefined;
  let pending: Promise<void> | undefined;
  let calls = 0;
  let refreshes = 0;
  const handedOut: string[] = [];

  const acquire = async (): Promise<void> => {
    const now = Date.now();
    if (!current) {
      const first = await signIn({ baseUrl, ca, tenant: TENANT_DOMAIN, upn: ADELE, scopes: INTUNE_SCOPES });
      current = { accessToken: first.accessToken, refreshToken: first.refreshToken, expiresAt: now + first.expiresIn * 1000, lifetimeMs: first.expiresIn * 1000 };
      return;
    }
    const { status, json } = await postForm(`${baseUrl}/${TENANT_DOMAIN}/oauth2/v2.0/token`, {
      client_id: DEFAULT_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: current.refreshToken,
      scope,
    }, ca);
    if (status !== 200 || typeof json['access_token'] !== 'string' || typeof json['refresh_token'] !== 'string') throw new Error(`refresh failed: ${status} ${JSON.stringify(json)}`);
    const lifetimeMs = Number(json['expires_in']) * 1000;
    current = { accessToken: json['access_token'], refreshToken: json['refresh_token'], expiresAt: now + lifetimeMs, lifetimeMs };
    refreshes++;
  };

  return {
    provide: async () => {
      calls++;
      // Renew when half the lifetime is gone: a request sent now still arrives with time to spare.
      if (!current || Date.now() >= current.expiresAt - current.lifetimeMs / 2) {
        pending ??= acquire().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      const token = (current as { accessToken: string }).accessToken;
      if (handedOut[handedOut.length - 1] !== token) handedOut.push(token);
      return token;
    },
    calls: () => calls,
    refreshes: () => refreshes,
    tokens: () => handedOut,
  };
}
