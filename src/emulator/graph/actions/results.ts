// managedDevice.deviceActionResults: one entry per action name, as the admin center's
// "Device action status" shows the latest run of each action (a repeat replaces the older
// entry, which keeps the list bounded however often a technician presses Sync).
// Entries are replaced, never edited in place, so a scheduled completion can tell by
// identity whether the entry it was scheduled for is still the current one.
import type { EntityRecord } from '../model/entity.ts';
import type { Json, JsonObject, MutableJsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion } from '../model/schema.ts';

export type ActionState = 'none' | 'pending' | 'canceled' | 'active' | 'done' | 'failed' | 'notSupported';

/** Graph's date-time form for a clock reading. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function actionResults(device: EntityRecord): readonly JsonObject[] {
  const list = device.props['deviceActionResults'];
  return Array.isArray(list) ? list.filter(isJsonObject) : [];
}

export function currentResult(device: EntityRecord, actionName: string): JsonObject | undefined {
  return actionResults(device).find((r) => r['actionName'] === actionName);
}

export function isCurrentEntry(device: EntityRecord, entry: JsonObject): boolean {
  return actionResults(device).includes(entry);
}

/** Adds `entry`, replacing any earlier entry for the same action. */
export function putResult(device: EntityRecord, entry: JsonObject): void {
  const others = actionResults(device).filter((r) => r['actionName'] !== entry['actionName']);
  device.props['deviceActionResults'] = [...others, entry];
}

/** Replaces `entry` with a copy carrying `changes`; returns the new entry. */
export function updateResult(device: EntityRecord, entry: JsonObject, changes: JsonObject): JsonObject {
  const next: JsonObject = { ...entry, ...changes };
  device.props['deviceActionResults'] = actionResults(device).map((r) => (r === entry ? next : r));
  return next;
}

/**
 * A new entry. Derived result types carry `@odata.type` (as Graph sends them, e.g.
 * `#microsoft.graph.remoteLockActionResult`) and every property of their own, null until known.
 */
export function newResult(version: GraphVersion, resultType: string | undefined, actionName: string, state: ActionState, at: string, extra: JsonObject): JsonObject {
  const entry: MutableJsonObject = {};
  const derived = resultType && resultType !== 'deviceActionResult' ? intuneSchema.type(version, resultType) : undefined;
  if (derived) {
    entry['@odata.type'] = `#microsoft.graph.${derived.name}`;
  }
  entry['actionName'] = actionName;
  entry['actionState'] = state;
  entry['startDateTime'] = at;
  entry['lastUpdatedDateTime'] = at;
  if (derived) {
    for (const [name, ref] of derived.properties) {
      if (!(name in entry)) entry[name] = defaultFor(version, ref.name, ref.collection, derived.nonNullable.has(name));
    }
  }
  for (const [k, v] of Object.entries(extra)) if (!derived || derived.properties.has(k)) entry[k] = v;
  return entry;
}

function defaultFor(version: GraphVersion, type: string, collection: boolean, nonNullable: boolean): Json {
  if (collection) return [];
  // Counts and error codes read as 0 rather than null once a derived result exists.
  if (type === 'Edm.Int32' || type === 'Edm.Int64') return 0;
  return nonNullable && type.startsWith('Edm.') ? intuneSchema.defaultValue(version, { name: type, collection: false, unverified: false }, true) : null;
}
