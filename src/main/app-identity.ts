// Where the window's own pages live. The renderer is served from a custom, privileged scheme
// (app://intune-desk/) rather than file://, because file:// pages can read every file the user
// can (Electron security checklist, item 18), and a scheme of our own gives the pages an origin
// the IPC sender check can name.

export const APP_SCHEME = 'app';
export const APP_HOST = 'intune-desk';
/** As Chromium serializes it for a standard scheme (the renderer's location.origin). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

export const PRODUCT_NAME = 'Intune Desk';
/** The Windows AppUserModelID and the installer's appId: one value, so notifications and the taskbar agree. */
export const APP_ID = 'com.contoso.intunedesk';

/**
 * Whether a URL is one of our pages. Node's WHATWG URL gives any non-special scheme the opaque
 * origin "null", so protocol and host are compared, never `URL.origin`.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
