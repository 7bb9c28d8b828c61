// The pages between an authorize request (or a device code) and its answer: pick an account,
// enter the password, consent. Each step posts back with `ctx`, the id of the sign-in in progress.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { appUsableInTenant, findHomeUser, findUserById } from '../directory/lookup.ts';
import type { DirectoryUser } from '../directory/model.ts';
import { intuneRolesOf } from '../directory/demo-directory.ts';
import { readBody, parseForm } from '../http/body.ts';
import type { Headers } from '../http/send.ts';
import { sendHtml } from '../http/send.ts';
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };
import { clientInfo } from './claims.ts';
import type { SignedInAccount } from './claims.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { consentedScopes } from './context.ts';
import { entra } from './entra-errors.ts';
import type { EntraProblem } from './entra-errors.ts';
import { accountPickerPage, consentPage, errorPage, messagePage, passwordPage } from './pages.ts';
import type { FormTarget, PickableAccount } from './pages.ts';
import type { Interaction } from './pending-stores.ts';
import { errorFields, sendToRedirect } from './redirect-response.ts';
import { graphScopesNeeded } from './scopes.ts';
import type { BrowserSession } from './session-cookie.ts';
import { readSession, sessionCookieHeader } from './session-cookie.ts';
import { accountInTenant, findTenantById, tenantForUser } from './tenant-path.ts';

const PORTAL_LABELS = new Map(intuneScopes.scopes.map((s) => [s.name, s.portalLabel]));

/** First page of a sign-in: single sign-on when the browser session allows it, else the right form. */
export function beginSignIn(ctx: IdentityContext, ex: Exchange, interaction: Interaction): void {
  const now = ctx.clock.now();
  const session = readSession(ex.req, ctx.store.sessionSecret, now);
  const usable = session && sessionFits(ctx, interaction, session) ? session : undefined;
  if (interaction.prompt === 'none') {
    if (!usable) return failToClient(ctx, ex, interaction, entra.loginRequired());
    if (interaction.loginHint && !sameName(homeOf(ctx, usable), interaction.loginHint)) {
      return failToClient(ctx, ex, interaction, entra.interactionRequired('The signed-in user is not the one named in login_hint.'));
    }
    return continueAfterSignIn(ctx, ex, interaction, usable, {});
  }
  const picker = interaction.target.kind === 'device' || interaction.prompt === 'select_account' || interaction.prompt === 'login';
  if (interaction.loginHint && interaction.prompt !== 'select_account') {
    if (usable && interaction.prompt !== 'login' && sameName(homeOf(ctx, usable), interaction.loginHint)) {
      return continueAfterSignIn(ctx, ex, interaction, usable, {});
    }
    const hinted = findHomeUser(ctx.directory, interaction.loginHint);
    if (hinted) return showPassword(ctx, ex, interaction, hinted.userPrincipalName);
    return showPicker(ctx, ex, interaction, undefined, interaction.loginHint);
  }
  if (usable && !picker) return continueAfterSignIn(ctx, ex, interaction, usable, {});
  showPicker(ctx, ex, interaction);
}

/** POST /{tenant}/login: an account was picked or typed, or a password was entered. */
export async function handleLoginPost(ctx: IdentityContext, ex: Exchange): Promise<void> {
  const form = parseForm(await readBody(ex.req, 64 * 1024));
  const now = ctx.clock.now();
  const interaction = ctx.pending.interaction(form.get('ctx') ?? '', now);
  if (!interaction) return sendExpired(ex);
  const step = form.get('step');
  const login = (form.get('login') ?? '').trim();
  if (step === 'other') return showPicker(ctx, ex, interaction);
  const home = login ? findHomeUser(ctx.directory, login) : undefined;
  if (!home) {
    const message = login
      ? "We couldn't find an account with that username. Try another, or pick one of the demo accounts. (AADSTS50034)"
      : 'Enter a valid email address, phone number, or Skype name.';
    return showPicker(ctx, ex, interaction, message, login);
  }
  if (step === 'password') {
    if (!passwordMatches(home, form.get('passwd') ?? '')) {
      return showPassword(ctx, ex, interaction, home.userPrincipalName,
        "Your account or password is incorrect. If you don't remember your password, reset it now. (AADSTS50126)");
    }
    const session: BrowserSession = { homeTenantId: home.tenantId, homeUserId: home.id, authTime: now, sessionId: randomUUID() };
    return continueAfterSignIn(ctx, ex, interaction, session, { 'set-cookie': sessionCookieHeader(session, ctx.store.sessionSecret) });
  }
  // Picking the account this browser is already signed in with needs no password, unless prompt=login.
  const session = readSession(ex.req, ctx.store.sessionSecret, now);
  if (session && interaction.prompt !== 'login' && session.homeUserId === home.id && sessionFits(ctx, interaction, session)) {
    return continueAfterSignIn(ctx, ex, interaction, session, {});
  }
  showPassword(ctx, ex, interaction, home.userPrincipalName);
}

