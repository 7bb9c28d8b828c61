// The preload: window.intuneDesk and nothing else. The API object is built from the contract's
// METHODS and EVENTS (src/shared/bridge/build-bridge.ts), so the window gets plain functions:
// never ipcRenderer, never an IPC event object (whose `sender` is ipcRenderer), never a channel
// outside the contract. Runs sandboxed, so it is bundled into one CommonJS file whose only
// require is 'electron' (test/preload/preload-bundle.test.ts).
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { BridgeResult } from '../shared/bridge/api.ts';
import { buildBridge } from '../shared/bridge/build-bridge.ts';
import { CHANNELS, EVENTS, eventChannel } from '../shared/bridge/channels.ts';

const channels: readonly string[] = CHANNELS;
const eventChannels: readonly string[] = EVENTS.map(eventChannel);

contextBridge.exposeInMainWorld('intuneDesk', buildBridge({
  invoke(channel: string, args: unknown): Promise<BridgeResult<unknown>> {
    if (!channels.includes(channel)) return Promise.reject(new Error(`Unknown bridge channel ${channel}.`));
    return ipcRenderer.invoke(channel, args) as Promise<BridgeResult<unknown>>;
  },
  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    if (!eventChannels.includes(channel)) throw new Error(`Unknown bridge event ${channel}.`);
    // The event object stays here: only the payload reaches the window.
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
}));
