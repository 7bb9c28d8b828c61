// What the auth service tells the rest of the app: who is signed in where, with which
// permissions. Plain data; nothing here carries a refresh token, and only AccessToken (for the
// Graph client, in the main process) carries an access token.
import type { Feature } from './feature-scopes.ts';

/** Opens the sign-in page: `shell.openExternal` in the app, Chromium in tests. Resolves once the browser is launched. */
export type BrowserOpener = (url: string) => Promise<void>;

export interface AccountSummary {
  /** `<object id>.<home tenant id>`: the person, across tenants. */
  readonly homeAccountId: string;
  readonly username: string;
  readonly name: string | undefined;
  /** The tenant this account is working in (for a guest, the customer's tenant). */
  readonly tenantId: string;
}

export interface SignInResult {
  readonly profileId: string;
  readonly account: AccountSummary;
  /** Graph scopes granted so far in this profile, from the tokens' `scp`. */
  readonly grantedScopes: readonly string[];
}

/** What the Graph client needs to call Graph for one profile. Never leaves the main process. */
export interface AccessToken {
  readonly token: string;
  readonly expiresOn: Date;
  readonly tenantId: string;
  /** The token's `scp`. */
  readonly scopes: readonly string[];
}

export interface TokenOptions {
  /** Skip cached access tokens and redeem the refresh token (after a 401, say). */
  readonly forceRefresh?: boolean;
}

/** The seam the Graph client depends on: a token for a profile, or a thrown ProblemError. */
export interface AccessTokenProvider {
  getAccessToken(profileId: string, scopes: readonly string[], options?: TokenOptions): Promise<AccessToken>;
}

export interface InteractiveOptions {
  /** Pre-fills the account on the sign-in page. */
  readonly loginHint?: string;
  readonly prompt?: 'select_account' | 'login' | 'consent';
  /** Cancels a sign-in left open in the browser: the loopback server is answered with access_denied. */
  readonly signal?: AbortSignal;
}

export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  /** Entra's sentence for the user, with the address and the code. */
  readonly message: string;
  readonly expiresInSeconds: number;
}

export interface DeviceCodeOptions {
  readonly signal?: AbortSignal;
}

export interface EnsureScopesResult {
  readonly feature: Feature;
  /** Whether the browser was opened to ask for consent (or a sign-in). */
  readonly asked: boolean;
  /** The scopes the consent page asked for: only those the profile lacked. */
  readonly askedScopes: readonly string[];
  readonly grantedScopes: readonly string[];
}

export interface Capabilities {
  readonly profileId: string;
  readonly account: AccountSummary;
  /** From the access token's `scp`. */
  readonly grantedScopes: readonly string[];
  /**
   * Intune roles where they can be read: from the token's directory roles (Intune Administrator,
   * Global Administrator), else from the injected role source (Graph roleAssignments); undefined
   * when unknown.
   */
  readonly intuneRoles: readonly string[] | undefined;
}

/** Reads the signed-in user's Intune RBAC roles (the Graph client implements it). */
export type IntuneRoleSource = (request: {
  readonly profileId: string;
  readonly tenantId: string;
  readonly homeAccountId: string;
}) => Promise<readonly string[] | undefined>;

export interface AccountWithProfiles {
  readonly homeAccountId: string;
  readonly username: string;
  readonly name: string | undefined;
  readonly homeTenantId: string;
  /** The tenant profiles this account is signed in to; empty when none is (yet). */
  readonly profiles: readonly { readonly profileId: string; readonly label: string; readonly tenantId: string }[];
}

export interface SignOutResult {
  /** Undefined when the profile was not signed in. */
  readonly username: string | undefined;
  /** Every profile that used the account: a refresh token belongs to the person, so all of them are signed out. */
  readonly signedOutProfileIds: readonly string[];
  /** Tenants whose cached data was purged. */
  readonly purgedTenantIds: readonly string[];
}
