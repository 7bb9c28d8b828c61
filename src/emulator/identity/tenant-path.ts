// The first path segment of every Entra URL names the tenant: a GUID, a verified domain,
// or one of the meta-tenants that stand for "the signed-in user's home tenant".
import type { Directory, DirectoryUser, Tenant } from '../directory/model.ts';
import { findTenant } from '../directory/lookup.ts';

export type TenantPath =
  | { readonly kind: 'tenant'; readonly segment: string; readonly tenant: Tenant }
  | { readonly kind: 'common' | 'organizations'; readonly segment: string };

export function resolveTenantPath(directory: Directory, segment: string): TenantPath | undefined {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: lower, segment: lower };
  const tenant = findTenant(directory, segment);
  return tenant ? { kind: 'tenant', segment, tenant } : undefined;
}

/** The segment that appears in issued endpoints: Entra answers with the GUID even when asked by domain. */
export function canonicalSegment(path: TenantPath): string {
  return path.kind === 'tenant' ? path.tenant.id : path.kind;
}

/** The tenant a sign-in lands in: the named one, or the user's home tenant for common/organizations. */
export function tenantForUser(directory: Directory, path: TenantPath, home: DirectoryUser): Tenant | undefined {
  return path.kind === 'tenant' ? path.tenant : findTenantById(directory, home.tenantId);
}

export function findTenantById(directory: Directory, tenantId: string): Tenant | undefined {
  return directory.tenants.find((t) => t.id === tenantId);
}

/** The person's account object in a tenant: the home account itself, or their guest account there. */
export function accountInTenant(directory: Directory, tenantId: string, home: DirectoryUser): DirectoryUser | undefined {
  if (home.tenantId === tenantId) return home;
  return directory.users.find((u) => u.tenantId === tenantId && u.guestOf?.userId === home.id);
}

/** What Entra names a tenant in messages: its display name, or what the client typed. */
export function tenantLabel(path: TenantPath | undefined, fallback: string): string {
  return path?.kind === 'tenant' ? path.tenant.displayName : fallback;
}
