// Entra ID's error shape. Clients (MSAL above all) read `error`, `suberror` and `error_codes`,
// and technicians read the AADSTS line and the ids under it, so both must look like Entra's.
import { randomUUID } from 'node:crypto';

export interface EntraProblem {
  /** The OAuth error: invalid_grant, invalid_client, ... */
  readonly error: string;
  /** The AADSTS number. */
  readonly code: number;
  /** The sentence after "AADSTSnnnnn: ". */
  readonly message: string;
  /** HTTP status on the token endpoint; 400 unless said otherwise. */
  readonly status: number;
  /** MSAL turns consent_required / bad_token into InteractionRequiredAuthError. */
  readonly suberror?: string;
  /** Only in redirects: `cancel` when the user pressed Cancel. */
  readonly errorSubcode?: string;
}

/** Thrown inside a request handler and turned into Entra's response at its boundary. */
export class EntraRejection extends Error {
  override readonly name = 'EntraRejection';
  readonly problem: EntraProblem;
  constructor(problem: EntraProblem) {
    super(`AADSTS${problem.code}: ${problem.message}`);
    this.problem = problem;
  }
}

/** The ids every Entra error carries. */
export interface RequestIds {
  readonly correlationId: string;
  readonly traceId: string;
  readonly now: number;
}

export function newRequestIds(now: number, clientRequestId: string | undefined): RequestIds {
  const valid = clientRequestId && /^[0-9a-f-]{36}$/i.test(clientRequestId);
  // Entra's trace ids end in 00; nothing depends on it, but it looks right in a log.
  const trace = randomUUID();
  return { correlationId: valid ? clientRequestId.toLowerCase() : randomUUID(), traceId: `${trace.slice(0, 34)}00`, now };
}

/** "2026-11-26 10:36:01Z", Entra's timestamp format. */
export function entraTimestamp(now: number): string {
  return new Date(now).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function describeProblem(problem: EntraProblem, ids: RequestIds): string {
  return `AADSTS${problem.code}: ${problem.message}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${entraTimestamp(ids.now)}`;
}

export function errorUri(baseUrl: string, code: number): string {
  return `${baseUrl}/error?code=${code}`;
}

/** The JSON body of a failed token, device code or discovery request. */
export function errorBody(problem: EntraProblem, ids: RequestIds, baseUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    error: problem.error,
    error_description: describeProblem(problem, ids),
    error_codes: [problem.code],
    timestamp: entraTimestamp(ids.now),
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: errorUri(baseUrl, problem.code),
  };
  if (problem.suberror) body['suberror'] = problem.suberror;
  return body;
}

function problem(error: string, code: number, message: string, extra: Partial<EntraProblem> = {}): EntraProblem {
  return { error, code, message, status: 400, ...extra };
}

// The catalogue: one function per situation, so wording stays the same wherever it is raised.

