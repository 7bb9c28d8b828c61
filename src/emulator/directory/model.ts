// The Entra ID directory the demo tenant emulates: tenants, users, groups and app registrations.

export interface Tenant {
  readonly id: string;
  readonly displayName: string;
  /** Verified domains; the first is the default (initial) domain. */
  readonly domains: readonly string[];
}

/** The Intune built-in roles the demo users hold (Intune role names, as in the admin center). */
export type IntuneRoleName = 'Intune Administrator' | 'Help Desk Operator' | 'Read Only Operator';

export interface DirectoryUser {
  /** Object id in the tenant this user lives in (the `oid` claim). */
  readonly id: string;
  readonly tenantId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly mail: string;
  readonly password: string;
  /** Entra directory role template ids (the `wids` claim). */
  readonly directoryRoleIds: readonly string[];
  readonly description: string;
  /** For a guest (B2B) account: where the person's home account lives. */
  readonly guestOf?: { readonly tenantId: string; readonly userId: string };
}

export interface DirectoryGroup {
  readonly id: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly description: string;
  readonly memberIds: readonly string[];
}

export interface AppRegistration {
  readonly clientId: string;
  readonly displayName: string;
  readonly homeTenantId: string;
  /** The manifest setting a multi-tenant app has (scopes.json `multiTenant`). */
  readonly availableToOtherTenants: boolean;
  readonly isPublicClient: boolean;
  /** Exact redirect URIs; `http://localhost` and `http://127.0.0.1` also match any port, as Entra does for loopback. */
  readonly redirectUris: readonly string[];
  /** Delegated Microsoft Graph permissions configured on the registration. */
  readonly configuredScopes: readonly string[];
  /** Confidential clients only. */
  readonly clientSecret?: string;
  /** Tenants where an administrator has consented on behalf of every user. */
  readonly adminConsentedTenantIds: readonly string[];
}

export interface Directory {
  readonly tenants: readonly Tenant[];
  readonly users: readonly DirectoryUser[];
  readonly groups: readonly DirectoryGroup[];
  readonly apps: readonly AppRegistration[];
}
