// The host's pushed state, as the shells forward it: sync progress, setup, session, settings.
// Typed by the contract (BridgeEvents), so a payload cannot be sent on the wrong event. A
// listener that throws is the shell's problem, not the host's: it is logged and the others
// still hear the event.
import type { BridgeEvents } from '../shared/bridge/api.ts';
import type { EventName } from '../shared/bridge/channels.ts';

export type HostEventListener = (name: EventName, payload: unknown) => void;

export class HostEvents {
  private readonly listeners = new Set<HostEventListener>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.onListenerError = onListenerError;
  }

  /** Every event, by name; returns the unsubscribe. */
  onEvent(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<K extends EventName>(name: K, payload: BridgeEvents[K]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
