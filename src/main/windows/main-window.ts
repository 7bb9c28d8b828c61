// The app's window: our pages from app://intune-desk/, the preload's bridge, and no navigation
// at all (nothing registers a navigation policy for it, so hardening.ts refuses every one).
import type { BrowserWindow } from 'electron';
import { START_URL } from '../app-identity.ts';
import { mainWindowOptions } from '../security/window-options.ts';
import { createWindow } from './create-window.ts';

export function openMainWindow(input: { readonly preloadPath: string; readonly devTools: boolean }): BrowserWindow {
  const window = createWindow(mainWindowOptions(input));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(START_URL);
  return window;
}

/** A second launch brings the running window forward instead of opening another app. */
export function bringForward(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
