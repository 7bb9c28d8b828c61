// The bridge in the main process: one ipcMain.handle per channel of CHANNELS, each checking who
// sent the message (trusted-sender.ts) before the host sees it, and the host's events sent to our
// window only. Electron is imported for its types only, so this runs against a fake ipcMain in
// Node tests (test/main/register-bridge.test.ts).
import type { IpcMainInvokeEvent } from 'electron';
import type { BridgeResult } from '../../shared/bridge/api.ts';
import { CHANNELS, EVENTS, eventChannel } from '../../shared/bridge/channels.ts';
import type { BridgeHost } from '../bridge-host.ts';
import { checkSender } from '../security/trusted-sender.ts';
import type { SenderFrame, SenderVerdict } from '../security/trusted-sender.ts';

/** The part of ipcMain used here. */
export interface InvokeRegistry {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type LogFn = (level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>) => void;

export interface BridgeWiring {
  readonly host: BridgeHost;
  /** The main frame of the app's window right now (undefined while it is closed). */
  readonly mainFrame: () => SenderFrame | null | undefined;
  readonly log: LogFn;
}

const REFUSED: BridgeResult<never> = { ok: false, problem: { code: 'forbidden', message: 'Only the Intune Desk window may use this.' } };

/** Registers every channel; returns a function that removes them again. */
export function registerBridge(ipc: InvokeRegistry, wiring: BridgeWiring): () => void {
  for (const channel of CHANNELS) {
    ipc.handle(channel, async (event, ...args) => {
      const verdict = senderVerdict(event, wiring.mainFrame);
      if (!verdict.trusted) {
        wiring.log('warn', `Refused a bridge call on ${channel}: ${verdict.reason}.`);
        return REFUSED;
      }
      try {
        return await wiring.host.serve(channel, args[0]);
      } catch (error) {
        // The host answers failures as values; a throw is a bug. The window gets a value all the same.
        wiring.log('error', `The host threw on ${channel}.`, { error });
        return { ok: false, problem: { code: 'internal', message: 'Intune Desk hit an unexpected error; the log in its data folder has the details.' } } satisfies BridgeResult<never>;
      }
    });
  }
  return () => {
    for (const channel of CHANNELS) ipc.removeHandler(channel);
  };
}

function senderVerdict(event: IpcMainInvokeEvent, mainFrame: () => SenderFrame | null | undefined): SenderVerdict {
  try {
    return checkSender(event.senderFrame, mainFrame());
  } catch (error) {
    // A frame disposed by a cross-site navigation throws when its properties are read.
    return { trusted: false, reason: `the sending frame could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The part of WebContents events go to. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Sends the host's events to the app's window, and only there; returns the unsubscribe. */
export function forwardEvents(host: BridgeHost, target: () => EventTarget | undefined): () => void {
  const known: readonly string[] = EVENTS;
  return host.onEvent((name, payload) => {
    if (!known.includes(name)) return;
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
}
