// The claims of the two tokens a sign-in produces: the v2 ID token (for the client) and the
// v1-format Microsoft Graph access token (opaque to the client, read by our Graph side).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AppRegistration, DirectoryUser, Tenant } from '../directory/model.ts';
import { GRAPH_APP_ID } from './scopes.ts';

/** Who signed in, where, for which app. */
export interface SignedInAccount {
  readonly tenant: Tenant;
  /** The account object in `tenant` (a guest object when the person is a guest there). */
  readonly user: DirectoryUser;
  /** The person's home account: its ids go into client_info. */
  readonly home: DirectoryUser;
  readonly app: AppRegistration;
  readonly sessionId: string;
}

/** Entra back-dates iat and nbf by five minutes to absorb clock skew between machines. */
const BACKDATE_SECONDS = 300;
const ID_TOKEN_SECONDS = 3600;

export function idTokenClaims(
  account: SignedInAccount,
  issuerBase: string,
  nowSeconds: number,
  pairwiseSecret: string,
  options: { readonly nonce?: string; readonly includeEmail: boolean },
): Record<string, unknown> {
  const { tenant, user, home, app } = account;
  const iat = nowSeconds - BACKDATE_SECONDS;
  const claims: Record<string, unknown> = {
    aud: app.clientId,
    iss: `${issuerBase}/${tenant.id}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + ID_TOKEN_SECONDS,
    aio: opaque(90, 'base64'),
  };
  if (options.includeEmail && home.mail) claims['email'] = home.mail;
  if (user.guestOf) claims['idp'] = `https://sts.windows.net/${home.tenantId}/`;
  claims['name'] = home.displayName;
  if (options.nonce !== undefined) claims['nonce'] = options.nonce;
  Object.assign(claims, {
    oid: user.id,
    preferred_username: home.userPrincipalName,
    rh: refreshHint(),
    sid: account.sessionId,
    sub: pairwiseSubject(pairwiseSecret, app.clientId, tenant.id, user.id),
    tid: tenant.id,
    uti: opaque(16, 'base64url'),
    ver: '2.0',
  });
  return claims;
}

export function graphAccessTokenClaims(
  account: SignedInAccount,
  nowSeconds: number,
  lifetimeSeconds: number,
  pairwiseSecret: string,
  details: { readonly scp: string; readonly ipaddr: string; readonly appidacr: '0' | '1' },
): Record<string, unknown> {
  const { tenant, user, home, app } = account;
  const iat = nowSeconds - BACKDATE_SECONDS;
  const guest = user.guestOf !== undefined;
  const claims: Record<string, unknown> = {
    aud: GRAPH_APP_ID,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat,
    nbf: iat,
    exp: nowSeconds + lifetimeSeconds,
    acct: guest ? 1 : 0,
    acr: '1',
    aio: opaque(90, 'base64'),
    amr: ['pwd'],
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: details.appidacr,
    idtyp: 'user',
  };
  // A B2B guest's token names the home directory and carries no upn, as Entra's do.
  if (guest) claims['idp'] = `https://sts.windows.net/${home.tenantId}/`;
  Object.assign(claims, {
    ipaddr: details.ipaddr,
    name: home.displayName,
    oid: user.id,
    platf: '3',
    puid: puid(home.id),
    rh: refreshHint(),
    scp: details.scp,
    sub: pairwiseSubject(pairwiseSecret, app.clientId, tenant.id, user.id),
    tenant_region_scope: 'NA',
    tid: tenant.id,
    unique_name: home.userPrincipalName,
  });
  if (!guest) claims['upn'] = user.userPrincipalName;
  Object.assign(claims, {
    uti: opaque(16, 'base64url'),
    ver: '1.0',
    wids: [...user.directoryRoleIds],
    xms_st: { sub: pairwiseSubject(pairwiseSecret, 'xms_st', tenant.id, user.id) },
    xms_tcdt: tenantCreatedAt(tenant.id),
  });
  return claims;
}

/** `sub` is pairwise: the same person has a different, stable subject in each app. */
export function pairwiseSubject(secret: string, clientId: string, tenantId: string, objectId: string): string {
  return createHmac('sha256', secret).update(`${clientId}|${tenantId}|${objectId}`).digest('base64url');
}

/** client_info: base64url JSON of the person's home object id and home tenant id. */
export function clientInfo(home: DirectoryUser): string {
  return Buffer.from(JSON.stringify({ uid: home.id, utid: home.tenantId }), 'utf8').toString('base64url');
}

function opaque(bytes: number, encoding: 'base64' | 'base64url'): string {
  return randomBytes(bytes).toString(encoding).replace(/=+$/, '');
}

function refreshHint(): string {
  return `0.A${opaque(45, 'base64url')}.`;
}

/** A stable 16-hex-digit passport id per person, shaped like Entra's. */
function puid(homeObjectId: string): string {
  return `1003${createHash('sha256').update(homeObjectId).digest('hex').slice(0, 12)}`.toUpperCase();
}

/** A stable tenant creation time (seconds) per tenant, somewhere in 2015-2023. */
function tenantCreatedAt(tenantId: string): number {
  const n = createHash('sha256').update(tenantId).digest().readUInt32BE(0);
  return 1_420_070_400 + (n % 252_460_800);
}
