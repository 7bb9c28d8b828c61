// What the app may learn from its own access token without being its audience: the granted
// scopes (`scp`) and directory roles (`wids`). Only Graph validates the token; this decodes the
// payload and never verifies, stores or passes the token on.

export interface AccessTokenClaims {
  /** Delegated scopes, as the token's `scp` lists them. */
  readonly scopes: readonly string[];
  /** Entra directory role template ids (`wids`). */
  readonly directoryRoleIds: readonly string[];
  readonly tenantId: string | undefined;
}

export function readAccessTokenClaims(accessToken: string): AccessTokenClaims {
  const payload = accessToken.split('.')[1];
  let claims: unknown;
  try {
    claims = payload === undefined ? undefined : JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    claims = undefined;
  }
  // Entra may issue tokens the client cannot read (encrypted, or for other resources): then nothing is known.
  if (typeof claims !== 'object' || claims === null) return { scopes: [], directoryRoleIds: [], tenantId: undefined };
  const c = claims as Record<string, unknown>;
  const scp = typeof c['scp'] === 'string' ? c['scp'].split(' ').filter((s) => s !== '') : [];
  const wids = Array.isArray(c['wids']) ? c['wids'].filter((w): w is string => typeof w === 'string') : [];
  return { scopes: scp, directoryRoleIds: wids, tenantId: typeof c['tid'] === 'string' ? c['tid'] : undefined };
}

/** Entra directory roles that carry full Intune rights, by template id (the `wids` claim). */
export const INTUNE_ADMIN_DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};
