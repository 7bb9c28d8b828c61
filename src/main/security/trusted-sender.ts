// Every IPC message is checked for who sent it before the host sees it (Electron security
// checklist, item 17; GitHub Desktop's trusted-ipc-sender). Only the main frame of our own
// window, showing one of our app:// pages, may call the bridge: not a subframe, not another
// window, not a page that navigated elsewhere, not file://.
import { APP_ORIGIN, isAppUrl } from '../app-identity.ts';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  /** Chromium's serialized origin ("app://intune-desk" for our pages, "null" for opaque ones). */
  readonly origin: string;
  readonly parent: SenderFrame | null;
  /** The renderer process and the frame's token: together they name one frame, whichever JS wrapper carries them. */
  readonly processId: number;
  readonly frameToken: string;
}

export type SenderVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

/**
 * @param frame `event.senderFrame` (null once the frame navigated away or was destroyed).
 * @param ourMainFrame `window.webContents.mainFrame` of the app's window, or undefined when it is closed.
 */
export function checkSender(frame: SenderFrame | null | undefined, ourMainFrame: SenderFrame | null | undefined): SenderVerdict {
  if (!frame) return refused('the sending frame is gone (navigated away or destroyed)');
  if (!ourMainFrame) return refused('the app window is not open');
  // The same frame, not an equal one: another window showing the same URL is still another
  // window. Electron may hand out a new wrapper object for the same frame, so the frame's own
  // identifiers decide, not object identity.
  if (!sameFrame(frame, ourMainFrame)) return refused(frame.parent ? 'a subframe sent it' : `it came from another window (${describe(frame.url)})`);
  if (frame.parent !== null) return refused('a subframe sent it');
  if (!isAppUrl(frame.url)) return refused(`the frame shows ${describe(frame.url)}, not an ${APP_ORIGIN} page`);
  if (frame.origin !== APP_ORIGIN) return refused(`the frame's origin is ${frame.origin}, not ${APP_ORIGIN}`);
  return { trusted: true };
}

function sameFrame(a: SenderFrame, b: SenderFrame): boolean {
  if (a === b) return true;
  return typeof a.frameToken === 'string' && a.frameToken !== '' && a.frameToken === b.frameToken && a.processId === b.processId;
}

function refused(reason: string): SenderVerdict {
  return { trusted: false, reason };
}

/** Scheme, host and path only: a refused URL goes to the log, and its query may hold anything. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}
