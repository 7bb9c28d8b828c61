// The only `new BrowserWindow` in the app (test/main/window-creation.test.ts reads src/main to
// keep it so). Options come from security/window-options.ts; a window whose preferences fall short
// of the secure set is not created at all.
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { insecurePreferences } from '../security/window-options.ts';

export function createWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  const missing = insecurePreferences(options.webPreferences);
  if (missing.length > 0) throw new Error(`Refusing to open a window without the secure web preferences: ${missing.join(', ')}.`);
  // Electronegativity reads this call's argument and cannot follow it back to window-options.ts;
  // the preferences it looks for are SECURE_WEB_PREFERENCES, enforced by the check just above.
  return new BrowserWindow(options); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
}
