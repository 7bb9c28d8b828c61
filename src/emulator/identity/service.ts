// The identity side of the demo tenant: Entra ID v2 as MSAL and any OAuth 2.0 / OIDC client see it.
// The server hands every request that is not Graph or admin to `handle`; Graph asks
// `verifyGraphToken` about each bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomInt } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Directory } from '../directory/model.ts';
import { BodyTooLargeError } from '../http/body.ts';
import { escapeHtml, sendHtml, sendJson } from '../http/send.ts';
import { handleAuthorize } from './authorize.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { DEVICE_LOGIN_PATH, handleDeviceCodeRequest, handleDeviceLogin } from './device-code.ts';
import { handleInstanceDiscovery, handleKeys, handleOpenIdConfiguration } from './discovery.ts';
import { newRequestIds } from './entra-errors.ts';
import { CLOCK_SKEW_SECONDS, createGraphTokenVerifier } from './graph-token-verifier.ts';
import type { TokenProblem, VerifiedToken } from './graph-token-verifier.ts';
import { IdentityStore } from './identity-store.ts';
import { layout } from './pages.ts';
import { PendingStores } from './pending-stores.ts';
import { handleLogout } from './session-end.ts';
import { handleConsentPost, handleLoginPost } from './sign-in-flow.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';
import { createTokenIssuer } from './token-issuer.ts';
import { handleToken } from './token-endpoint.ts';
import { handleUserinfo } from './userinfo.ts';

export type { TokenProblem, VerifiedToken } from './graph-token-verifier.ts';
export { CLOCK_SKEW_SECONDS, isTokenProblem } from './graph-token-verifier.ts';

export interface IdentityDeps {
  readonly directory: Directory;
  /** 'https://127.0.0.1:PORT', known once the server listens. */
  readonly baseUrl: () => string;
  readonly clock: Clock;
  /** Always given (a temporary folder when the user gave none); the signing key and state live here. */
  readonly dataDir: string;
  readonly log: (message: string) => void;
}

export interface IdentityService {
  /** Answers an identity request; false when the path is not one of ours (the server sends 404). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Checks a Graph request's Authorization header. Synchronous and cached: it runs on every Graph call. */
  verifyGraphToken(authorization: string | undefined): VerifiedToken | TokenProblem;
  /** Fixes the access token lifetime (seconds); by default each token gets 60 to 90 minutes, as in Entra. */
  setAccessTokenLifetime(seconds: number): void;
  /** How far past `exp` Graph still accepts a token (default 300 s, as Microsoft.IdentityModel). */
  setClockSkew(seconds: number): void;
  stop(): Promise<void>;
}

/** Entra gives each access token a lifetime between 60 and 90 minutes. */
const DEFAULT_LIFETIME_RANGE = [3600, 5400] as const;