/** POST /{tenant}/consent: Accept or Cancel on the permissions page. */
export async function handleConsentPost(ctx: IdentityContext, ex: Exchange): Promise<void> {
  const form = parseForm(await readBody(ex.req, 64 * 1024));
  const now = ctx.clock.now();
  const interaction = ctx.pending.interaction(form.get('ctx') ?? '', now);
  if (!interaction?.signedIn) return sendExpired(ex);
  const resolved = resolveAccount(ctx, interaction, interaction.signedIn);
  if ('problem' in resolved) return failOnPage(ctx, ex, interaction, resolved.problem, {});
  if (form.get('decision') !== 'accept') return failToClient(ctx, ex, interaction, entra.consentDeclined());
  const needed = graphScopesNeeded(interaction.scopes, interaction.app.configuredScopes);
  ctx.store.grant(resolved.account.tenant.id, resolved.account.user.id, interaction.app.clientId, needed);
  finish(ctx, ex, interaction, resolved.account, needed, interaction.signedIn.authTime, {});
}

/** The person is known: check the tenant, then consent, then answer the client. */
function continueAfterSignIn(ctx: IdentityContext, ex: Exchange, interaction: Interaction, session: BrowserSession, headers: Headers): void {
  const resolved = resolveAccount(ctx, interaction, session);
  if ('problem' in resolved) return failOnPage(ctx, ex, interaction, resolved.problem, headers);
  const { account } = resolved;
  const { app } = interaction;
  const consented = consentedScopes(ctx, account.tenant.id, account.user.id, app);
  const needed = graphScopesNeeded(interaction.scopes, app.configuredScopes);
  const missing = needed.filter((s) => !consented.includes(s));
  if (missing.length > 0 || interaction.prompt === 'consent') {
    if (interaction.prompt === 'none') return failToClient(ctx, ex, interaction, entra.consentRequired(app.clientId, app.displayName, 'consent_required'));
    ctx.pending.updateInteraction({ ...interaction, signedIn: session }, ctx.clock.now());
    const labels = [
      ...needed.map((s) => PORTAL_LABELS.get(s) ?? s),
      ...(interaction.scopes.oidc.some((s) => s === 'openid' || s === 'profile') ? ['Sign you in and read your profile'] : []),
      ...(interaction.scopes.oidc.includes('offline_access') ? ['Maintain access to data you have given it access to'] : []),
    ];
    sendHtml(ex.res, 200, consentPage(formTarget(interaction, 'consent'), app.displayName, account.home.userPrincipalName, labels), headers);
    return;
  }
  finish(ctx, ex, interaction, account, needed, session.authTime, headers);
}

type Resolved = { readonly account: SignedInAccount } | { readonly problem: EntraProblem };

function resolveAccount(ctx: IdentityContext, interaction: Interaction, session: BrowserSession): Resolved {
  const home = findUserById(ctx.directory, session.homeTenantId, session.homeUserId);
  if (!home) return { problem: entra.unknownUser() };
  const tenant = tenantForUser(ctx.directory, interaction.tenantPath, home);
  const user = tenant ? accountInTenant(ctx.directory, tenant.id, home) : undefined;
  if (!tenant || !user) {
    const name = interaction.tenantPath.kind === 'tenant' ? interaction.tenantPath.tenant.displayName : interaction.tenantPath.segment;
    return { problem: entra.userNotInTenant(home.userPrincipalName, home.tenantId, name) };
  }
  if (!appUsableInTenant(interaction.app, tenant.id)) return { problem: entra.appNotFound(interaction.app.clientId, tenant.displayName) };
  return { account: { tenant, user, home, app: interaction.app, sessionId: session.sessionId } };
}

/** Sign-in and consent are done: hand out a code, or release the waiting device. */
function finish(ctx: IdentityContext, ex: Exchange, interaction: Interaction, account: SignedInAccount, granted: readonly string[], authTime: number, headers: Headers): void {
  const now = ctx.clock.now();
  ctx.pending.endInteraction(interaction);
  const { target } = interaction;
  if (target.kind === 'device') {
    ctx.pending.setDeviceStatus(target.deviceCode, { kind: 'approved', account, granted, authTime }, now);
    sendHtml(ex.res, 200, messagePage('Sign in', interaction.app.displayName,
      `You have signed in to the ${interaction.app.displayName} application on your device. You may now close this window.`), headers);
    return;
  }
  const code = ctx.pending.issueCode({
    clientId: interaction.app.clientId,
    redirectUri: target.redirectUri,
    ...(target.codeChallenge !== undefined ? { codeChallenge: target.codeChallenge } : {}),
    ...(target.nonce !== undefined ? { nonce: target.nonce } : {}),
    account,
    scopes: interaction.scopes,
    granted,
    authTime,
  }, now);
  const fields: Record<string, string> = { code };
  if (target.clientInfo) fields['client_info'] = clientInfo(account.home);
  if (target.state !== undefined) fields['state'] = target.state;
  fields['session_state'] = account.sessionId;
  sendToRedirect(ex.res, target, fields, headers);
}

