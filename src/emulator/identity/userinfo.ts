// GET /oidc/userinfo, the endpoint the OpenID configuration names: the signed-in person's
// profile, for any standard OIDC client that calls it with its access token.
import { findUserById } from '../directory/lookup.ts';
import { sendJson } from '../http/send.ts';
import type { Exchange, IdentityContext } from './context.ts';
import { pairwiseSubject } from './claims.ts';
import type { TokenProblem, VerifiedToken } from './graph-token-verifier.ts';
import { isTokenProblem } from './graph-token-verifier.ts';

export function handleUserinfo(ctx: IdentityContext, ex: Exchange, verify: (authorization: string | undefined) => VerifiedToken | TokenProblem): void {
  const result = verify(ex.req.headers.authorization);
  const user = isTokenProblem(result) ? undefined : findUserById(ctx.directory, result.tenantId, result.userId);
  if (isTokenProblem(result) || !user) {
    const message = isTokenProblem(result) ? result.description : 'The user in the token no longer exists.';
    sendJson(ex.res, 401, { error: { code: 'InvalidAuthenticationToken', message, innerError: { date: new Date(ctx.clock.now()).toISOString(), 'request-id': ex.ids.traceId } } },
      { 'www-authenticate': 'Bearer realm="", error="invalid_token"' });
    return;
  }
  const home = user.guestOf ? findUserById(ctx.directory, user.guestOf.tenantId, user.guestOf.userId) ?? user : user;
  sendJson(ex.res, 200, {
    sub: pairwiseSubject(ctx.store.pairwiseSecret, result.appId, result.tenantId, result.userId),
    name: home.displayName,
    family_name: home.surname,
    given_name: home.givenName,
    email: home.mail,
  });
}
