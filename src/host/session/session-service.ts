// Signing in, as the window asks for it. Sign-in asks for what browsing devices needs and no more;
// every other feature asks for its own scopes when first used (incremental consent), so the
// consent page a technician sees lists only what the button they pressed needs.
//
// A partner working in several tenants signs in once: opening another tenant first tries the
// account already signed in here, without a browser, and only asks when that tenant needs the
// person (consent there, or an account of that tenant).
//
// The demo tenant's sign-in page opens in a window the app owns (trusting only the demo's
// certificate); an Entra tenant's opens in the system browser. Only one interactive sign-in runs
// at a time: asking again abandons the first (its loopback is answered as cancelled).
import { FEATURES, FEATURE_SCOPES, scopesFor } from '../../core/auth/index.ts';
import type { AccountSummary, Feature, ProfileSignIn } from '../../core/auth/index.ts';
import { ProblemError } from '../../core/problem.ts';
import type { FeatureName, SessionState } from '../../shared/bridge/api.ts';
import { describeError } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import type { TenantEntry } from '../tenants/tenant-directory.ts';

interface Known {
  readonly homeAccountId: string;
  readonly name?: string;
  readonly intuneRoles?: readonly string[];
}

export class SessionService {
  private readonly context: HostContext;
  /** What the last sign-in or capability read said that the token cache's records do not hold. */
  private readonly known = new Map<string, Known>();
  private pending: AbortController | undefined;

  constructor(context: HostContext) {
    this.context = context;
  }

  /** From the token cache only: answers offline and opens no browser. */
  async state(entry: TenantEntry): Promise<SessionState> {
    const signIn = (await this.context.tokenCache.readSignIns())[entry.id];
    return sessionState(entry.id, signIn, this.known.get(entry.id));
  }

  async signIn(entry: TenantEntry, feature: FeatureName | undefined): Promise<SessionState> {
    const scopes = [...new Set([...FEATURE_SCOPES.browseDevices, ...(feature ? scopesFor(feature) : [])])];
    await this.context.links.link(entry, true);
    try {
      const elsewhere = await this.withAccountFromElsewhere(entry, scopes);
      const silent = elsewhere?.account;
      // The account from elsewhere needs the person here (consent, say): the page opens for that account; otherwise the picker.
      const options = elsewhere?.hint !== undefined ? { loginHint: elsewhere.hint } : { prompt: 'select_account' as const };
      const account = silent ?? (await this.interactively((signal) => this.context.auth.signInInteractive(entry.id, scopes, { signal, ...options }))).account;
      this.known.set(entry.id, { homeAccountId: account.homeAccountId, ...(account.name !== undefined ? { name: account.name } : {}) });
      this.context.activity.record('signIn', entry.id, `Signed in to ${entry.label} as ${account.username}${silent ? ' (with the account already signed in on this computer)' : ''}.`);
    } catch (error) {
      this.noteProblem(entry, `Sign-in to ${entry.label} did not complete`, error);
      throw error;
    }
    return this.afterChange(entry);
  }

  /** Asks for one feature's scopes if the profile lacks them; no browser when it has them. */
  async ensureFeature(entry: TenantEntry, feature: FeatureName): Promise<SessionState> {
    await this.context.links.link(entry, true);
    try {
      const result = await this.interactively((signal) => this.context.auth.ensureScopes(entry.id, feature as Feature, { signal }));
      if (!result.asked) return this.state(entry);
      this.context.activity.record('signIn', entry.id, `Allowed ${feature} in ${entry.label}: ${result.askedScopes.join(', ')}.`);
    } catch (error) {
      this.noteProblem(entry, `Permission for ${feature} in ${entry.label} was not granted`, error);
      throw error;
    }
    return this.afterChange(entry);
  }

  async signOut(entry: TenantEntry): Promise<SessionState> {
    const before = (await this.context.tokenCache.readSignIns())[entry.id];
    if (!before) return this.state(entry);
    // Only the local cache and inventory change; the demo tenant need not run for that.
    await this.context.links.link(entry, entry.kind === 'demo' && this.context.links.known(entry.id) === undefined);
    const result = await this.context.auth.signOut(entry.id);
    for (const id of result.signedOutProfileIds) this.known.delete(id);
    this.context.activity.record('signOut', entry.id, `${result.username ?? before.username} signed out${result.signedOutProfileIds.length > 1 ? ` of ${result.signedOutProfileIds.length} tenant profiles` : ''}; the offline data of ${result.purgedTenantIds.length === 1 ? 'its tenant was' : 'their tenants was'} removed from this computer.`);
    for (const id of result.signedOutProfileIds) this.context.changed.session(id);
    this.context.changed.setup();
    return this.state(entry);
  }

