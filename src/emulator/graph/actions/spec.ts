// How one remote action behaves: where it applies, what it needs, what a technician sees
// change and when. Each specs/*.ts file describes a family of actions with these.
import type { EntityRecord } from '../model/entity.ts';
import type { Json, JsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import type { ActionDeps } from './deps.ts';
import type { DevicePlatform } from './platform.ts';

export interface ActionContext {
  readonly deps: ActionDeps;
  readonly device: EntityRecord;
  readonly params: JsonObject;
  readonly platform: DevicePlatform;
  readonly version: GraphVersion;
  /** The clock when the hook runs, as a Graph date-time. */
  readonly at: string;
}

export interface ResultShape {
  /** The deviceActionResult type, derived where the schema has one (resetPasscodeActionResult). */
  readonly type: string;
  /** Type-specific properties while pending (what the request asked for). */
  readonly pending?: (ctx: ActionContext) => JsonObject;
  /** Type-specific properties once done (the new passcode, the location). */
  readonly done?: (ctx: ActionContext) => JsonObject;
}

export interface ActionSpec {
  /** The Graph action name, exact case; also the `actionName` in deviceActionResults. */
  readonly name: string;
  /** Where Intune's docs say the action applies. Elsewhere Intune answers 400 at once. */
  readonly supports: (platform: DevicePlatform) => boolean;
  /** Listed under "user-impacting remote actions" in scopes.json (PrivilegedOperations). */
  readonly userImpacting: boolean;
  /** Loses data or management on the device: never run twice, never fails in training. */
  readonly destructive: boolean;
  /** Parameters the action cannot do without, even where the CSDL allows null. */
  readonly requires?: readonly string[];
  /** A well-typed body this device still cannot take (a name Windows refuses). */
  readonly invalid?: (params: JsonObject, platform: DevicePlatform) => string | undefined;
  /** The device's current state rules the action out (a lost-mode sound outside lost mode). */
  readonly unavailable?: (device: EntityRecord, platform: DevicePlatform) => string | undefined;
  /** The action's entry in deviceActionResults; absent when Intune does not track it there. */
  readonly result?: ResultShape;
  /** Writes at acceptance (managementState: retirePending). */
  readonly accept?: (ctx: ActionContext) => void;
  /** Writes when the device reports the action done. */
  readonly complete?: (ctx: ActionContext) => void;
  /** Retire and wipe: `delays.removeMs` after done the device leaves the list, unless it stays enrolled. */
  readonly unenrols?: { readonly staysEnrolled: (ctx: ActionContext) => boolean; readonly reenrol: (ctx: ActionContext) => void };
  /** Answers 200 with a body instead of 204 (createDeviceLogCollectionRequest). */
  readonly respond?: (ctx: ActionContext) => { readonly body: Json; readonly context: string };
}
