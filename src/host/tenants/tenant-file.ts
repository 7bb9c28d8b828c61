// tenants.json in the data folder: the tenant profiles the technician set up and which one is
// open. Checked whole when read; a file that fails the check is moved aside
// (tenants.json.damaged-<time>) rather than rewritten, and the app starts at first run again
// with the user told where the old file is.
//
// { "version": 1, "currentProfileId": "demo-contoso",
//   "profiles": [ { "id": "demo-contoso", "label": "Contoso Ltd (demo)", "kind": "demo",
//                   "tenant": "contoso.onmicrosoft.com", "clientId": "0f4c8a3e-…" },
//                 { "id": "fabrikam.onmicrosoft.com", "label": "Fabrikam", "kind": "entra",
//                   "tenant": "fabrikam.onmicrosoft.com", "clientId": "…", "authorityHost": "login.microsoftonline.com" } ] }
//
// A demo profile names only the tenant: the demo tenant's address and certificate come from the
// running demo tenant.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../../shared/bridge/api.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const storedTenant = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  label: z.string().trim().min(1).max(100),
  kind: z.enum(['demo', 'entra']),
  tenant: z.string().min(1).max(253),
  clientId: z.string().regex(GUID),
  authorityHost: z.string().min(1).max(260).optional(),
});

const tenantFile = z.strictObject({
  version: z.literal(1),
  currentProfileId: z.string().optional(),
  profiles: z.array(storedTenant).max(200),
}).refine((file) => new Set(file.profiles.map((p) => p.id.toLowerCase())).size === file.profiles.length, { error: 'two profiles have the same id' })
  .refine((file) => file.currentProfileId === undefined || file.profiles.some((p) => p.id === file.currentProfileId), { error: 'currentProfileId names none of the profiles' });

export type StoredTenant = z.output<typeof storedTenant>;
export type TenantFileContent = z.output<typeof tenantFile>;

export const EMPTY_TENANT_FILE: TenantFileContent = { version: 1, profiles: [] };

export interface TenantFileRead {
  readonly content: TenantFileContent;
  /** Set when the file could not be used and was moved aside. */
  readonly problem?: Problem;
}

export function readTenantFile(path: string, now: number): TenantFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { content: EMPTY_TENANT_FILE };
    return { content: EMPTY_TENANT_FILE, problem: { code: 'badRequest', message: `Your tenant list ${path} cannot be read (${(error as Error).message}); fix its permissions and restart Intune Desk.` } };
  }
  let why: string;
  try {
    const parsed = tenantFile.safeParse(JSON.parse(text));
    if (parsed.success) return { content: parsed.data };
    const issue = parsed.error.issues[0];
    why = `${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'not a tenant list'}`;
  } catch (error) {
    why = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const aside = `${path}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    return { content: EMPTY_TENANT_FILE, problem: { code: 'badRequest', message: `Your tenant list ${path} could not be used (${why}) nor moved aside (${(error as Error).message}); fix or remove it and restart Intune Desk.` } };
  }
  return { content: EMPTY_TENANT_FILE, problem: { code: 'badRequest', message: `Your tenant list could not be used (${why}), so Intune Desk starts with none. The old file was kept at ${aside}.` } };
}

/** Writes the whole list (a temporary file renamed over the old one), readable by this user only. */
export function writeTenantFile(path: string, content: TenantFileContent): void {
  const checked = tenantFile.parse(content);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
