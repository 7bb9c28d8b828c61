// What a technician types for --tenant: a tenant GUID, a verified domain, "organizations" or
// "common". Checked by the auth service's own rule for authorities, so the CLI accepts exactly
// what a tenant profile accepts.
import { tenantProfileIssues } from '../auth/tenant-profile.ts';

const PROBE_CLIENT = '00000000-0000-0000-0000-000000000000';

/** Why `tenant` cannot name a tenant, or undefined when it can. */
export function tenantNameIssue(tenant: string): string | undefined {
  if (tenant.trim() === '' || /[/\s?#%]/.test(tenant)) return `"${tenant}" is not a tenant: use a tenant GUID, a domain such as contoso.onmicrosoft.com, "organizations" or "common".`;
  const issues = tenantProfileIssues({ id: 'probe', label: 'probe', kind: 'entra', clientId: PROBE_CLIENT, authority: `https://login.microsoftonline.com/${tenant}` });
  const authority = issues.find((i) => i.field === 'authority');
  return authority ? authority.message : undefined;
}

/** Lower case: tenant names are not case-sensitive, and profile ids derive from them. */
export function normalTenant(tenant: string): string {
  return tenant.trim().toLowerCase();
}
