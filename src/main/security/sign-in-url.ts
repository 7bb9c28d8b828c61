// What the app may hand to the system browser. shell.openExternal with an untrusted URL "can be
// leveraged to execute arbitrary commands" (Electron security checklist, item 15), so the app
// opens exactly one kind of address: an Entra ID authorize endpoint, over https, on Microsoft's
// sign-in hosts (public and sovereign clouds) or the host IT's machine policy names, whose
// answer comes back to a loopback address on this machine (MSAL's interactive sign-in).
// Everything else is refused, and the caller logs the refusal.

/** Entra ID sign-in hosts: the public cloud and its aliases, US Government, China (21Vianet). */
export const ENTRA_SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
];

export type SignInUrlVerdict = { readonly allowed: true; readonly url: string } | { readonly allowed: false; readonly reason: string };

// A tenant GUID, a verified domain, or organizations/common/consumers: letters, digits, dots, hyphens.
const TENANT_SEGMENT = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;
const AUTHORIZE_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/;

/**
 * @param extraHosts sign-in hosts IT configured (the machine policy's authorityHost), lower case.
 */
export function checkSignInUrl(url: string, extraHosts: readonly string[] = []): SignInUrlVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allowed: false, reason: 'it is not a URL' };
  }
  if (parsed.protocol !== 'https:') return { allowed: false, reason: `it is ${parsed.protocol} rather than https:` };
  if (parsed.username !== '' || parsed.password !== '') return { allowed: false, reason: 'it carries a user name or password' };
  if (parsed.port !== '') return { allowed: false, reason: `it names port ${parsed.port}` };
  const hosts = [...ENTRA_SIGN_IN_HOSTS, ...extraHosts.map((h) => h.toLowerCase())];
  // URL lower-cases the host of an https URL, so this comparison is exact.
  if (!hosts.includes(parsed.hostname)) return { allowed: false, reason: `${parsed.hostname} is not an Entra ID sign-in host` };
  const path = AUTHORIZE_PATH.exec(parsed.pathname);
  if (!path || !TENANT_SEGMENT.test(decodeURIComponentSafe(path[1] ?? ''))) {
    return { allowed: false, reason: `${parsed.pathname} is not an authorize endpoint (/{tenant}/oauth2/v2.0/authorize)` };
  }
  // The answer must come back to this machine: a consent page for someone else's app, sending
  // the code to their server, is the phishing this allow-list exists to stop.
  const redirect = parsed.searchParams.get('redirect_uri');
  if (redirect === null || !isLoopbackRedirect(redirect)) return { allowed: false, reason: 'its redirect_uri is not a loopback address on this machine' };
  if (!parsed.searchParams.get('client_id')) return { allowed: false, reason: 'it names no client_id' };
  return { allowed: true, url: parsed.toString() };
}

function isLoopbackRedirect(value: string): boolean {
  let redirect: URL;
  try {
    redirect = new URL(value);
  } catch {
    return false;
  }
  return redirect.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(redirect.hostname) && redirect.username === '' && redirect.password === '';
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
