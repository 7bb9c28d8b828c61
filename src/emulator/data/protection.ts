// Microsoft Defender health of a Windows device, derived only from the device record (its
// id, last sync and malware counts) and "now". deviceDetail and the tenant-wide
// deviceProtectionOverview both call this, so the overview always adds up to the devices.
import type { JsonObject } from '../graph/model/json.ts';
import { hashString } from './seeds.ts';
import { DAY } from './time.ts';

export interface ProtectionHealth {
  readonly deviceState: string;
  readonly productStatus: string;
  readonly signatureUpdateOverdue: boolean;
  readonly quickScanOverdue: boolean;
  readonly fullScanOverdue: boolean;
  readonly fullScanRequired: boolean;
  readonly rebootRequired: boolean;
  readonly realTimeProtectionEnabled: boolean;
  readonly tamperProtectionEnabled: boolean;
  readonly hash: number;
}

function text(props: JsonObject, key: string): string {
  const v = props[key];
  return typeof v === 'string' ? v : '';
}

export function protectionHealth(props: JsonObject, now: number): ProtectionHealth {
  const hash = hashString(text(props, 'id'));
  const active = typeof props['windowsActiveMalwareCount'] === 'number' ? props['windowsActiveMalwareCount'] : 0;
  const ageDays = (now - Date.parse(text(props, 'lastSyncDateTime'))) / DAY;
  const roll = hash % 100;
  let deviceState = 'clean';
  if (active > 0) deviceState = hash % 3 === 0 ? 'critical' : 'fullScanPending';
  else if (roll < 2) deviceState = 'rebootPending';
  else if (roll < 3) deviceState = 'manualStepsPending';
  const signatureUpdateOverdue = ageDays > 7;
  const quickScanOverdue = ageDays > 14;
  const fullScanOverdue = ageDays > 30 || (hash >>> 8) % 100 < 5;
  const status: string[] = [];
  if (deviceState === 'fullScanPending' || deviceState === 'critical') status.push('pendingFullScanDueToThreatAction');
  if (deviceState === 'rebootPending') status.push('pendingRebootDueToThreatAction');
  if (deviceState === 'manualStepsPending') status.push('pendingManualStepsDueToThreatAction');
  if (signatureUpdateOverdue) status.push('avSignaturesOutOfDate', 'asSignaturesOutOfDate');
  if (quickScanOverdue) status.push('noQuickScanHappenedForSpecifiedPeriod');
  return {
    deviceState,
    productStatus: status.length === 0 ? 'noStatus' : status.join(','),
    signatureUpdateOverdue,
    quickScanOverdue,
    fullScanOverdue,
    fullScanRequired: active > 0,
    rebootRequired: deviceState === 'rebootPending',
    realTimeProtectionEnabled: (hash >>> 16) % 200 !== 0,
    tamperProtectionEnabled: (hash >>> 4) % 10 !== 0,
    hash,
  };
}

export interface ProtectionOverview {
  readonly [key: string]: number;
}

/** deviceManagement.deviceProtectionOverview over the Windows devices. */
export function protectionOverview(windowsDevices: readonly JsonObject[], now: number): ProtectionOverview {
  const c = { clean: 0, critical: 0, fullScan: 0, reboot: 0, manual: 0, signature: 0, quickScan: 0, inactive: 0 };
  for (const props of windowsDevices) {
    const h = protectionHealth(props, now);
    if (h.deviceState === 'clean') c.clean++;
    else if (h.deviceState === 'critical') c.critical++;
    else if (h.deviceState === 'fullScanPending') c.fullScan++;
    else if (h.deviceState === 'rebootPending') c.reboot++;
    else c.manual++;
    if (h.signatureUpdateOverdue) c.signature++;
    if (h.quickScanOverdue) c.quickScan++;
    if (!h.realTimeProtectionEnabled) c.inactive++;
  }
  return {
    totalReportedDeviceCount: windowsDevices.length,
    cleanDeviceCount: c.clean,
    criticalFailuresDeviceCount: c.critical,
    pendingFullScanDeviceCount: c.fullScan,
    pendingRestartDeviceCount: c.reboot,
    pendingManualStepsDeviceCount: c.manual,
    pendingSignatureUpdateDeviceCount: c.signature,
    pendingQuickScanDeviceCount: c.quickScan,
    pendingOfflineScanDeviceCount: 0,
    inactiveThreatAgentDeviceCount: c.inactive,
    unknownStateThreatAgentDeviceCount: 0,
  };
}
