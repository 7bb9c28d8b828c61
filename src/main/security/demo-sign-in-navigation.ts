// Where the demo tenant's sign-in window may go: the demo tenant's own pages, and once, the
// loopback address MSAL listens on for the answer (the redirect_uri of the authorize request).
// Reaching that address means the sign-in is over, and the window closes.

export interface DemoSignInRoute {
  /** https://127.0.0.1:P: the demo tenant. */
  readonly demoOrigin: string;
  /** http://localhost:Q: MSAL's loopback listener, from the authorize URL's redirect_uri. */
  readonly redirectOrigin: string;
}

export type NavigationVerdict = 'stay' | 'finished' | 'refuse';

/** The route of a demo sign-in, or a reason it cannot be shown in the app's window. */
export function demoSignInRoute(authorizeUrl: string): DemoSignInRoute | { readonly problem: string } {
  let url: URL;
  try {
    url = new URL(authorizeUrl);
  } catch {
    return { problem: 'the sign-in address is not a URL' };
  }
  if (url.protocol !== 'https:' || url.hostname !== '127.0.0.1' || url.username !== '' || url.password !== '') {
    return { problem: `the demo sign-in must be served over https from 127.0.0.1, not ${url.protocol}//${url.host}` };
  }
  const redirect = url.searchParams.get('redirect_uri');
  let redirectUrl: URL;
  try {
    redirectUrl = new URL(redirect ?? '');
  } catch {
    return { problem: 'the sign-in address names no redirect_uri' };
  }
  if (redirectUrl.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(redirectUrl.hostname)) {
    return { problem: 'the redirect_uri of the demo sign-in is not a loopback address' };
  }
  return { demoOrigin: url.origin, redirectOrigin: redirectUrl.origin };
}

export function demoSignInNavigation(target: string, route: DemoSignInRoute): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'refuse';
  }
  if (url.username !== '' || url.password !== '') return 'refuse';
  if (url.origin === route.demoOrigin) return 'stay';
  if (url.origin === route.redirectOrigin) return 'finished';
  return 'refuse';
}
