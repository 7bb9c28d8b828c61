// Finding tenants, users and apps the way Entra resolves them.
import type { AppRegistration, Directory, DirectoryUser, Tenant } from './model.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** Resolves a tenant by GUID or by any of its verified domains (case-insensitive). */
export function findTenant(directory: Directory, idOrDomain: string): Tenant | undefined {
  const key = idOrDomain.toLowerCase();
  return directory.tenants.find((t) => t.id === key || t.domains.some((d) => d.toLowerCase() === key));
}

/** The member or guest account a sign-in name resolves to in a tenant. */
export function findUserInTenant(directory: Directory, tenantId: string, signInName: string): DirectoryUser | undefined {
  const name = signInName.trim().toLowerCase();
  const member = directory.users.find((u) => u.tenantId === tenantId && u.userPrincipalName.toLowerCase() === name);
  if (member) return member;
  // A guest signs in with the home account's name, not the #EXT# UPN.
  const home = directory.users.find((u) => !u.guestOf && u.userPrincipalName.toLowerCase() === name);
  if (!home) return undefined;
  return directory.users.find((u) => u.tenantId === tenantId && u.guestOf?.userId === home.id);
}

/** The home (non-guest) account for a sign-in name, in whatever tenant it lives. */
export function findHomeUser(directory: Directory, signInName: string): DirectoryUser | undefined {
  const name = signInName.trim().toLowerCase();
  return directory.users.find((u) => !u.guestOf && u.userPrincipalName.toLowerCase() === name);
}

export function findUserById(directory: Directory, tenantId: string, id: string): DirectoryUser | undefined {
  return directory.users.find((u) => u.tenantId === tenantId && u.id === id);
}

export function findApp(directory: Directory, clientId: string): AppRegistration | undefined {
  const key = clientId.toLowerCase();
  return directory.apps.find((a) => a.clientId === key);
}

/** Whether an app may be used in a tenant: its home tenant, or any tenant if it is multi-tenant. */
export function appUsableInTenant(app: AppRegistration, tenantId: string): boolean {
  return app.homeTenantId === tenantId || app.availableToOtherTenants;
}

/** Entra matches loopback redirect URIs ignoring the port (RFC 8252 §7.3). */
export function redirectUriRegistered(app: AppRegistration, redirectUri: string): boolean {
  let requested: URL;
  try {
    requested = new URL(redirectUri);
  } catch {
    return false;
  }
  return app.redirectUris.some((registered) => {
    const r = new URL(registered);
    const loopback = r.protocol === 'http:' && (r.hostname === 'localhost' || r.hostname === '127.0.0.1');
    if (loopback) {
      return requested.protocol === 'http:' && requested.hostname === r.hostname && requested.pathname === r.pathname;
    }
    return requested.href === r.href;
  });
}

export function groupsOfUser(directory: Directory, tenantId: string, userId: string): readonly string[] {
  return directory.groups.filter((g) => g.tenantId === tenantId && g.memberIds.includes(userId)).map((g) => g.id);
}
