// POST /{tenant}/oauth2/v2.0/token: the three grants a desktop client uses, and Entra's
// answers when something is wrong with the client, the grant or the scopes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { appUsableInTenant, findApp, findUserById, redirectUriRegistered } from '../directory/lookup.ts';
import type { AppRegistration } from '../directory/model.ts';
import { parseForm, readBody } from '../http/body.ts';
import { sendJson } from '../http/send.ts';
import type { SignedInAccount } from './claims.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { clientAddress, consentedScopes } from './context.ts';
import { EntraRejection, entra, errorBody } from './entra-errors.ts';
import type { EntraProblem } from './entra-errors.ts';
import { REFRESH_TOKEN_INACTIVE_DAYS } from './identity-store.ts';
import { OIDC_SCOPES, graphScopesNeeded, parseScopes } from './scopes.ts';
import type { ScopeRequest } from './scopes.ts';
import { accountInTenant, resolveTenantPath, tenantForUser, tenantLabel } from './tenant-path.ts';
import type { TenantPath } from './tenant-path.ts';

// MSAL sends the short form; RFC 8628 clients send the URN. Entra takes both.
const DEVICE_CODE_GRANTS = new Set(['device_code', 'urn:ietf:params:oauth:grant-type:device_code']);
const DAY = 86_400_000;

type Form = ReadonlyMap<string, string>;

export async function handleToken(ctx: IdentityContext, ex: Exchange, segment: string): Promise<void> {
  try {
    if (ex.req.method !== 'POST') throw new EntraRejection(entra.postOnly(ex.req.method ?? 'GET'));
    const tenantPath = resolveTenantPath(ctx.directory, segment);
    if (!tenantPath) throw new EntraRejection(entra.tenantNotFound(segment));
    const form = parseForm(await readBody(ex.req, 256 * 1024));
    const { app, confidential } = authenticateClient(ctx, ex, form, tenantPath, segment);
    const grantType = form.get('grant_type');
    if (!grantType) throw new EntraRejection(entra.missingParameter('grant_type'));
    const body = grantType === 'authorization_code' ? redeemCode(ctx, ex, form, app, tenantPath, confidential)
      : grantType === 'refresh_token' ? redeemRefreshToken(ctx, ex, form, app, tenantPath, segment, confidential)
        : DEVICE_CODE_GRANTS.has(grantType) ? redeemDeviceCode(ctx, ex, form, app, confidential)
          : undefined;
    if (!body) throw new EntraRejection(entra.unsupportedGrant(grantType));
    sendJson(ex.res, 200, body, tokenHeaders(ex));
  } catch (error) {
    if (!(error instanceof EntraRejection)) throw error;
    sendTokenError(ctx, ex, error.problem);
  }
}

export function sendTokenError(ctx: IdentityContext, ex: Exchange, problem: EntraProblem): void {
  sendJson(ex.res, problem.status, errorBody(problem, ex.ids, ctx.baseUrl()), tokenHeaders(ex));
}

export function tokenHeaders(ex: Exchange): Record<string, string> {
  const headers: Record<string, string> = { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', 'x-ms-request-id': ex.ids.traceId };
  if (ex.req.headers['client-request-id']) headers['client-request-id'] = ex.ids.correlationId;
  return headers;
}

/** Finds the app and checks its credentials: a public client must send none, a confidential one its secret. */
export function authenticateClient(ctx: IdentityContext, ex: Exchange, form: Form, tenantPath: TenantPath, segment: string): { app: AppRegistration; confidential: boolean } {
  const basic = basicCredentials(ex.req.headers.authorization);
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) throw new EntraRejection(entra.missingParameter('client_id'));
  const app = findApp(ctx.directory, clientId);
  if (!app || (tenantPath.kind === 'tenant' && !appUsableInTenant(app, tenantPath.tenant.id))) {
    throw new EntraRejection(entra.appNotFound(clientId, tenantLabel(tenantPath, segment)));
  }
  const secret = form.get('client_secret') ?? basic?.secret;
  const assertion = form.get('client_assertion');
  if (app.isPublicClient) {
    if (secret !== undefined || assertion !== undefined) throw new EntraRejection(entra.publicClientSentSecret());
    return { app, confidential: false };
  }
  if (secret === undefined && assertion === undefined) throw new EntraRejection(entra.secretMissing());
  // Certificate assertions are not emulated; only the registered secret is accepted.
  if (secret === undefined || !app.clientSecret || !sameSecret(secret, app.clientSecret)) throw new EntraRejection(entra.secretWrong(app.clientId));
  return { app, confidential: true };
}

