// GET /{tenant}/oauth2/v2.0/authorize: check the request in Entra's order. Until the client and
// its redirect URI are known to be genuine, errors are shown on Entra's page; after that they go
// to the redirect URI, so the client can react.
import { appUsableInTenant, findApp, redirectUriRegistered } from '../directory/lookup.ts';
import { sendHtml } from '../http/send.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { EntraRejection, entra } from './entra-errors.ts';
import type { EntraProblem } from './entra-errors.ts';
import { errorPage } from './pages.ts';
import type { Prompt, RedirectTarget, ResponseMode } from './pending-stores.ts';
import { errorFields, sendToRedirect } from './redirect-response.ts';
import { parseScopes } from './scopes.ts';
import type { ScopeRequest } from './scopes.ts';
import { beginSignIn } from './sign-in-flow.ts';
import { resolveTenantPath, tenantLabel } from './tenant-path.ts';

const RESPONSE_MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];
const PROMPTS: readonly Prompt[] = ['login', 'none', 'consent', 'select_account'];

export function handleAuthorize(ctx: IdentityContext, ex: Exchange, segment: string): void {
  const q = ex.url.searchParams;
  const page = (problem: EntraProblem): void => sendHtml(ex.res, 400, errorPage(problem, ex.ids, ctx.baseUrl()));
  const tenantPath = resolveTenantPath(ctx.directory, segment);
  if (!tenantPath) return page(entra.tenantNotFound(segment));
  const clientId = q.get('client_id');
  if (!clientId) return page(entra.missingParameter('client_id'));
  const app = findApp(ctx.directory, clientId);
  if (!app) return page(entra.appNotFound(clientId, tenantLabel(tenantPath, segment)));
  if (tenantPath.kind === 'tenant' && !appUsableInTenant(app, tenantPath.tenant.id)) {
    return page(entra.appNotFound(clientId, tenantPath.tenant.displayName));
  }
  if (tenantPath.kind !== 'tenant' && !app.availableToOtherTenants) return page(entra.notMultiTenant(app.clientId, app.displayName));
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri) return page(entra.missingParameter('redirect_uri'));
  // Never redirect to an address the app did not register: that is how codes get stolen.
  if (!redirectUriRegistered(app, redirectUri)) return page(entra.redirectMismatch(redirectUri, app.clientId));

  const state = q.get('state') ?? undefined;
  const requestedMode = q.get('response_mode') ?? 'query';
  const responseMode = RESPONSE_MODES.find((m) => m === requestedMode);
  const fallback: RedirectTarget = { kind: 'redirect', redirectUri, responseMode: responseMode ?? 'query', clientInfo: false, ...(state !== undefined ? { state } : {}) };
  const toClient = (problem: EntraProblem): void => sendToRedirect(ex.res, fallback, errorFields(problem, ex.ids, ctx.baseUrl(), state));
  if (!responseMode) return toClient(entra.invalidResponseMode(requestedMode));
  const responseType = q.get('response_type');
  if (!responseType) return toClient(entra.missingParameter('response_type'));
  if (responseType !== 'code') return toClient(entra.unsupportedResponseType(responseType));

  let scopes: ScopeRequest;
  try {
    scopes = parseScopes(q.get('scope') ?? undefined, app, tenantLabel(tenantPath, segment));
  } catch (error) {
    if (error instanceof EntraRejection) return toClient(error.problem);
    throw error;
  }
  const codeChallenge = q.get('code_challenge') ?? undefined;
  const challengeMethod = q.get('code_challenge_method') ?? 'plain';
  if (!codeChallenge && app.isPublicClient) return toClient(entra.pkceRequired());
  if (codeChallenge && challengeMethod !== 'S256') return toClient(entra.pkceMethod(challengeMethod));
  const promptText = q.get('prompt') ?? undefined;
  const prompt = PROMPTS.find((p) => p === promptText);
  if (promptText !== undefined && !prompt) return toClient(entra.invalidPrompt(promptText));

  const nonce = q.get('nonce') ?? undefined;
  const loginHint = q.get('login_hint') ?? undefined;
  const domainHint = q.get('domain_hint') ?? undefined;
  const interaction = ctx.pending.startInteraction({
    tenantPath,
    app,
    scopes,
    target: {
      kind: 'redirect',
      redirectUri,
      responseMode,
      clientInfo: q.get('client_info') === '1',
      ...(state !== undefined ? { state } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
      ...(codeChallenge !== undefined ? { codeChallenge } : {}),
    },
    prompt,
    ...(loginHint ? { loginHint } : {}),
    ...(domainHint ? { domainHint } : {}),
  }, ctx.clock.now());
  beginSignIn(ctx, ex, interaction);
}
