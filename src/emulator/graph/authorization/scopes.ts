// Which delegated scopes let a request through: the least-privileged permission for the path
// (intune-permissions.json), together with every broader scope that includes it (scopes.json).
import permissionMap from '../../metadata/intune-permissions.json' with { type: 'json' };
import intuneScopes from '../../../shared/intune/scopes.json' with { type: 'json' };

interface PermissionRow {
  readonly least: readonly string[];
  readonly all: readonly string[];
}

const ROWS = (permissionMap as { readonly paths: Readonly<Record<string, PermissionRow>> }).paths;

/** For each scope, the scopes that include it (ReadWrite includes Read). */
const BROADER = new Map<string, string[]>();
for (const scope of intuneScopes.scopes) {
  for (const included of (scope as { readonly includes?: readonly string[] }).includes ?? []) {
    BROADER.set(included, [...(BROADER.get(included) ?? []), scope.name]);
  }
}

export interface ScopeRequirement {
  /** The least-privileged scopes listed for the path. */
  readonly least: readonly string[];
  /** Least plus the broader scopes that include them; any one of these suffices. */
  readonly accepted: readonly string[];
  /** The permission-map row that decided it ('GET /devicemanagement/manageddevices'). */
  readonly row: string;
}

/** Paths the permission map does not list but Graph serves, mapped to the row that governs them. */
const ALIASES: Readonly<Record<string, string>> = {
  'GET /me/manageddevices': 'GET /devicemanagement/manageddevices',
  'GET /me/manageddevices/{id}': 'GET /devicemanagement/manageddevices/{id}',
  'GET /users/{id}/manageddevices': 'GET /devicemanagement/manageddevices',
  'GET /users/{id}/manageddevices/{id}': 'GET /devicemanagement/manageddevices/{id}',
};

export function permissionRow(key: string): PermissionRow | undefined {
  return ROWS[key];
}

export function allPermissionRows(): readonly string[] {
  return Object.keys(ROWS);
}

/**
 * The requirement for a request, or undefined when the service has no such operation.
 * Reads not listed themselves (a navigation under a listed entity, `$count`) take the
 * nearest listed ancestor's read permission, as Intune authorizes by resource area.
 */
export function scopeRequirement(method: string, pattern: string): ScopeRequirement | undefined {
  const key = `${method.toUpperCase()} ${pattern.replace(/\/\$count$/, '')}`;
  const direct = ALIASES[key] ?? key;
  const row = ROWS[direct];
  if (row) return requirement(row, direct);
  if (method.toUpperCase() !== 'GET') return undefined;
  const parts = direct.slice(4).split('/');
  while (parts.length > 2) {
    parts.pop();
    const ancestor = `GET ${parts.join('/')}`;
    const found = ROWS[ancestor];
    if (found) return requirement(found, ancestor);
  }
  return undefined;
}

function requirement(row: PermissionRow, key: string): ScopeRequirement {
  const accepted = new Set(row.least);
  for (const scope of row.least) for (const broader of BROADER.get(scope) ?? []) accepted.add(broader);
  return { least: row.least, accepted: [...accepted], row: key };
}

export function scopesSatisfy(granted: readonly string[], requirement: ScopeRequirement): boolean {
  const have = new Set(granted.map((s) => s.toLowerCase()));
  return requirement.accepted.some((s) => have.has(s.toLowerCase()));
}
