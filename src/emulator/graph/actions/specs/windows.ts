// Windows-only actions: Fresh Start, Defender, BitLocker, Surface Hub account, ConfigMgr,
// DFCI, and diagnostics collection.
import type { EntityRecord } from '../../model/entity.ts';
import type { JsonObject } from '../../model/json.ts';
import { isJsonObject } from '../../model/json.ts';
import type { ActionContext, ActionSpec } from '../spec.ts';
import { requestLogCollection } from './log-collection.ts';
import { families } from './support.ts';

const windows = families('windows');

/** The device's windowsProtectionState, when the data holds one. */
function protectionState(device: EntityRecord): EntityRecord | undefined {
  for (const [name, value] of device.nav) {
    if (name.toLowerCase() === 'windowsprotectionstate' && !('elementType' in value)) return value;
  }
  return undefined;
}

/** Defender reports back: the scan or update shows in the device's protection state. */
function reportProtection(ctx: ActionContext, changes: JsonObject): void {
  const state = protectionState(ctx.device);
  if (!state) return;
  Object.assign(state.props, changes, { lastReportedDateTime: ctx.at });
}

const cleanWindowsDevice: ActionSpec = {
  name: 'cleanWindowsDevice',
  supports: windows,
  userImpacting: true,
  destructive: true,
  result: { type: 'deviceActionResult' },
};

const windowsDefenderScan: ActionSpec = {
  name: 'windowsDefenderScan',
  supports: windows,
  userImpacting: false,
  destructive: false,
  result: {
    type: 'windowsDefenderScanActionResult',
    // Named as the bulk action names the two scans (managedDeviceRemoteAction).
    pending: (ctx) => ({ scanType: ctx.params['quickScan'] === true ? 'quickScan' : 'fullScan' }),
  },
  complete: (ctx) =>
    reportProtection(
      ctx,
      ctx.params['quickScan'] === true ? { lastQuickScanDateTime: ctx.at, quickScanOverdue: false } : { lastFullScanDateTime: ctx.at, fullScanOverdue: false, fullScanRequired: false },
    ),
};

const windowsDefenderUpdateSignatures: ActionSpec = {
  name: 'windowsDefenderUpdateSignatures',
  supports: windows,
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => reportProtection(ctx, { signatureUpdateOverdue: false }),
};

const updateWindowsDeviceAccount: ActionSpec = {
  name: 'updateWindowsDeviceAccount',
  supports: windows,
  userImpacting: false,
  destructive: false,
  requires: ['updateWindowsDeviceAccountActionParameter'],
  result: { type: 'deviceActionResult' },
};

const rotateBitLockerKeys: ActionSpec = {
  name: 'rotateBitLockerKeys',
  supports: windows,
  userImpacting: false,
  destructive: false,
  result: { type: 'rotateBitLockerKeysDeviceActionResult', done: () => ({ errorCode: 0 }) },
};

const createDeviceLogCollectionRequest: ActionSpec = {
  name: 'createDeviceLogCollectionRequest',
  supports: windows,
  userImpacting: false,
  destructive: false,
  // Tracked in the device's logCollectionRequests, which is what clients read back.
  respond: requestLogCollection,
};

const triggerConfigurationManagerAction: ActionSpec = {
  name: 'triggerConfigurationManagerAction',
  supports: (p) => p.family === 'windows' && p.coManaged,
  userImpacting: false,
  destructive: false,
  requires: ['configurationManagerAction'],
  invalid: (params) => {
    const request = params['configurationManagerAction'];
    return isJsonObject(request) && typeof request['action'] === 'string' ? undefined : 'Name the Configuration Manager action to trigger (configurationManagerAction.action).';
  },
  result: {
    type: 'configurationManagerActionResult',
    pending: () => ({ actionDeliveryStatus: 'pendingDelivery', errorCode: 0 }),
    done: () => ({ actionDeliveryStatus: 'deliveredToOnPremisesServer', errorCode: 0 }),
  },
};

const removeDeviceFirmwareConfigurationInterfaceManagement: ActionSpec = {
  name: 'removeDeviceFirmwareConfigurationInterfaceManagement',
  supports: windows,
  userImpacting: false,
  destructive: false,
  result: { type: 'deviceActionResult' },
  complete: (ctx) => {
    ctx.device.props['deviceFirmwareConfigurationInterfaceManaged'] = false;
  },
};

export const WINDOWS_ACTIONS: readonly ActionSpec[] = [
  cleanWindowsDevice,
  windowsDefenderScan,
  windowsDefenderUpdateSignatures,
  updateWindowsDeviceAccount,
  rotateBitLockerKeys,
  createDeviceLogCollectionRequest,
  triggerConfigurationManagerAction,
  removeDeviceFirmwareConfigurationInterfaceManagement,
];
