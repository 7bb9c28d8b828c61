// The remote actions the demo tenant runs, for the router's permission and RBAC mapping
// and for the app's action menus. Versions come from the schema: an action is listed for
// the versions whose CSDL binds it to managedDevice.
import { GRAPH_VERSIONS } from '../model/schema.ts';
import type { GraphVersion } from '../model/schema.ts';
import { deviceActionOperation } from './device-action.ts';
import { DEVICE_ACTION_SPECS } from './specs/index.ts';

export interface DeviceActionInfo {
  /** Exact Graph name, as in the URL segment and in deviceActionResults.actionName. */
  readonly name: string;
  readonly versions: readonly GraphVersion[];
  /** A "user-impacting remote action" (scopes.json): needs DeviceManagementManagedDevices.PrivilegedOperations.All. */
  readonly userImpacting: boolean;
  /** Loses data or management on the device; the app should confirm before sending it. */
  readonly destructive: boolean;
}

export const DEVICE_ACTIONS: readonly DeviceActionInfo[] = DEVICE_ACTION_SPECS.map((spec) => ({
  name: spec.name,
  versions: GRAPH_VERSIONS.filter((v) => deviceActionOperation(v, spec.name) !== undefined),
  userImpacting: spec.userImpacting,
  destructive: spec.destructive,
})).filter((info) => info.versions.length > 0);
