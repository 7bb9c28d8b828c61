// Sign-in for Intune Desk: one MSAL public client per tenant profile, all sharing one encrypted
// token cache (so one person signed in once can work in several tenants), the system browser for
// interactive sign-in, device code for terminals, and silent tokens that never open a browser on
// their own: they fail with a problem, and the caller decides when to ask the user.
import { AuthError } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest, InteractiveRequest, PublicClientApplication } from '@azure/msal-node';
import { ProblemError } from '../problem.ts';
import { INTUNE_ADMIN_DIRECTORY_ROLES, readAccessTokenClaims } from './access-token-claims.ts';
import type {
  AccessToken, AccessTokenProvider, AccountWithProfiles, BrowserOpener, Capabilities, DeviceCodeOptions,
  DeviceCodePrompt, EnsureScopesResult, InteractiveOptions, IntuneRoleSource, SignInResult, SignOutResult, TokenOptions,
} from './auth-model.ts';
import { signInRequired, toProblemError } from './auth-problems.ts';
import type { ProblemContext } from './auth-problems.ts';
import { authorityProblem } from './authority-check.ts';
import { scopesFor } from './feature-scopes.ts';
import type { Feature } from './feature-scopes.ts';
import { cancelLoopbackSignIn } from './loopback-cancel.ts';
import { SIGN_IN_ERROR_PAGE, SIGN_IN_SUCCESS_PAGE } from './loopback-pages.ts';
import { PublicClients } from './public-clients.ts';
import { graphScopes, homeTenantOf, summarize, toAccessToken, tokenKey, union } from './sign-in-values.ts';
import { authorityTenant, tenantAuthority, tenantProfile } from './tenant-profile.ts';
import type { TenantProfile } from './tenant-profile.ts';
import { CacheProtectedElsewhereError } from './token-cache-file.ts';
import type { ProfileSignIn, TokenCacheFile } from './token-cache-file.ts';
import { EncryptionUnavailableError } from './cache-encryptor.ts';
import { CacheLockTimeoutError } from './cache-lock.ts';

export interface AuthServiceOptions {
  /** Validated again here; an invalid one throws a badRequest problem. */
  readonly profiles: readonly TenantProfile[];
  readonly tokenCache: TokenCacheFile;
  readonly openBrowser: BrowserOpener;
  /** Removes a tenant's offline inventory (the inventory store's purge); called on sign-out. */
  readonly purgeTenantData: (tenantId: string) => Promise<void>;
  readonly intuneRoles?: IntuneRoleSource;
  /** MSAL's warnings and errors, without personal data. */
  readonly log?: (level: 'error' | 'warning' | 'info', message: string) => void;
}

/** MSAL renews tokens this close to expiry; the in-memory shortcut stops short of that too. */
const REUSE_MARGIN_MS = 5 * 60_000;

export class AuthService implements AccessTokenProvider {
  private readonly profilesById = new Map<string, TenantProfile>();
  private readonly clients: PublicClients;
  private readonly recent = new Map<string, AccessToken>();
  private readonly cache: TokenCacheFile;
  private readonly openBrowser: BrowserOpener;
  private readonly purgeTenantData: (tenantId: string) => Promise<void>;
  private readonly intuneRoleSource: IntuneRoleSource | undefined;
  private readonly log: AuthServiceOptions['log'];

  constructor(options: AuthServiceOptions) {
    this.cache = options.tokenCache;
    this.openBrowser = options.openBrowser;
    this.purgeTenantData = options.purgeTenantData;
    this.intuneRoleSource = options.intuneRoles;
    this.log = options.log;
    this.clients = new PublicClients(options.tokenCache, options.log);
    for (const p of options.profiles) this.addProfile(p);
  }

  listProfiles(): readonly TenantProfile[] {
    return [...this.profilesById.values()];
  }

