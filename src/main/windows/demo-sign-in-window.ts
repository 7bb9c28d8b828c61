// The demo tenant's sign-in page in a window the app owns. The demo tenant is served over HTTPS
// from 127.0.0.1 with a certificate the OS does not trust, so it cannot go to the system browser
// the way a real tenant's sign-in does. This window:
// - has no preload (the page gets no bridge) and the secure web preferences of every window;
// - has a session partition of its own, in memory only, that trusts exactly one certificate,
//   the demo tenant's (by SPKI SHA-256), on 127.0.0.1, and refuses every other one;
// - may navigate only within the demo tenant and, once, to MSAL's loopback listener, which ends
//   the sign-in: the window then closes itself.
import { session } from 'electron';
import type { BrowserWindow } from 'electron';
import { denyAllPermissions } from '../hardening.ts';
import { demoCertificateVerdict, REFUSE } from '../security/demo-certificate.ts';
import { demoSignInNavigation, demoSignInRoute } from '../security/demo-sign-in-navigation.ts';
import type { NavigationPolicies } from '../security/navigation-policy.ts';
import { demoSignInWindowOptions } from '../security/window-options.ts';
import { createWindow } from './create-window.ts';

/** No `persist:` prefix: the demo sign-in's cookies live in memory and end with the app. */
export const DEMO_SIGN_IN_PARTITION = 'demo-sign-in';

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>) => void;

export interface DemoSignInDeps {
  readonly policies: NavigationPolicies;
  readonly parent: BrowserWindow | undefined;
  readonly devTools: boolean;
  readonly log: Log;
}

let current: BrowserWindow | undefined;

export async function openDemoSignInWindow(url: string, spkiSha256: string, deps: DemoSignInDeps): Promise<void> {
  const route = demoSignInRoute(url);
  if ('problem' in route) throw new Error(`The demo tenant's sign-in cannot be shown: ${route.problem}.`);
  const demo = { hostname: new URL(route.demoOrigin).hostname, spkiSha256 };

  const partition = session.fromPartition(DEMO_SIGN_IN_PARTITION);
  denyAllPermissions(partition, deps.log);
  // Only the demo tenant's own certificate, on its own host; anything else is refused outright
  // rather than handed to Chromium's usual verification.
  partition.setCertificateVerifyProc((request, callback) => { /* eng-disable CERTIFICATE_VERIFY_PROC_JS_CHECK: this proc only narrows trust (one pinned key on 127.0.0.1, everything else refused), in a partition no other window uses */
    const verdict = demoCertificateVerdict({ hostname: request.hostname, certificatePem: request.certificate.data }, demo);
    if (verdict === REFUSE) deps.log('warn', `Refused the certificate of ${request.hostname} in the demo sign-in window.`);
    callback(verdict);
  });

  // One sign-in at a time: a new one replaces a window left open.
  if (current && !current.isDestroyed()) current.close();
  const window = createWindow(demoSignInWindowOptions({ partition: DEMO_SIGN_IN_PARTITION, devTools: deps.devTools, parent: deps.parent }));
  current = window;
  const contents = window.webContents;
  deps.policies.set(contents.id, (target) => demoSignInNavigation(target, route) !== 'refuse');
  contents.on('did-navigate', (_event, target) => {
    // The loopback listener has the answer once its page loads: the sign-in is over here.
    if (demoSignInNavigation(target, route) === 'finished' && !window.isDestroyed()) window.close();
  });
  window.once('ready-to-show', () => window.show());
  window.once('closed', () => {
    if (current === window) current = undefined;
  });
  try {
    await window.loadURL(url);
  } catch (error) {
    // A page that cannot be shown (the demo tenant stopped, its certificate refused) leaves no empty window behind.
    if (!window.isDestroyed()) window.close();
    throw error;
  }
}