/** An error the client should hear about: to the redirect URI, or for a device, on the page. */
export function failToClient(ctx: IdentityContext, ex: Exchange, interaction: Interaction, problem: EntraProblem, headers: Headers = {}): void {
  ctx.pending.endInteraction(interaction);
  const { target } = interaction;
  if (target.kind === 'device') {
    ctx.pending.setDeviceStatus(target.deviceCode, { kind: 'declined' }, ctx.clock.now());
    sendHtml(ex.res, 200, messagePage('Sign in', interaction.app.displayName,
      `You have declined to sign in to the ${interaction.app.displayName} application on your device. You may now close this window.`), headers);
    return;
  }
  sendToRedirect(ex.res, target, errorFields(problem, ex.ids, ctx.baseUrl(), target.state), headers);
}

/** Errors about the account itself, which Entra shows on its own page (prompt=none still goes to the client). */
function failOnPage(ctx: IdentityContext, ex: Exchange, interaction: Interaction, problem: EntraProblem, headers: Headers): void {
  if (interaction.prompt === 'none') return failToClient(ctx, ex, interaction, { ...entra.interactionRequired(problem.message), code: problem.code }, headers);
  ctx.pending.endInteraction(interaction);
  sendHtml(ex.res, 400, errorPage(problem, ex.ids, ctx.baseUrl()), headers);
}

function showPicker(ctx: IdentityContext, ex: Exchange, interaction: Interaction, error?: string, typed?: string): void {
  const session = readSession(ex.req, ctx.store.sessionSecret, ctx.clock.now());
  const accounts = pickableAccounts(ctx, interaction, interaction.prompt === 'login' ? undefined : session);
  sendHtml(ex.res, 200, accountPickerPage(formTarget(interaction, 'login'), interaction.app.displayName, accounts, error, typed));
}

function showPassword(ctx: IdentityContext, ex: Exchange, interaction: Interaction, signInName: string, error?: string): void {
  sendHtml(ex.res, 200, passwordPage(formTarget(interaction, 'login'), interaction.app.displayName, signInName, error));
}

function sendExpired(ex: Exchange): void {
  sendHtml(ex.res, 400, messagePage('Sign in', 'This sign-in has expired',
    'The sign-in page was open too long or was already used. Go back to the app and start signing in again.'));
}

function formTarget(interaction: Interaction, step: 'login' | 'consent'): FormTarget {
  return { action: `/${encodeURIComponent(interaction.tenantPath.segment)}/${step}`, ctx: interaction.id };
}

/** The demo people who can sign in through this authority, as the picker lists them. */
function pickableAccounts(ctx: IdentityContext, interaction: Interaction, session: BrowserSession | undefined): PickableAccount[] {
  const path = interaction.tenantPath;
  const hintedTenant = interaction.domainHint ? ctx.directory.tenants.find((t) => t.domains.some((d) => d.toLowerCase() === interaction.domainHint?.toLowerCase())) : undefined;
  const inTenant = path.kind === 'tenant' ? path.tenant.id : hintedTenant?.id;
  const users = ctx.directory.users.filter((u) => (inTenant ? u.tenantId === inTenant : !u.guestOf));
  return users.map((u) => {
    const home = u.guestOf ? findUserById(ctx.directory, u.guestOf.tenantId, u.guestOf.userId) ?? u : u;
    return {
      signInName: home.userPrincipalName,
      displayName: u.displayName,
      role: intuneRolesOf(u)[0] ?? 'No Intune role',
      note: u.guestOf ? `Guest from ${findTenantById(ctx.directory, home.tenantId)?.displayName ?? home.tenantId}` : u.description,
      signedIn: session?.homeUserId === home.id,
    };
  });
}

/** A browser session only counts for an authority the person can reach. */
function sessionFits(ctx: IdentityContext, interaction: Interaction, session: BrowserSession): boolean {
  const home = findUserById(ctx.directory, session.homeTenantId, session.homeUserId);
  if (!home) return false;
  const path = interaction.tenantPath;
  return path.kind !== 'tenant' || accountInTenant(ctx.directory, path.tenant.id, home) !== undefined;
}

function homeOf(ctx: IdentityContext, session: BrowserSession): DirectoryUser | undefined {
  return findUserById(ctx.directory, session.homeTenantId, session.homeUserId);
}

function sameName(user: DirectoryUser | undefined, name: string): boolean {
  return user !== undefined && user.userPrincipalName.toLowerCase() === name.trim().toLowerCase();
}

function passwordMatches(user: DirectoryUser, given: string): boolean {
  // Compare digests so the time taken says nothing about the password.
  const a = createHash('sha256').update(user.password).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
