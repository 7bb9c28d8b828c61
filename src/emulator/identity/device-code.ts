// The device code flow: POST /{tenant}/oauth2/v2.0/devicecode hands the client a code to show,
// the person types it on /devicelogin and signs in there, and the client's polling of the token
// endpoint (token-endpoint.ts) then succeeds.
import { parseForm, readBody } from '../http/body.ts';
import { sendHtml, sendJson } from '../http/send.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { EntraRejection, entra } from './entra-errors.ts';
import { deviceCodePage } from './pages.ts';
import { DEVICE_CODE_SECONDS } from './pending-stores.ts';
import { parseScopes } from './scopes.ts';
import { beginSignIn } from './sign-in-flow.ts';
import { resolveTenantPath, tenantLabel } from './tenant-path.ts';
import { authenticateClient, sendTokenError, tokenHeaders } from './token-endpoint.ts';

/** Entra asks clients to wait five seconds between polls. */
const POLL_INTERVAL_SECONDS = 5;
export const DEVICE_LOGIN_PATH = '/devicelogin';

export async function handleDeviceCodeRequest(ctx: IdentityContext, ex: Exchange, segment: string): Promise<void> {
  try {
    if (ex.req.method !== 'POST') throw new EntraRejection(entra.postOnly(ex.req.method ?? 'GET'));
    const tenantPath = resolveTenantPath(ctx.directory, segment);
    if (!tenantPath) throw new EntraRejection(entra.tenantNotFound(segment));
    const form = parseForm(await readBody(ex.req, 64 * 1024));
    // A confidential app must prove its secret here and again when polling, as in Entra.
    const { app } = authenticateClient(ctx, ex, form, tenantPath, segment);
    const scopes = parseScopes(form.get('scope'), app, tenantLabel(tenantPath, segment));
    const entry = ctx.pending.newDeviceCode({ tenantPath, app, scopes }, ctx.clock.now());
    const verificationUri = `${ctx.baseUrl()}${DEVICE_LOGIN_PATH}`;
    sendJson(ex.res, 200, {
      user_code: entry.userCode,
      device_code: entry.deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
    }, tokenHeaders(ex));
  } catch (error) {
    if (!(error instanceof EntraRejection)) throw error;
    sendTokenError(ctx, ex, error.problem);
  }
}

/** GET shows the code form; POST checks the code and starts the normal sign-in pages. */
export async function handleDeviceLogin(ctx: IdentityContext, ex: Exchange): Promise<void> {
  if (ex.req.method !== 'POST') {
    sendHtml(ex.res, 200, deviceCodePage(DEVICE_LOGIN_PATH));
    return;
  }
  const form = parseForm(await readBody(ex.req, 16 * 1024));
  const now = ctx.clock.now();
  const entry = ctx.pending.deviceByUserCode(form.get('otc') ?? '', now);
  if (!entry || entry.status.kind !== 'pending' || now > entry.expiresAt) {
    sendHtml(ex.res, 200, deviceCodePage(DEVICE_LOGIN_PATH, "That code didn't work. Check the code and try again."));
    return;
  }
  const interaction = ctx.pending.startInteraction({
    tenantPath: entry.tenantPath,
    app: entry.app,
    scopes: entry.scopes,
    target: { kind: 'device', deviceCode: entry.deviceCode },
    prompt: undefined,
  }, now);
  beginSignIn(ctx, ex, interaction);
}
