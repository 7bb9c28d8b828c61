// A tenant profile: one Entra tenant the technician works in, and the app registration used to
// reach it. Profiles come from settings files, the CLI's flags and the app's forms, so they are
// checked here, once, with messages that say what to fix.
import { X509Certificate } from 'node:crypto';
import { ProblemError } from '../problem.ts';

export type TenantProfileKind = 'demo' | 'entra';

export interface TenantProfile {
  /** Stable key: letters, digits, '.', '_' or '-'. */
  readonly id: string;
  /** What the technician sees, e.g. "Contoso (production)". */
  readonly label: string;
  /**
   * `https://<host>/<tenant>` where tenant is a tenant GUID, a verified domain, `organizations`
   * or `common`. For Entra: `https://login.microsoftonline.com/contoso.onmicrosoft.com`.
   */
  readonly authority: string;
  /** The public client's application (client) id. */
  readonly clientId: string;
  readonly kind: TenantProfileKind;
  /** demo only: PEM of the demo tenant's CA, trusted for the authority's host and nothing else. */
  readonly trustedCaPem?: string;
}

/** What the authority's last path segment names. */
export type AuthorityTenant =
  | { readonly kind: 'tenantId'; readonly value: string }
  | { readonly kind: 'domain'; readonly value: string }
  | { readonly kind: 'organizations' | 'common'; readonly value: string };

export interface ProfileIssue {
  readonly field: keyof TenantProfile | 'profile';
  readonly message: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROFILE_ID = /^[A-Za-z0-9._-]{1,64}$/;
// A DNS name with at least two labels: contoso.onmicrosoft.com, contoso.com.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Every problem with `input` as a tenant profile; empty when it is valid. */
export function tenantProfileIssues(input: unknown): readonly ProfileIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field: 'profile', message: 'A tenant profile must be an object with id, label, authority, clientId and kind.' }];
  }
  const p = input as Record<string, unknown>;
  const issues: ProfileIssue[] = [];
  const known = new Set(['id', 'label', 'authority', 'clientId', 'kind', 'trustedCaPem']);
  for (const key of Object.keys(p)) {
    if (!known.has(key)) issues.push({ field: 'profile', message: `Unknown setting "${key}" (expected id, label, authority, clientId, kind, trustedCaPem).` });
  }
  if (typeof p['id'] !== 'string' || !PROFILE_ID.test(p['id'])) {
    issues.push({ field: 'id', message: 'The profile id must be 1 to 64 letters, digits, ".", "_" or "-".' });
  }
  if (typeof p['label'] !== 'string' || p['label'].trim() === '') {
    issues.push({ field: 'label', message: 'The profile needs a label to show, such as "Contoso".' });
  }
  if (typeof p['clientId'] !== 'string' || !isGuid(p['clientId'])) {
    issues.push({ field: 'clientId', message: `The client id must be the app registration's Application (client) ID, a GUID such as 0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60; got ${describe(p['clientId'])}.` });
  }
  const kind = p['kind'];
  if (kind !== 'demo' && kind !== 'entra') {
    issues.push({ field: 'kind', message: `The profile kind must be "demo" or "entra"; got ${describe(kind)}.` });
  }
  issues.push(...authorityIssues(p['authority']));
  const ca = p['trustedCaPem'];
  if (kind === 'demo') {
    if (typeof ca !== 'string') issues.push({ field: 'trustedCaPem', message: "A demo profile needs the demo tenant's CA certificate (trustedCaPem)." });
    else if (!isCertificate(ca)) issues.push({ field: 'trustedCaPem', message: 'trustedCaPem is not a PEM certificate.' });
  } else if (kind === 'entra' && ca !== undefined) {
    issues.push({ field: 'trustedCaPem', message: 'An Entra profile uses the system\'s certificate authorities; trustedCaPem is only for the demo tenant.' });
  }
  return issues;
}

function authorityIssues(value: unknown): readonly ProfileIssue[] {
  if (typeof value !== 'string') return [{ field: 'authority', message: `The authority must be a URL such as https://login.microsoftonline.com/contoso.onmicrosoft.com; got ${describe(value)}.` }];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field: 'authority', message: `The authority "${value}" is not a URL; use https://login.microsoftonline.com/<tenant>.` }];
  }
  const issues: ProfileIssue[] = [];
  if (url.protocol !== 'https:') issues.push({ field: 'authority', message: `The authority must use https (Entra ID and MSAL accept nothing else); got ${url.protocol.replace(':', '')}://${url.host}.` });
  if (url.username || url.password || url.search || url.hash) issues.push({ field: 'authority', message: 'The authority must not carry credentials, a query or a fragment.' });
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 1) {
    issues.push({ field: 'authority', message: `The authority's path must be exactly one tenant: a tenant GUID, a domain, "organizations" or "common"; got "${url.pathname}".` });
  } else if (!authorityTenantOf(decodeURIComponent(segments[0] ?? ''))) {
    issues.push({ field: 'authority', message: `"${segments[0]}" is not a tenant: use a tenant GUID, a domain such as contoso.onmicrosoft.com, "organizations" or "common".` });
  }
  return issues;
}

function authorityTenantOf(segment: string): AuthorityTenant | undefined {
  const lower = segment.toLowerCase();
  if (lower === 'organizations' || lower === 'common') return { kind: lower, value: lower };
  if (isGuid(segment)) return { kind: 'tenantId', value: lower };
  if (DOMAIN.test(segment)) return { kind: 'domain', value: lower };
  return undefined;
}

/** A valid profile, normalized (authority without a trailing slash); throws a badRequest problem listing every issue. */
export function tenantProfile(input: unknown): TenantProfile {
  const issues = tenantProfileIssues(input);
  if (issues.length > 0) {
    const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? ` "${(input as { id: string }).id}"` : '';
    throw new ProblemError({ code: 'badRequest', message: `The tenant profile${id} is not valid: ${issues.map((i) => i.message).join(' ')}` });
  }
  const p = input as TenantProfile;
  const url = new URL(p.authority);
  const profile: TenantProfile = {
    id: p.id,
    label: p.label.trim(),
    authority: `${url.origin}/${url.pathname.split('/').filter((s) => s !== '')[0] ?? ''}`,
    clientId: p.clientId.toLowerCase(),
    kind: p.kind,
    ...(p.trustedCaPem !== undefined ? { trustedCaPem: p.trustedCaPem } : {}),
  };
  return profile;
}

/** The tenant the profile's authority names. The profile must be valid. */
export function authorityTenant(profile: TenantProfile): AuthorityTenant {
  const segment = decodeURIComponent(new URL(profile.authority).pathname.split('/').filter((s) => s !== '')[0] ?? '');
  const tenant = authorityTenantOf(segment);
  if (!tenant) throw new ProblemError({ code: 'badRequest', message: `The authority of profile "${profile.id}" names no tenant.` });
  return tenant;
}

/** The authority for one tenant on the profile's host: where tokens for that tenant come from. */
export function tenantAuthority(profile: TenantProfile, tenantId: string): string {
  return `${new URL(profile.authority).origin}/${tenantId}`;
}

/** `host[:port]`, as MSAL's knownAuthorities wants it. */
export function authorityHost(profile: TenantProfile): string {
  return new URL(profile.authority).host;
}

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `"${value}"`;
  return typeof value;
}