export const entra = {
  tenantNotFound: (tenant: string, error = 'invalid_request') => problem(error, 90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`),
  unknownInstance: () => problem('invalid_instance', 50049, 'Unknown or invalid instance.'),
  missingParameter: (name: string) => problem('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  postOnly: (method: string) => problem('invalid_request', 900561, `The endpoint only accepts POST requests. Received a ${method} request.`),
  malformed: (error = 'invalid_request') => problem(error, 9002313, 'Invalid request. Request is malformed or invalid.'),
  appNotFound: (clientId: string, tenantName: string) => problem('unauthorized_client', 700016,
    `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
  notMultiTenant: (clientId: string, appName: string) => problem('invalid_request', 50194,
    `Application '${clientId}'(${appName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`),
  redirectMismatch: (redirectUri: string, clientId: string) => problem('invalid_request', 50011,
    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`),
  redirectDiffersFromCode: (redirectUri: string, codeRedirectUri: string) => problem('invalid_grant', 500112,
    `The reply address '${redirectUri}' does not match the reply address '${codeRedirectUri}' provided when requesting Authorization code.`),
  unsupportedResponseType: (responseType: string) => problem('unsupported_response_type', 700054,
    `response_type '${responseType}' is not enabled for the application.`),
  invalidResponseMode: (mode: string) => problem('invalid_request', 900144, `The provided value for the input parameter 'response_mode' is not valid. Expected one of: query, fragment, form_post; got '${mode}'.`),
  invalidPrompt: (prompt: string) => problem('invalid_request', 90023, `Invalid prompt value '${prompt}'. Expected one of: login, none, consent, select_account.`),
  pkceRequired: () => problem('invalid_request', 9002325, 'Proof Key for Code Exchange is required for this public client. Send code_challenge with code_challenge_method=S256.'),
  pkceMethod: (method: string) => problem('invalid_request', 50149, `Invalid Code_Challenge_method parameter '${method}'. This tenant requires S256.`),
  pkceMismatch: () => problem('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  scopeMissing: () => problem('invalid_request', 900144, "The request body must contain the following parameter: 'scope'."),
  scopeInvalid: (scope: string, why: string) => problem('invalid_scope', 70011,
    `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' ${why}`),
  scopeNotOnResource: (appName: string, scope: string, resourceAppId: string) => problem('invalid_scope', 65005,
    `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${resourceAppId}'. Contact the app vendor.`),
  scopeNotConfigured: (appName: string, scope: string) => problem('invalid_scope', 65005,
    `The application '${appName}' asked for scope '${scope}' that is not in the permissions configured on its registration. Contact the app vendor.`),
  moreThanOneResource: () => problem('invalid_scope', 28000,
    'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope contains scopes for more than one resource.'),
  resourceNotFound: (resource: string, tenantName: string) => problem('invalid_resource', 500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
  consentRequired: (clientId: string, appName: string, error = 'invalid_grant') => problem(error, 65001,
    `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    error === 'invalid_grant' ? { suberror: 'consent_required' } : {}),
  consentDeclined: () => problem('access_denied', 65004, 'User declined to consent to access the app.', { errorSubcode: 'cancel' }),
  loginRequired: () => problem('login_required', 50058,
    'A silent sign-in request was sent but no user is signed in. The cookies used to represent the user\'s session were not sent in the request to Azure AD.'),
  interactionRequired: (why: string) => problem('interaction_required', 16000, why),
  userNotInTenant: (upn: string, homeTenantId: string, tenantName: string) => problem('invalid_grant', 50020,
    `User account '${upn}' from identity provider 'https://sts.windows.net/${homeTenantId}/' does not exist in tenant '${tenantName}' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`),
  unknownUser: () => problem('invalid_grant', 50034, "The user account does not exist in this directory. We couldn't find an account with that username."),
  wrongPassword: () => problem('invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  unsupportedGrant: (grant: string) => problem('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  codeRedeemed: () => problem('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  codeExpired: () => problem('invalid_grant', 70008,
    'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'),
  codeForOtherClient: () => problem('invalid_grant', 70000, 'The provided value for the \'code\' parameter is not valid. The code was issued to a different client.'),
  codeForOtherTenant: () => problem('invalid_grant', 70000, 'The provided value for the \'code\' parameter is not valid. The code was issued for a different tenant.'),
  refreshTokenRedeemed: () => problem('invalid_grant', 70000,
    'The provided value for the \'refresh_token\' parameter is not valid. The refresh token was already redeemed and a newer one was issued in its place.', { suberror: 'bad_token' }),
  refreshTokenInactive: (issuedAt: number, days: number) => problem('invalid_grant', 700082,
    `The refresh token has expired due to inactivity. The token was issued on ${new Date(issuedAt).toISOString()} and was inactive for ${days}.00:00:00.`, { suberror: 'bad_token' }),
  refreshTokenForOtherClient: () => problem('invalid_grant', 70000, 'The provided value for the \'refresh_token\' parameter is not valid. The token was issued to a different client.'),
  publicClientSentSecret: () => problem('invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.", { status: 401 }),
  secretMissing: () => problem('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", { status: 401 }),
  secretWrong: (clientId: string) => problem('invalid_client', 7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, { status: 401 }),
  devicePending: () => problem('authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceDeclined: () => problem('authorization_declined', 70000, 'The user declined the sign-in request on the device code page.'),
  deviceExpired: () => problem('expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."),
  deviceUnknown: () => problem('bad_verification_code', 70000, "The provided value for the input parameter 'device_code' is not valid. The token request contains a device code that was not recognized."),
} as const;
