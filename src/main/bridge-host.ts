// What the shell needs from the host (src/host): one handler table serving every bridge channel,
// its events, and a way to stop. The Electron main process and the browser harness both serve the
// same table; this interface is the narrow seam the IPC wiring is written and tested against.
import type { BridgeResult } from '../shared/bridge/api.ts';
import type { EventName } from '../shared/bridge/channels.ts';

export interface BridgeHost {
  /** Validates `raw` against the channel's schema and answers; failures are values, never throws. */
  serve(channel: string, raw: unknown): Promise<BridgeResult<unknown>>;
  /** Pushed state (sync progress, setup, session, settings); returns the unsubscribe. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  shutdown(): Promise<void>;
}
