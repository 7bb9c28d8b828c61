// Graph's answer to a missing, expired or foreign token: 401 with a WWW-Authenticate
// challenge that names the authority, so a client knows where to get a new one.
import type { GraphResponse } from './exchange.ts';
import type { ErrorContext } from './errors.ts';
import { graphError } from './errors.ts';

export type TokenProblemKind = 'missing' | 'invalid' | 'expired' | 'wrongAudience';

const MESSAGES: Readonly<Record<TokenProblemKind, string>> = {
  missing: 'Access token is empty.',
  invalid: 'Access token validation failure.',
  expired: 'Lifetime validation failed, the token is expired.',
  wrongAudience: 'Access token validation failure. Invalid audience.',
};

export function unauthorized(kind: TokenProblemKind, authorityBase: string, ctx: ErrorContext): GraphResponse {
  const challenge = `Bearer realm="", authorization_uri="${authorityBase}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;
  return graphError(401, 'InvalidAuthenticationToken', MESSAGES[kind], ctx, { 'www-authenticate': challenge });
}