export async function createIdentityService(deps: IdentityDeps): Promise<IdentityService> {
  const [keys, store] = await Promise.all([
    loadOrCreateSigningKey(deps.dataDir, deps.log),
    IdentityStore.open(deps.dataDir, deps.log),
  ]);
  let fixedLifetime: number | undefined;
  const ctx: IdentityContext = {
    directory: deps.directory,
    clock: deps.clock,
    baseUrl: deps.baseUrl,
    log: deps.log,
    keys,
    store,
    pending: new PendingStores(),
    issuer: createTokenIssuer({
      keys,
      store,
      clock: deps.clock,
      baseUrl: deps.baseUrl,
      accessTokenLifetime: () => fixedLifetime ?? randomInt(DEFAULT_LIFETIME_RANGE[0], DEFAULT_LIFETIME_RANGE[1] + 1),
    }),
  };
  let clockSkew = CLOCK_SKEW_SECONDS;
  const verifyGraphToken = createGraphTokenVerifier(keys, deps.clock, () => clockSkew);

  return {
    async handle(req, res, url) {
      const route = routeOf(url.pathname);
      if (!route) return false;
      const clientRequestId = headerValue(req.headers['client-request-id']) ?? url.searchParams.get('client-request-id') ?? undefined;
      const ex: Exchange = { req, res, url, ids: newRequestIds(deps.clock.now(), clientRequestId) };
      try {
        await dispatch(ctx, ex, route, verifyGraphToken);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendJson(res, 413, { error: 'invalid_request', error_description: error.message });
        } else {
          deps.log(`identity: ${req.method ?? 'GET'} ${url.pathname} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          sendJson(res, 500, { error: 'server_error', error_description: 'The demo tenant hit an internal error; see its log.' });
        }
      }
      return true;
    },
    verifyGraphToken,
    setAccessTokenLifetime(seconds) {
      if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError(`Access token lifetime must be a whole number of seconds above 0, got ${seconds}`);
      fixedLifetime = seconds;
    },
    setClockSkew(seconds) {
      if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError(`Clock skew must be a whole number of seconds, got ${seconds}`);
      clockSkew = seconds;
    },
    async stop() {
      await store.flush();
    },
  };
}

type Route =
  | { readonly kind: 'instance' | 'openid' | 'keys' | 'keysV1' | 'authorize' | 'token' | 'devicecode' | 'logout' | 'login' | 'consent'; readonly segment: string }
  | { readonly kind: 'devicelogin' | 'userinfo' | 'errorInfo' };

/** Paths under /{tenant}/, lower-cased: Entra's paths are case-insensitive. */
const TENANT_ROUTES: ReadonlyMap<string, Extract<Route, { segment: string }>['kind']> = new Map([
  ['discovery/instance', 'instance'],
  ['v2.0/.well-known/openid-configuration', 'openid'],
  ['discovery/v2.0/keys', 'keys'],
  ['discovery/keys', 'keysV1'],
  ['oauth2/v2.0/authorize', 'authorize'],
  ['oauth2/v2.0/token', 'token'],
  ['oauth2/v2.0/devicecode', 'devicecode'],
  ['oauth2/v2.0/logout', 'logout'],
  ['login', 'login'],
  ['consent', 'consent'],
]);

function routeOf(pathname: string): Route | undefined {
  const lower = pathname.toLowerCase().replace(/\/+$/, '');
  if (lower === DEVICE_LOGIN_PATH) return { kind: 'devicelogin' };
  if (lower === '/oidc/userinfo') return { kind: 'userinfo' };
  if (lower === '/error') return { kind: 'errorInfo' };
  const slash = pathname.indexOf('/', 1);
  if (slash < 0) return undefined;
  const segment = decodeSegment(pathname.slice(1, slash));
  const kind = TENANT_ROUTES.get(lower.slice(slash + 1));
  return segment && kind ? { kind, segment } : undefined;
}

async function dispatch(ctx: IdentityContext, ex: Exchange, route: Route, verify: (a: string | undefined) => VerifiedToken | TokenProblem): Promise<void> {
  const method = ex.req.method ?? 'GET';
  switch (route.kind) {
    case 'instance': return handleInstanceDiscovery(ctx, ex, route.segment);
    case 'openid': return handleOpenIdConfiguration(ctx, ex, route.segment);
    case 'keys': return handleKeys(ctx, ex, route.segment, true);
    case 'keysV1': return handleKeys(ctx, ex, route.segment, false);
    case 'authorize': return method === 'GET' ? handleAuthorize(ctx, ex, route.segment) : methodNotAllowed(ex, 'GET');
    case 'token': return handleToken(ctx, ex, route.segment);
    case 'devicecode': return handleDeviceCodeRequest(ctx, ex, route.segment);
    case 'logout': return handleLogout(ctx, ex);
    case 'login': return method === 'POST' ? handleLoginPost(ctx, ex) : methodNotAllowed(ex, 'POST');
    case 'consent': return method === 'POST' ? handleConsentPost(ctx, ex) : methodNotAllowed(ex, 'POST');
    case 'devicelogin': return handleDeviceLogin(ctx, ex);
    case 'userinfo': return handleUserinfo(ctx, ex, verify);
    case 'errorInfo': return errorInfo(ex);
  }
}

/** The page behind error_uri: which AADSTS code, and where Microsoft documents it. */
function errorInfo(ex: Exchange): void {
  const code = (ex.url.searchParams.get('code') ?? '').replace(/\D/g, '');
  sendHtml(ex.res, 200, layout(`AADSTS${code}`, `<h1>Error AADSTS${escapeHtml(code)}</h1>
<p>This error came from the Intune Desk demo tenant, which uses Entra ID's error codes. Microsoft documents them at https://learn.microsoft.com/entra/identity-platform/reference-error-codes.</p>`));
}

function methodNotAllowed(ex: Exchange, allowed: string): void {
  sendJson(ex.res, 405, { error: 'invalid_request', error_description: `This endpoint accepts ${allowed} only.` }, { allow: allowed });
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
