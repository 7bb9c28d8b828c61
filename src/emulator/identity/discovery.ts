// The documents clients read before signing anyone in: instance discovery, the OpenID
// configuration and the signing keys. Shapes follow Entra's (FACTS §7), with our host in
// place of login.microsoftonline.com.
import { sendJson } from '../http/send.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { entra, errorBody } from './entra-errors.ts';
import { canonicalSegment, resolveTenantPath } from './tenant-path.ts';
import type { TenantPath } from './tenant-path.ts';

/** Discovery documents change only when the key does; clients may cache them for a day, as Entra allows. */
const CACHEABLE = { 'cache-control': 'max-age=86400, private', 'access-control-allow-origin': '*' } as const;

/** GET /{tenant}/discovery/instance?api-version=1.1&authorization_endpoint=... */
export function handleInstanceDiscovery(ctx: IdentityContext, ex: Exchange, segment: string): void {
  const base = ctx.baseUrl();
  const host = new URL(base).host;
  const endpoint = ex.url.searchParams.get('authorization_endpoint');
  let tenantSegment = segment;
  if (endpoint) {
    let asked: URL | undefined;
    try {
      asked = new URL(endpoint);
    } catch {
      asked = undefined;
    }
    // Entra only vouches for its own hosts; anything else is an unknown instance.
    if (!asked || asked.protocol !== 'https:' || asked.host.toLowerCase() !== host) {
      sendJson(ex.res, 400, errorBody(entra.unknownInstance(), ex.ids, base), { 'x-ms-request-id': ex.ids.traceId });
      return;
    }
    tenantSegment = asked.pathname.split('/').filter(Boolean)[0] ?? segment;
  }
  sendJson(ex.res, 200, {
    tenant_discovery_endpoint: `${base}/${tenantSegment}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  }, CACHEABLE);
}

/** GET /{tenant}/v2.0/.well-known/openid-configuration */
export function handleOpenIdConfiguration(ctx: IdentityContext, ex: Exchange, segment: string): void {
  const path = resolveTenantPath(ctx.directory, segment);
  const base = ctx.baseUrl();
  if (!path) {
    sendJson(ex.res, 400, errorBody(entra.tenantNotFound(segment, 'invalid_tenant'), ex.ids, base), { 'x-ms-request-id': ex.ids.traceId });
    return;
  }
  sendJson(ex.res, 200, openIdConfiguration(base, path), CACHEABLE);
}

export function openIdConfiguration(base: string, path: TenantPath): Record<string, unknown> {
  const host = new URL(base).host;
  const t = canonicalSegment(path);
  // For the meta-tenants the issuer is a template: each token's own tid goes in its place.
  const issuerTenant = path.kind === 'tenant' ? path.tenant.id : '{tenantid}';
  return {
    token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/${t}/kerberos`,
    tenant_region_scope: path.kind === 'tenant' ? 'NA' : null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    // Where this instance's Microsoft Graph lives: the same loopback host.
    msgraph_host: host,
    rbac_url: 'https://pas.windows.net',
  };
}

/** GET /{tenant}/discovery/v2.0/keys and the v1 /{tenant}/discovery/keys. */
export function handleKeys(ctx: IdentityContext, ex: Exchange, segment: string, v2: boolean): void {
  const path = resolveTenantPath(ctx.directory, segment);
  const base = ctx.baseUrl();
  if (!path) {
    sendJson(ex.res, 400, errorBody(entra.tenantNotFound(segment, 'invalid_tenant'), ex.ids, base), { 'x-ms-request-id': ex.ids.traceId });
    return;
  }
  const { keys } = ctx;
  const key: Record<string, unknown> = {
    kty: 'RSA',
    use: 'sig',
    kid: keys.kid,
    x5t: keys.x5t,
    n: keys.modulus,
    e: keys.exponent,
    x5c: [keys.certificateBase64],
    cloud_instance_name: 'microsoftonline.com',
  };
  if (v2) key['issuer'] = `${base}/${path.kind === 'tenant' ? path.tenant.id : '{tenantid}'}/v2.0`;
  sendJson(ex.res, 200, { keys: [key] }, CACHEABLE);
}
