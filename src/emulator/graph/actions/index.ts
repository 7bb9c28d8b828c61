// managedDevice remote actions and the beta bulk executeAction: the router's entry points.
export { runDeviceAction, deviceActionOperation } from './device-action.ts';
export { runBulkAction, bulkActionTarget, BULK_ACTION_CAP } from './bulk-action.ts';
export { DEVICE_ACTIONS } from './catalog.ts';
export type { DeviceActionInfo } from './catalog.ts';
export { unrefTimers } from './timers.ts';
export { FAILURE_SHARE } from './lifecycle.ts';
export type { ActionDeps, ActionOutcome, ActionError } from './deps.ts';
