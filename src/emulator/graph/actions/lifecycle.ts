// An accepted action's life: pending at once, done (or, rarely, failed) after
// `delays.completeMs`, and for retire and wipe the device leaving the list
// `delays.removeMs` later. Every write goes through `deps.changed`/`deps.removed`.
//
// Intune's rule (memdocs device-management/actions/index.md): "Retire, Wipe, and Delete
// take precedence over all other actions. A device with multiple pending actions only
// carries out a Retire, Wipe, or Delete." So other actions wait while one is pending and
// are marked `canceled` when it finishes.
import { idOf } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { JsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import { managedDevices } from '../model/tenant-graph.ts';
import type { ActionDeps, ActionOutcome } from './deps.ts';
import type { DevicePlatform } from './platform.ts';
import { actionResults, isCurrentEntry, isoTime, newResult, putResult, updateResult } from './results.ts';
import type { ActionContext, ActionSpec } from './spec.ts';

/**
 * Share of non-destructive actions that end `failed` (a device that never answered).
 * Drawn from `deps.random` when the action is accepted, so a seed replays the same outcomes.
 * Destructive actions never fail: a trainee's wipe always visibly happens.
 */
export const FAILURE_SHARE = 0.02;

/** errorCode on a failed result whose type has one; a demo value, not a real Intune code. */
export const FAILED_ERROR_CODE = 1;

const UNENROLLING: readonly string[] = ['retirePending', 'wipePending'];

export function unenrolling(device: EntityRecord): boolean {
  const state = device.props['managementState'];
  return typeof state === 'string' && UNENROLLING.includes(state);
}

export function isListed(deps: ActionDeps, device: EntityRecord): boolean {
  return managedDevices(deps.graph).get(idOf(device)) === device;
}

/** Takes a device out of managedDevices and tells the journal, once. */
export function removeDevice(deps: ActionDeps, device: EntityRecord): void {
  if (!isListed(deps, device)) return;
  const id = idOf(device);
  managedDevices(deps.graph).remove(id);
  deps.removed(id);
}

function context(deps: ActionDeps, device: EntityRecord, params: JsonObject, platform: DevicePlatform, version: GraphVersion): ActionContext {
  return { deps, device, params, platform, version, at: isoTime(deps.clock.now()) };
}

/** Runs an action that passed every check. */
export function execute(deps: ActionDeps, spec: ActionSpec, device: EntityRecord, params: JsonObject, platform: DevicePlatform, version: GraphVersion): ActionOutcome {
  const ctx = context(deps, device, params, platform, version);
  spec.accept?.(ctx);
  if (spec.respond) {
    const answer = spec.respond(ctx);
    deps.changed(device);
    return { status: 200, body: answer.body, context: answer.context };
  }
  if (!spec.result) {
    if (spec.accept) deps.changed(device);
    return { status: 204 };
  }
  const fails = !spec.destructive && deps.random.chance(FAILURE_SHARE);
  const entry = newResult(version, spec.result.type, spec.name, 'pending', ctx.at, spec.result.pending?.(ctx) ?? {});
  putResult(device, entry);
  deps.changed(device);
  deps.schedule(deps.delays.completeMs, () => finish(deps, spec, entry, ctx, fails));
  return { status: 204 };
}

function finish(deps: ActionDeps, spec: ActionSpec, entry: JsonObject, accepted: ActionContext, fails: boolean): void {
  const { device } = accepted;
  // Superseded by a repeat, cancelled, or the device is gone: nothing left to do.
  if (!isListed(deps, device) || !isCurrentEntry(device, entry)) return;
  if (!spec.unenrols && unenrolling(device)) return;
  const ctx: ActionContext = { ...accepted, at: isoTime(deps.clock.now()) };
  if (fails) {
    updateResult(device, entry, { actionState: 'failed', lastUpdatedDateTime: ctx.at, ...('errorCode' in entry ? { errorCode: FAILED_ERROR_CODE } : {}) });
    deps.changed(device);
    return;
  }
  spec.complete?.(ctx);
  updateResult(device, entry, { ...(spec.result?.done?.(ctx) ?? {}), actionState: 'done', lastUpdatedDateTime: ctx.at });
  if (spec.unenrols) {
    cancelWaiting(device, spec.name, ctx.at);
    deps.schedule(deps.delays.removeMs, () => unenrol(deps, spec, ctx));
  }
  deps.changed(device);
}

function unenrol(deps: ActionDeps, spec: ActionSpec, done: ActionContext): void {
  const { device } = done;
  if (!isListed(deps, device) || !spec.unenrols) return;
  const ctx: ActionContext = { ...done, at: isoTime(deps.clock.now()) };
  if (!spec.unenrols.staysEnrolled(ctx)) {
    removeDevice(deps, device);
    return;
  }
  // Actions sent after the wipe finished but before the device came back were never carried out.
  cancelWaiting(device, spec.name, ctx.at);
  spec.unenrols.reenrol(ctx);
  deps.changed(device);
}

/** Marks every other pending entry `canceled`: the device carried out only the retire/wipe. */
function cancelWaiting(device: EntityRecord, except: string, at: string): void {
  for (const entry of actionResults(device)) {
    if (entry['actionName'] !== except && entry['actionState'] === 'pending') {
      updateResult(device, entry, { actionState: 'canceled', lastUpdatedDateTime: at });
    }
  }
}
