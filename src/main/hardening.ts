// App-wide rules every web contents lives under, set once before any window exists: no
// <webview>, no new windows, navigation only where navigation-policy.ts allows, and no web
// permission (camera, notifications, geolocation…) for any page in any session.
import type { App, Session, WebContents } from 'electron';
import type { NavigationPolicies } from './security/navigation-policy.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>) => void;

export function hardenWebContents(app: App, policies: NavigationPolicies, log: Log): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const id = contents.id;
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('warn', 'Refused to attach a <webview>.');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log('warn', 'Refused to open a new window.', { url: describeUrl(url) });
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!policies.allows(id, event.url)) {
        event.preventDefault();
        log('warn', 'Refused a navigation.', { url: describeUrl(event.url) });
      }
    });
    contents.on('will-redirect', (event) => {
      if (!policies.allows(id, event.url)) {
        event.preventDefault();
        log('warn', 'Refused a redirect.', { url: describeUrl(event.url) });
      }
    });
    contents.once('destroyed', () => policies.forget(id));
  });
}

/** No page in this session gets any web permission, asked or checked. */
export function denyAllPermissions(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('warn', `Refused the "${permission}" permission.`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Scheme, host and path: a refused URL's query could hold anything. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