function redeemCode(ctx: IdentityContext, ex: Exchange, form: Form, app: AppRegistration, tenantPath: TenantPath, confidential: boolean): Record<string, unknown> {
  const now = ctx.clock.now();
  const codeText = form.get('code');
  if (!codeText) throw new EntraRejection(entra.missingParameter('code'));
  const code = ctx.pending.code(codeText, now);
  if (!code) throw new EntraRejection(entra.malformed('invalid_grant'));
  if (code.redeemed) throw new EntraRejection(entra.codeRedeemed());
  if (now > code.expiresAt) throw new EntraRejection(entra.codeExpired());
  if (code.clientId !== app.clientId) throw new EntraRejection(entra.codeForOtherClient());
  if (tenantPath.kind === 'tenant' && tenantPath.tenant.id !== code.account.tenant.id) throw new EntraRejection(entra.codeForOtherTenant());
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) throw new EntraRejection(entra.missingParameter('redirect_uri'));
  if (!redirectUriRegistered(app, redirectUri)) throw new EntraRejection(entra.redirectMismatch(redirectUri, app.clientId));
  if (redirectUri !== code.redirectUri) throw new EntraRejection(entra.redirectDiffersFromCode(redirectUri, code.redirectUri));
  if (code.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== code.codeChallenge) throw new EntraRejection(entra.pkceMismatch());
  }
  // Single use from here on, whatever the outcome, as Entra does once the code has been checked.
  ctx.pending.redeemCode(codeText, now);
  const asked = form.get('scope');
  const scopes = asked ? withOidc(parseScopes(asked, app, code.account.tenant.displayName), code.scopes) : code.scopes;
  const granted = grantedFor(ctx, code.account, scopes);
  return ctx.issuer.issue({
    account: code.account,
    scopes,
    granted,
    ...(code.nonce !== undefined ? { nonce: code.nonce } : {}),
    clientInfo: form.get('client_info') === '1',
    ipaddr: clientAddress(ex.req),
    confidential,
    authTime: code.authTime,
  });
}

function redeemRefreshToken(ctx: IdentityContext, ex: Exchange, form: Form, app: AppRegistration, tenantPath: TenantPath, segment: string, confidential: boolean): Record<string, unknown> {
  const now = ctx.clock.now();
  const token = form.get('refresh_token');
  if (!token) throw new EntraRejection(entra.missingParameter('refresh_token'));
  const record = ctx.store.findRefreshToken(token);
  if (!record) throw new EntraRejection(entra.malformed('invalid_grant'));
  if (record.clientId !== app.clientId) throw new EntraRejection(entra.refreshTokenForOtherClient());
  if (record.redeemedAt !== undefined) throw new EntraRejection(entra.refreshTokenRedeemed());
  if (now - record.issuedAt > REFRESH_TOKEN_INACTIVE_DAYS * DAY) throw new EntraRejection(entra.refreshTokenInactive(record.issuedAt, REFRESH_TOKEN_INACTIVE_DAYS));
  const home = findUserById(ctx.directory, record.homeTenantId, record.homeUserId);
  if (!home) throw new EntraRejection(entra.malformed('invalid_grant'));
  // A refresh token belongs to the person, so it also works in every tenant where they are a guest.
  const tenant = tenantForUser(ctx.directory, tenantPath, home);
  const user = tenant ? accountInTenant(ctx.directory, tenant.id, home) : undefined;
  if (!tenant || !user) throw new EntraRejection(entra.userNotInTenant(home.userPrincipalName, home.tenantId, tenantLabel(tenantPath, segment)));
  if (!appUsableInTenant(app, tenant.id)) throw new EntraRejection(entra.appNotFound(app.clientId, tenant.displayName));
  const scopes = parseScopes(form.get('scope'), app, tenant.displayName);
  const account: SignedInAccount = { tenant, user, home, app, sessionId: record.sessionId };
  const granted = grantedFor(ctx, account, scopes);
  ctx.store.markRedeemed(record.hash, now);
  return ctx.issuer.issue({
    account,
    scopes,
    granted,
    clientInfo: form.get('client_info') === '1',
    ipaddr: clientAddress(ex.req),
    confidential,
    authTime: record.authTime,
    chain: record.chain,
  });
}

function redeemDeviceCode(ctx: IdentityContext, ex: Exchange, form: Form, app: AppRegistration, confidential: boolean): Record<string, unknown> {
  const now = ctx.clock.now();
  const deviceCode = form.get('device_code');
  if (!deviceCode) throw new EntraRejection(entra.missingParameter('device_code'));
  const entry = ctx.pending.device(deviceCode, now);
  if (!entry || entry.app.clientId !== app.clientId) throw new EntraRejection(entra.deviceUnknown());
  const { status } = entry;
  if (status.kind === 'redeemed') throw new EntraRejection(entra.codeRedeemed());
  if (now > entry.expiresAt) throw new EntraRejection(entra.deviceExpired());
  if (status.kind === 'pending') throw new EntraRejection(entra.devicePending());
  if (status.kind === 'declined') throw new EntraRejection(entra.deviceDeclined());
  ctx.pending.setDeviceStatus(deviceCode, { kind: 'redeemed' }, now);
  return ctx.issuer.issue({
    account: status.account,
    scopes: entry.scopes,
    granted: status.granted,
    clientInfo: form.get('client_info') === '1',
    ipaddr: clientAddress(ex.req),
    confidential,
    authTime: status.authTime,
  });
}

/** The Graph permissions to put in the token; anything not consented means the user must be asked. */
function grantedFor(ctx: IdentityContext, account: SignedInAccount, scopes: ScopeRequest): readonly string[] {
  const consented = consentedScopes(ctx, account.tenant.id, account.user.id, account.app);
  const needed = graphScopesNeeded(scopes, consented);
  const missing = needed.filter((s) => !consented.includes(s));
  if (missing.length > 0 || (scopes.defaultScope && consented.length === 0)) {
    throw new EntraRejection(entra.consentRequired(account.app.clientId, account.app.displayName));
  }
  return needed;
}

/** A token request may repeat fewer OIDC scopes than the authorize request; the code's still apply. */
function withOidc(asked: ScopeRequest, fromCode: ScopeRequest): ScopeRequest {
  return { ...asked, oidc: OIDC_SCOPES.filter((s) => asked.oidc.includes(s) || fromCode.oidc.includes(s)) };
}

function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
  const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
