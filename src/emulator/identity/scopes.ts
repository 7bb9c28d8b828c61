// Reading the `scope` parameter the way Entra v2 does: OIDC scopes, Graph scopes written bare
// or with the resource in front, and `/.default`. The answer echoes each Graph scope in the
// form the client wrote it, because MSAL files the access token under those strings.
import type { AppRegistration } from '../directory/model.ts';
import { INTUNE_SCOPES } from '../directory/demo-directory.ts';
import { EntraRejection, entra } from './entra-errors.ts';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

export interface GraphScopeAsked {
  /** The permission's own spelling, e.g. DeviceManagementManagedDevices.Read.All. */
  readonly name: string;
  /** What the client sent, echoed back in the response. */
  readonly asked: string;
}

export interface ScopeRequest {
  readonly oidc: readonly OidcScope[];
  readonly graph: readonly GraphScopeAsked[];
  /** `https://graph.microsoft.com/.default`: every permission granted to the app. */
  readonly defaultScope: { readonly asked: string } | undefined;
}

const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`];
const KNOWN_GRAPH_SCOPES = new Map(INTUNE_SCOPES.map((s) => [s.toLowerCase(), s]));

/** Parses and checks a scope string against an app's registration; throws Entra's invalid_scope. */
export function parseScopes(raw: string | undefined, app: AppRegistration, tenantName: string): ScopeRequest {
  const items = (raw ?? '').split(' ').filter((s) => s !== '');
  if (items.length === 0) throw new EntraRejection(entra.scopeMissing());
  const oidc = new Set<OidcScope>();
  const graph = new Map<string, GraphScopeAsked>();
  let defaultScope: { asked: string } | undefined;
  const configured = new Map(app.configuredScopes.map((s) => [s.toLowerCase(), s]));
  for (const item of items) {
    const oidcScope = OIDC_SCOPES.find((s) => s === item.toLowerCase());
    if (oidcScope) {
      oidc.add(oidcScope);
      continue;
    }
    const bare = graphScopeName(item, tenantName);
    if (bare === '.default') {
      defaultScope = { asked: item };
      continue;
    }
    if (bare === '' || bare.includes('/')) throw new EntraRejection(entra.scopeInvalid(item, 'is not valid.'));
    const name = configured.get(bare.toLowerCase());
    if (!name) {
      const known = KNOWN_GRAPH_SCOPES.get(bare.toLowerCase());
      throw new EntraRejection(known ? entra.scopeNotConfigured(app.displayName, known) : entra.scopeNotOnResource(app.displayName, bare, GRAPH_APP_ID));
    }
    if (!graph.has(name)) graph.set(name, { name, asked: item });
  }
  if (defaultScope && graph.size > 0) {
    throw new EntraRejection(entra.scopeInvalid(defaultScope.asked, 'cannot be combined with other scopes of the same resource (static scope limit exceeded).'));
  }
  return { oidc: OIDC_SCOPES.filter((s) => oidc.has(s)), graph: [...graph.values()], defaultScope };
}

/** The Graph permission a scope item names, with the resource stripped; throws for other resources. */
function graphScopeName(item: string, tenantName: string): string {
  const lower = item.toLowerCase();
  const prefix = GRAPH_PREFIXES.find((p) => lower.startsWith(p));
  if (prefix) return item.slice(prefix.length);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item) || /^[0-9a-f]{8}-[0-9a-f-]{27}\//i.test(item)) {
    const resource = item.slice(0, item.lastIndexOf('/'));
    throw new EntraRejection(entra.resourceNotFound(resource, tenantName));
  }
  // A bare name means Microsoft Graph, as in Entra.
  return item;
}

/** The Graph permissions a request needs: the named ones, or for /.default the given grant. */
export function graphScopesNeeded(request: ScopeRequest, defaultMeans: readonly string[]): readonly string[] {
  return request.defaultScope ? defaultMeans : request.graph.map((g) => g.name);
}

/** The `scope` field of a token response: Graph scopes as asked, then the OIDC ones. */
export function responseScope(request: ScopeRequest, granted: readonly string[]): string {
  const graph = request.defaultScope
    ? granted.map((name) => `${GRAPH_RESOURCE}/${name}`)
    : request.graph.filter((g) => granted.includes(g.name)).map((g) => g.asked);
  return [...graph, ...request.oidc].join(' ');
}

/** Scopes, in the order the token's `scp` lists them: Graph permissions only, bare. */
export function scpClaim(request: ScopeRequest, granted: readonly string[]): string {
  if (granted.length > 0) return granted.join(' ');
  // A sign-in that asked for no Graph permission still gets a Graph token, as Entra gives one for userinfo.
  return request.oidc.filter((s) => s !== 'offline_access').join(' ');
}