  /** Adds or replaces a profile (a partner adding a customer tenant). */
  addProfile(input: unknown): TenantProfile {
    const profile = tenantProfile(input);
    this.profilesById.set(profile.id, profile);
    this.clients.forget(profile.id);
    this.forget(profile.id);
    return profile;
  }

  /** Signs in through the system browser (loopback redirect, PKCE, form_post). */
  async signInInteractive(profileId: string, scopes: readonly string[], options: InteractiveOptions = {}): Promise<SignInResult> {
    const profile = this.profile(profileId);
    const result = await this.interactive(profile, scopes, options);
    return this.recordSignIn(profile, result);
  }

  /** Signs in with a code the user enters on another device; `onCode` shows it. */
  async signInWithDeviceCode(profileId: string, scopes: readonly string[], onCode: (prompt: DeviceCodePrompt) => void, options: DeviceCodeOptions = {}): Promise<SignInResult> {
    const profile = this.profile(profileId);
    const { signal } = options;
    if (signal?.aborted) throw toProblemError(undefined, { profile, scopes, step: 'deviceCode', cancelled: true });
    const request: DeviceCodeRequest = {
      scopes: [...scopes],
      deviceCodeCallback: (response) => onCode({
        userCode: response.userCode,
        verificationUri: response.verificationUri,
        message: response.message,
        expiresInSeconds: response.expiresIn,
      }),
    };
    // MSAL polls until the request object says cancel; it reads the same object.
    const cancel = (): void => { request.cancel = true; };
    signal?.addEventListener('abort', cancel, { once: true });
    let result: AuthenticationResult | null;
    try {
      result = await this.clients.of(profile).acquireTokenByDeviceCode(request);
    } catch (error) {
      throw await this.problem(error, { profile, scopes, step: 'deviceCode', cancelled: signal?.aborted === true });
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    if (!result) throw toProblemError(undefined, { profile, scopes, step: 'deviceCode', cancelled: true });
    return this.recordSignIn(profile, result);
  }

  /**
   * Signs a profile in with an account already signed in for another profile, without a browser:
   * the partner who signed in once and now opens another customer tenant. Throws consentRequired
   * or signInRequired when that tenant needs the user.
   */
  async signInWithAccount(profileId: string, homeAccountId: string, scopes: readonly string[]): Promise<SignInResult> {
    const profile = this.profile(profileId);
    const named = authorityTenant(profile);
    // A domain is resolved by the token service; the answer's tenant id is what gets recorded.
    const tenant = named.kind === 'tenantId' || named.kind === 'domain' ? named.value : homeTenantOf(homeAccountId);
    const result = await this.cache.exclusive(async () => {
      const app = this.clients.of(profile);
      const base = (await app.getAllAccounts()).find((a) => a.homeAccountId === homeAccountId);
      if (!base) throw signInRequired(profile, 'That account is no longer signed in on this computer.');
      return this.silent(profile, app, { ...base, tenantId: tenant }, tenantAuthority(profile, tenant), scopes, false);
    });
    return this.recordSignIn(profile, result);
  }

  /** An access token for the profile's tenant, from the cache or by refreshing; never opens a browser. */
  async getAccessToken(profileId: string, scopes: readonly string[], options: TokenOptions = {}): Promise<AccessToken> {
    const profile = this.profile(profileId);
    if (scopes.length === 0) throw new ProblemError({ code: 'badRequest', message: 'An access token was asked for no scope.' });
    const signIn = await this.signInOf(profile);
    const key = tokenKey(profile.id, signIn, scopes);
    const recent = this.recent.get(key);
    if (!options.forceRefresh && recent && recent.expiresOn.getTime() - Date.now() > REUSE_MARGIN_MS) return recent;
    // Under the cross-process lock: the refresh token rotates, so two processes must not redeem the same one.
    const result = await this.cache.exclusive(async () => {
      const app = this.clients.of(profile);
      const account = await this.accountFor(app, profile, signIn);
      return this.silent(profile, app, account, tenantAuthority(profile, signIn.tenantId), scopes, options.forceRefresh === true);
    });
    const token = toAccessToken(result);
    await this.noteGranted(profile.id, signIn, token.scopes);
    this.recent.set(key, token);
    return token;
  }

  /**
   * Makes sure the profile holds the scopes `feature` needs, asking in the browser for only the
   * missing ones (or for a sign-in, when there is none). Afterwards one access token carries
   * everything granted so far.
   */
  async ensureScopes(profileId: string, feature: Feature, options: InteractiveOptions = {}): Promise<EnsureScopesResult> {
    const profile = this.profile(profileId);
    const needed = scopesFor(feature);
    try {
      await this.getAccessToken(profileId, needed);
      return { feature, asked: false, askedScopes: [], grantedScopes: (await this.signInOf(profile)).grantedScopes };
    } catch (error) {
      if (!(error instanceof ProblemError) || (error.problem.code !== 'consentRequired' && error.problem.code !== 'signInRequired')) throw error;
    }
    const signIn = (await this.cache.readSignIns())[profile.id];
    if (!signIn) {
      const result = await this.signInInteractive(profileId, needed, options);
      return { feature, asked: true, askedScopes: [...needed], grantedScopes: result.grantedScopes };
    }
    const lacking = needed.filter((s) => !signIn.grantedScopes.includes(s));
    const asked = lacking.length > 0 ? lacking : [...needed];
    const result = await this.interactive(profile, asked, {
      ...options,
      loginHint: options.loginHint ?? signIn.username,
    }, tenantAuthority(profile, signIn.tenantId));
    const recorded = await this.recordSignIn(profile, result);
    const everything = union(recorded.grantedScopes, needed);
    try {
      // One token for all of it, so the next feature's calls and capabilities() see the whole grant.
      await this.getAccessToken(profileId, everything);
    } catch (error) {
      this.log?.('warning', `A token for all granted scopes of ${profile.label} could not be obtained: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { feature, asked: true, askedScopes: asked, grantedScopes: (await this.signInOf(profile)).grantedScopes };
  }

  /** Who is signed in to the profile and what they may do, read from the access token. */
  async capabilities(profileId: string): Promise<Capabilities> {
    const profile = this.profile(profileId);
    const signIn = await this.signInOf(profile);
    const account = await this.accountFor(this.clients.of(profile), profile, signIn);
    const summary = summarize(account, signIn.tenantId);
    if (signIn.grantedScopes.length === 0) {
      return { profileId, account: summary, grantedScopes: [], intuneRoles: await this.readIntuneRoles(profile, signIn, []) };
    }
    const token = await this.getAccessToken(profileId, signIn.grantedScopes);
    const claims = readAccessTokenClaims(token.token);
    return {
      profileId,
      account: summary,
      grantedScopes: graphScopes(claims.scopes),
      intuneRoles: await this.readIntuneRoles(profile, signIn, claims.directoryRoleIds),
    };
  }

  /** Every account in the cache, with the tenant profiles it is signed in to. */
  async accounts(): Promise<readonly AccountWithProfiles[]> {
    const signIns = await this.cache.readSignIns();
    const found = new Map<string, AccountInfo[]>();
    const clients = new Map<string, TenantProfile>();
    for (const p of this.profilesById.values()) if (!clients.has(p.clientId)) clients.set(p.clientId, p);
    for (const p of clients.values()) {
      for (const a of await this.clients.of(p).getAllAccounts()) found.set(a.homeAccountId, [...(found.get(a.homeAccountId) ?? []), a]);
    }
    return [...found.entries()].map(([homeAccountId, views]) => {
      const homeTenantId = homeTenantOf(homeAccountId);
      const home = views.find((v) => v.tenantId === homeTenantId) ?? views[0];
      const profiles = Object.entries(signIns)
        .filter(([id, s]) => s.homeAccountId === homeAccountId && this.profilesById.has(id))
        .map(([id, s]) => ({ profileId: id, label: this.profile(id).label, tenantId: s.tenantId }));
      return { homeAccountId, username: home?.username ?? '', name: home?.name, homeTenantId, profiles };
    });
  }

  /**
   * Signs the profile's account out of this computer: the account and its tokens leave the cache
   * (for every profile using it, since the refresh token is the person's), and the offline data of
   * each of those tenants is purged.
   */
  async signOut(profileId: string): Promise<SignOutResult> {
    const profile = this.profile(profileId);
    const signIn = (await this.cache.readSignIns())[profile.id];
    if (!signIn) return { username: undefined, signedOutProfileIds: [], purgedTenantIds: [] };
    const removed = await this.cache.exclusive(async () => {
      const app = this.clients.of(profile);
      const cache = app.getTokenCache();
      for (const account of (await app.getAllAccounts()).filter((a) => a.homeAccountId === signIn.homeAccountId)) await cache.removeAccount(account);
      let gone: [string, ProfileSignIn][] = [];
      await this.cache.updateSignIns((current) => {
        gone = Object.entries(current).filter(([, s]) => s.homeAccountId === signIn.homeAccountId);
        return Object.fromEntries(Object.entries(current).filter(([, s]) => s.homeAccountId !== signIn.homeAccountId));
      });
      return gone;
    });
    for (const [id] of removed) this.forget(id);
    const tenantIds = [...new Set(removed.map(([, s]) => s.tenantId))];
    const failures: string[] = [];
    for (const tenantId of tenantIds) {
      try {
        await this.purgeTenantData(tenantId);
      } catch (error) {
        failures.push(`${tenantId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) {
      // The sign-out itself stands; say plainly what is still on this computer.
      throw new ProblemError({ code: 'serviceError', message: `${signIn.username} is signed out, but offline data is still on this computer for tenant ${failures.join('; ')}. Remove it from the offline data settings.` });
    }
    return { username: signIn.username, signedOutProfileIds: removed.map(([id]) => id), purgedTenantIds: tenantIds };
  }

  private async interactive(profile: TenantProfile, scopes: readonly string[], options: InteractiveOptions, authority?: string): Promise<AuthenticationResult> {
    const { signal } = options;
    const cancelled = (): boolean => signal?.aborted === true;
    if (cancelled()) throw toProblemError(undefined, { profile, scopes, step: 'interactive', cancelled: true });
    let signInUrl: string | undefined;
    const cancel = (): void => {
      if (signInUrl) void cancelLoopbackSignIn(signInUrl);
    };
    const request: InteractiveRequest = {
      scopes: [...scopes],
      openBrowser: async (url) => {
        signInUrl = url;
        // Aborted while MSAL was starting its loopback server: answer it instead of opening a browser.
        if (cancelled()) return cancelLoopbackSignIn(url);
        await this.openBrowser(url);
      },
      successTemplate: SIGN_IN_SUCCESS_PAGE,
      errorTemplate: SIGN_IN_ERROR_PAGE,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      ...(options.prompt ? { prompt: options.prompt } : {}),
      ...(authority ? { authority } : {}),
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.clients.of(profile).acquireTokenInteractive(request);
    } catch (error) {
      throw await this.problem(error, { profile, scopes, step: 'interactive', cancelled: cancelled() });
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  private async silent(profile: TenantProfile, app: PublicClientApplication, account: AccountInfo, authority: string, scopes: readonly string[], forceRefresh: boolean): Promise<AuthenticationResult> {
    try {
      return await app.acquireTokenSilent({ account, scopes: [...scopes], authority, forceRefresh });
    } catch (error) {
      throw await this.problem(error, { profile, scopes, step: 'silent' });
    }
  }

  /** The problem to throw for an MSAL failure; the token cache's own errors pass through as they are. */
  private async problem(error: unknown, context: ProblemContext): Promise<Error> {
    if (error instanceof CacheProtectedElsewhereError || error instanceof EncryptionUnavailableError || error instanceof CacheLockTimeoutError) return error;
    if (!context.cancelled && error instanceof AuthError && error.errorCode === 'endpoints_resolution_error') {
      return new ProblemError(await authorityProblem(context.profile, this.clients.network(context.profile.id)));
    }
    return toProblemError(error, context);
  }

  private async recordSignIn(profile: TenantProfile, result: AuthenticationResult): Promise<SignInResult> {
    const account = result.account;
    if (!account) throw new ProblemError({ code: 'malformedResponse', message: `The sign-in service for ${profile.label} answered without an account.` });
    const tenantId = result.tenantId || account.tenantId;
    const granted = graphScopes(readAccessTokenClaims(result.accessToken).scopes);
    let recorded: ProfileSignIn | undefined;
    await this.cache.updateSignIns((current) => {
      const before = current[profile.id];
      const same = before !== undefined && before.homeAccountId === account.homeAccountId && before.tenantId === tenantId;
      recorded = {
        homeAccountId: account.homeAccountId,
        tenantId,
        username: account.username,
        grantedScopes: union(same ? before.grantedScopes : [], granted),
        signedInAt: same ? before.signedInAt : new Date().toISOString(),
      };
      return { ...current, [profile.id]: recorded };
    });
    this.forget(profile.id);
    return { profileId: profile.id, account: summarize(account, tenantId), grantedScopes: recorded?.grantedScopes ?? granted };
  }

  private async noteGranted(profileId: string, signIn: ProfileSignIn, scopes: readonly string[]): Promise<void> {
    const granted = graphScopes(scopes);
    if (granted.every((s) => signIn.grantedScopes.includes(s))) return;
    await this.cache.updateSignIns((current) => {
      const now = current[profileId];
      if (!now || now.homeAccountId !== signIn.homeAccountId || now.tenantId !== signIn.tenantId) return current;
      return { ...current, [profileId]: { ...now, grantedScopes: union(now.grantedScopes, granted) } };
    });
  }

  private async readIntuneRoles(profile: TenantProfile, signIn: ProfileSignIn, directoryRoleIds: readonly string[]): Promise<readonly string[] | undefined> {
    const fromDirectory = directoryRoleIds.map((id) => INTUNE_ADMIN_DIRECTORY_ROLES[id]).filter((name): name is string => name !== undefined);
    if (fromDirectory.length > 0) return fromDirectory;
    return this.intuneRoleSource?.({ profileId: profile.id, tenantId: signIn.tenantId, homeAccountId: signIn.homeAccountId });
  }

  private async signInOf(profile: TenantProfile): Promise<ProfileSignIn> {
    const signIn = (await this.cache.readSignIns())[profile.id];
    if (signIn) return signIn;
    const reset = this.cache.lastReset;
    throw signInRequired(profile, reset ? reset.problem.message : undefined);
  }

  /** The cached account for a profile's sign-in, as seen from the profile's tenant. */
  private async accountFor(app: PublicClientApplication, profile: TenantProfile, signIn: ProfileSignIn): Promise<AccountInfo> {
    const views = (await app.getAllAccounts()).filter((a) => a.homeAccountId === signIn.homeAccountId);
    const view = views.find((a) => a.tenantId === signIn.tenantId) ?? views[0];
    if (!view) throw signInRequired(profile, `${signIn.username} was signed out on this computer.`);
    // MSAL picks cached tokens by the account's tenant.
    return { ...view, tenantId: signIn.tenantId };
  }

  private profile(profileId: string): TenantProfile {
    const profile = this.profilesById.get(profileId);
    if (!profile) throw new ProblemError({ code: 'notFound', message: `There is no tenant profile "${profileId}". Known: ${[...this.profilesById.keys()].join(', ') || 'none'}.` });
    return profile;
  }

  private forget(profileId: string): void {
    for (const key of this.recent.keys()) if (key.startsWith(`${profileId}\n`)) this.recent.delete(key);
  }
}
