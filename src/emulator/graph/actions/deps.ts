// What the remote actions need from the emulator, and what they answer.
// Everything with a side effect outside the tenant graph (time, randomness, timers,
// the journal) comes in here, so tests drive it and the server wires real ones.
import type { Clock } from '../../clock.ts';
import type { SeededRandom } from '../../rng.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { Json } from '../model/json.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';

export interface ActionDeps {
  readonly graph: TenantGraph;
  readonly clock: Clock;
  /** Draws the deterministic parts of an outcome: the rare failure, a new passcode, a location. */
  readonly random: SeededRandom;
  /** Runs `task` after `delayMs`. The server passes `unrefTimers`; tests pass a scheduler they drive. */
  readonly schedule: (delayMs: number, task: () => void) => void;
  /** completeMs: accepted ("pending") to done. removeMs: from a finished retire/wipe to the device leaving the list. */
  readonly delays: { readonly completeMs: number; readonly removeMs: number };
  /** Called after every write to a device, including the delayed ones, so the journal can persist it. */
  readonly changed: (device: EntityRecord) => void;
  /** Called once when a device leaves managedDevices (retire, wipe, bulk delete). */
  readonly removed: (deviceId: string) => void;
  /** UPN of the signed-in caller, where a result records who asked (log collection). */
  readonly initiatedBy?: string;
}

export type ActionErrorStatus = 400 | 404 | 409;

export interface ActionError {
  readonly status: ActionErrorStatus;
  readonly code: string;
  readonly message: string;
  /** The Intune-internal path for `intuneError(..., { path })`, as real Intune errors show it. */
  readonly path: string;
}

export type ActionOutcome =
  | { readonly status: 204 }
  | {
      readonly status: 200;
      readonly body: Json;
      /** What follows `$metadata#` in the response's `@odata.context`. */
      readonly context: string;
    }
  | ActionError;

/** Intune's internal name for an action in its error URLs (FACTS §5, e.g. microsoft.management.services.api.wipe). */
export function intunePath(deviceId: string | undefined, action: string): string {
  const device = deviceId === undefined ? '' : `%28%27${encodeURIComponent(deviceId)}%27%29`;
  return `/deviceManagement/managedDevices${device}/microsoft.management.services.api.${action}`;
}

export function badRequest(message: string, path: string): ActionError {
  return { status: 400, code: 'BadRequest', message, path };
}
