// GET /{tenant}/oauth2/v2.0/logout: end the browser session, then go back to the app only if
// the address is one the app registered (an open redirect would let anyone bounce users anywhere).
import { findApp, redirectUriRegistered } from '../directory/lookup.ts';
import { redirect, sendHtml } from '../http/send.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { decodeJwt, verifyRs256 } from './jwt.ts';
import { messagePage } from './pages.ts';
import { clearSessionCookieHeader } from './session-cookie.ts';

export function handleLogout(ctx: IdentityContext, ex: Exchange): void {
  const q = ex.url.searchParams;
  const headers = { 'set-cookie': clearSessionCookieHeader() };
  const target = q.get('post_logout_redirect_uri');
  const clientId = q.get('client_id') ?? clientOfIdTokenHint(ctx, q.get('id_token_hint'));
  const app = clientId ? findApp(ctx.directory, clientId) : undefined;
  if (target && app && redirectUriRegistered(app, target)) {
    const url = new URL(target);
    const state = q.get('state');
    if (state !== null) url.searchParams.set('state', state);
    redirect(ex.res, url.href, headers);
    return;
  }
  sendHtml(ex.res, 200, messagePage('Sign out', 'You signed out of your account',
    "It's a good idea to close all browser windows."), headers);
}

/** The app an ID token we issued was for; a token we did not sign names no app. */
function clientOfIdTokenHint(ctx: IdentityContext, hint: string | null): string | undefined {
  if (!hint) return undefined;
  const jwt = decodeJwt(hint);
  if (!jwt || !verifyRs256(jwt, ctx.keys.publicKey)) return undefined;
  const aud = jwt.payload['aud'];
  return typeof aud === 'string' ? aud : undefined;
}
