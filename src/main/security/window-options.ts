// Every window the app opens gets its options here, so the secure web preferences are written
// once and tested once (test/main/window-options.test.ts), and create-window.ts is the only
// place that calls `new BrowserWindow` (a test reads src/main to hold that true).
// Type-only imports: this module runs in plain Node tests.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { PRODUCT_NAME } from '../app-identity.ts';

/** The preferences no window may do without (Electron security checklist, items 2–4, 6, 8–12). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  enableWebSQL: false,
  // A page that opens dialogs in a loop gets a checkbox to stop them.
  safeDialogs: true,
  // Spelling suggestions would send typed text (device names, UPNs) to the OS spell checker for nothing.
  spellcheck: false,
  // A middle click on a link would ask for a new window; the window-open handler refuses it
  // anyway, and this stops the event at the source (Electronegativity's AUXCLICK check).
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

export interface WindowPurpose {
  /** DevTools only in a development build (app.isPackaged false). */
  readonly devTools: boolean;
}

/** The app's one window: the preload builds window.intuneDesk, nothing else crosses. */
export function mainWindowOptions(input: WindowPurpose & { readonly preloadPath: string }): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show, so the first paint is the app rather than a white frame.
    show: false,
    backgroundColor: '#faf9f8',
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: input.devTools, preload: input.preloadPath },
  };
}

/**
 * The demo tenant's sign-in page: no preload (the page gets no bridge at all), and a session
 * partition of its own whose certificate check trusts only the demo tenant (demo-sign-in-window.ts).
 */
export function demoSignInWindowOptions(input: WindowPurpose & { readonly partition: string; readonly parent?: BrowserWindowConstructorOptions['parent'] }): BrowserWindowConstructorOptions {
  return {
    title: `${PRODUCT_NAME}: sign in to the demo tenant`,
    width: 520,
    height: 720,
    show: false,
    autoHideMenuBar: true,
    ...(input.parent ? { parent: input.parent, modal: false } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: input.devTools, partition: input.partition },
  };
}

/** Which preferences of a window fall short of SECURE_WEB_PREFERENCES (empty when none do). */
export function insecurePreferences(preferences: WebPreferences | undefined): readonly string[] {
  const actual = (preferences ?? {}) as Readonly<Record<string, unknown>>;
  const missing = Object.entries(SECURE_WEB_PREFERENCES).filter(([name, wanted]) => actual[name] !== wanted).map(([name]) => name);
  // Blink features switched on by name would bypass experimentalFeatures: false (checklist item 10).
  const blink = actual['enableBlinkFeatures'] ? ['enableBlinkFeatures'] : [];
  return [...missing, ...blink];
}
