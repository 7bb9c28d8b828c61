// Cancelling an interactive sign-in. MSAL's loopback server waits for the browser with no way to
// stop it from outside, so cancelling does what the identity provider does when the user declines:
// it posts `error=access_denied` with the request's state to the redirect URI. MSAL then ends the
// request with that error and closes its server.
import { request } from 'node:http';

export function cancelLoopbackSignIn(signInUrl: string): Promise<void> {
  const url = new URL(signInUrl);
  const redirect = url.searchParams.get('redirect_uri');
  const state = url.searchParams.get('state');
  if (!redirect || !state) return Promise.resolve();
  const target = new URL(redirect);
  // MSAL listens on 127.0.0.1 and registers http://localhost:PORT; do not depend on how localhost resolves.
  if (target.protocol !== 'http:' || (target.hostname !== 'localhost' && target.hostname !== '127.0.0.1')) return Promise.resolve();
  const body = new URLSearchParams({ error: 'access_denied', error_description: 'The sign-in was cancelled in Intune Desk.', state }).toString();
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: target.port,
      path: '/',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      timeout: 5_000,
    }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    // The server may already be gone (the user finished a moment ago): nothing to cancel then.
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}
