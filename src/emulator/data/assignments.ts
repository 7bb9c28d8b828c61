// Assignment targets and assignment records, shared by apps, policies, enrollment settings
// and terms. Ids follow Intune's "<owner id>_<target id>" shape; all-users and all-devices
// use the well-known virtual group ids Intune uses for them.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import { intuneSchema } from '../graph/model/schema.ts';
import { record, tagged } from './records.ts';

export const ALL_DEVICES_ID = 'adadadad-808e-44e2-905a-0b7873a8a531';
export const ALL_USERS_ID = 'acacacac-9df4-4c7d-9d50-4ef0226f57a9';

export type AssignmentTarget =
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'exclude'; readonly groupId: string }
  | { readonly kind: 'allDevices' }
  | { readonly kind: 'allUsers' };

export const allDevices: AssignmentTarget = { kind: 'allDevices' };
export const allUsers: AssignmentTarget = { kind: 'allUsers' };
export const group = (groupId: string): AssignmentTarget => ({ kind: 'group', groupId });
export const exclude = (groupId: string): AssignmentTarget => ({ kind: 'exclude', groupId });

export function targetValue(t: AssignmentTarget): { [key: string]: Json } {
  switch (t.kind) {
    case 'group': return tagged('groupAssignmentTarget', { groupId: t.groupId });
    case 'exclude': return tagged('exclusionGroupAssignmentTarget', { groupId: t.groupId });
    case 'allDevices': return tagged('allDevicesAssignmentTarget', {});
    case 'allUsers': return tagged('allLicensedUsersAssignmentTarget', {});
  }
}

function targetKey(t: AssignmentTarget): string {
  return t.kind === 'group' || t.kind === 'exclude' ? t.groupId : t.kind === 'allDevices' ? ALL_DEVICES_ID : ALL_USERS_ID;
}

/**
 * Assignment records of `type` for one owner. Beta assignment types that carry `source`
 * (direct vs. policy set) get 'direct'; `extra` adds per-type fields such as an app's intent.
 */
export function assignments(
  type: string,
  ownerId: string,
  targets: readonly AssignmentTarget[],
  extra: (t: AssignmentTarget, index: number) => MutableJsonObject = () => ({}),
): EntityRecord[] {
  const hasSource = intuneSchema.type('beta', type)?.properties.has('source') ?? false;
  return targets.map((t, i) => record(type, {
    id: `${ownerId}_${targetKey(t)}`,
    target: targetValue(t),
    ...(hasSource ? { source: 'direct' } : {}),
    ...extra(t, i),
  }));
}

/** The groups a set of targets names (for tests and for the router's membership checks). */
export function targetGroupIds(targets: readonly AssignmentTarget[]): string[] {
  return targets.flatMap((t) => (t.kind === 'group' || t.kind === 'exclude' ? [t.groupId] : []));
}