  /** Abandons a sign-in left open (the window closed, the host is stopping). */
  cancelPending(): void {
    this.pending?.abort();
  }

  /**
   * The partner's case: an account signed in for another profile tries this tenant without a
   * browser. Returns the account when that worked, or the account's name to suggest on the
   * sign-in page when the tenant needs the person (consent there, or a fresh sign-in).
   */
  private async withAccountFromElsewhere(entry: TenantEntry, scopes: readonly string[]): Promise<{ readonly account?: AccountSummary; readonly hint?: string } | undefined> {
    const signIns = await this.context.tokenCache.readSignIns();
    if (signIns[entry.id]) return undefined;
    const others = Object.entries(signIns).filter(([id]) => id !== entry.id && this.context.directory.get(id)?.kind === entry.kind).map(([, s]) => s);
    const accounts = [...new Map(others.map((s) => [s.homeAccountId, s.username])).entries()];
    let hint: string | undefined;
    for (const [homeAccountId, username] of accounts) {
      try {
        return { account: (await this.context.auth.signInWithAccount(entry.id, homeAccountId, scopes)).account };
      } catch (error) {
        if (!(error instanceof ProblemError) || !['consentRequired', 'signInRequired'].includes(error.problem.code)) throw error;
        // Consent is something this person can give; an account that is not in that tenant is not worth suggesting.
        if (error.problem.code === 'consentRequired') hint ??= username;
      }
    }
    return hint !== undefined ? { hint } : undefined;
  }

  private async interactively<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    try {
      return await run(controller.signal);
    } finally {
      if (this.pending === controller) this.pending = undefined;
    }
  }

  private async afterChange(entry: TenantEntry): Promise<SessionState> {
    await this.readCapabilities(entry);
    this.context.changed.session(entry.id);
    this.context.changed.setup();
    return this.state(entry);
  }

  /** Roles and the account's name, read from the new token; worth having, not worth failing for. */
  private async readCapabilities(entry: TenantEntry): Promise<void> {
    try {
      const capabilities = await this.context.auth.capabilities(entry.id);
      this.known.set(entry.id, {
        homeAccountId: capabilities.account.homeAccountId,
        ...(capabilities.account.name !== undefined ? { name: capabilities.account.name } : {}),
        ...(capabilities.intuneRoles !== undefined ? { intuneRoles: capabilities.intuneRoles } : {}),
      });
    } catch (error) {
      this.context.platform.log('warn', `Could not read what ${entry.label}'s sign-in may do: ${describeError(error)}`);
    }
  }

  private noteProblem(entry: TenantEntry, what: string, error: unknown): void {
    if (error instanceof ProblemError) {
      const cancelled = error.problem.code === 'cancelled';
      this.context.activity.record(cancelled ? 'signIn' : 'problem', entry.id, `${what}: ${error.problem.message}`, cancelled ? undefined : error.problem);
    } else {
      this.context.activity.record('problem', entry.id, `${what}.`, { code: 'internal', message: 'An unexpected error stopped the sign-in; it was written to the log.' });
    }
  }
}

function sessionState(profileId: string, signIn: ProfileSignIn | undefined, known: Known | undefined): SessionState {
  if (!signIn) return { profileId, signedIn: false, grantedScopes: [], features: [] };
  const extra = known?.homeAccountId === signIn.homeAccountId ? known : undefined;
  const granted = new Set(signIn.grantedScopes.map((s) => s.toLowerCase()));
  return {
    profileId,
    signedIn: true,
    account: { username: signIn.username, tenantId: signIn.tenantId, ...(extra?.name !== undefined ? { name: extra.name } : {}) },
    grantedScopes: [...signIn.grantedScopes],
    ...(extra?.intuneRoles !== undefined ? { intuneRoles: [...extra.intuneRoles] } : {}),
    features: FEATURES.filter((f) => scopesFor(f).every((s) => granted.has(s.toLowerCase()))),
  };
}
