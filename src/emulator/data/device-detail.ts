// Per-device detail that is too big to store for 100,000 devices: compliance and
// configuration policy states and the Defender protection state. Derived on demand from
// the device record, the tenant's policies and the device id, so every call gives the same
// answer and the answers agree with the device's complianceState and malware counters.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, JsonObject } from '../graph/model/json.ts';
import type { TenantGraph } from '../graph/model/tenant-graph.ts';
import { navCollection } from '../graph/model/tenant-graph.ts';
import { SeededRandom } from '../rng.ts';
import { compliancePolicyStates, configurationStates } from './policy-states.ts';
import { protectionHealth } from './protection.ts';
import { attachCollection, record } from './records.ts';
import { STREAM, hashString } from './seeds.ts';
import { DAY, HOUR, iso } from './time.ts';

export interface DeviceDetail {
  readonly compliancePolicyStates: EntityRecord[];
  readonly configurationStates: EntityRecord[];
  readonly windowsProtectionState?: EntityRecord;
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

/** "Now" for the data: when it was generated (deviceManagement.lastReportAggregationDateTime). */
function dataTime(graph: TenantGraph, device: JsonObject): number {
  const dm = graph.singletons.get('devicemanagement');
  const stamp = Date.parse(str(dm?.props['lastReportAggregationDateTime']));
  return Number.isNaN(stamp) ? Date.parse(str(device['lastSyncDateTime'])) : stamp;
}

function collection(graph: TenantGraph, name: string): readonly EntityRecord[] {
  const dm = graph.singletons.get('devicemanagement');
  return dm ? (navCollection(dm, name)?.values() ?? []) : [];
}

/** Security intelligence builds advance about three times a day; the version tracks the last sync. */
function signatureVersion(ms: number): string {
  const builds = Math.floor(ms / (8 * HOUR));
  return `1.${Math.floor(builds / 1000) + 365}.${builds % 1000}.0`;
}

function protectionState(device: JsonObject, graph: TenantGraph, now: number, rng: SeededRandom): EntityRecord {
  const h = protectionHealth(device, now);
  const lastSync = Date.parse(str(device['lastSyncDateTime']));
  const quick = lastSync - rng.next() * (h.quickScanOverdue ? 20 * DAY : DAY);
  const full = lastSync - rng.next() * (h.fullScanOverdue ? 90 * DAY : 14 * DAY);
  const model = str(device['model']);
  const state = record('windowsProtectionState', {
    id: str(device['id']),
    malwareProtectionEnabled: true,
    deviceState: h.deviceState,
    realTimeProtectionEnabled: h.realTimeProtectionEnabled,
    networkInspectionSystemEnabled: true,
    quickScanOverdue: h.quickScanOverdue,
    fullScanOverdue: h.fullScanOverdue,
    signatureUpdateOverdue: h.signatureUpdateOverdue,
    rebootRequired: h.rebootRequired,
    fullScanRequired: h.fullScanRequired,
    engineVersion: '1.1.24090.11',
    signatureVersion: signatureVersion(lastSync),
    antiMalwareVersion: '4.18.24090.11',
    lastQuickScanDateTime: iso(quick),
    lastFullScanDateTime: iso(full),
    lastQuickScanSignatureVersion: signatureVersion(quick),
    lastFullScanSignatureVersion: signatureVersion(full),
    lastReportedDateTime: iso(lastSync),
    productStatus: h.productStatus,
    isVirtualMachine: model.startsWith('Cloud PC') || model === 'Virtual Machine',
    tamperProtectionEnabled: h.tamperProtectionEnabled,
    controlledConfigurationEnabled: false,
  });
  const deviceId = str(device['id']);
  const detections: EntityRecord[] = [];
  for (const info of collection(graph, 'windowsMalwareInformation')) {
    const found = navCollection(info, 'deviceMalwareStates')?.get(deviceId);
    if (!found) continue;
    const threat = str(found.props['threatState']);
    detections.push(record('windowsDeviceMalwareState', {
      id: str(info.props['id']),
      displayName: info.props['displayName'] ?? null,
      additionalInformationUrl: info.props['additionalInformationUrl'] ?? null,
      severity: info.props['severity'] ?? null,
      category: info.props['category'] ?? null,
      executionState: found.props['executionState'] ?? null,
      threatState: threat,
      state: ['quarantined', 'removed', 'cleaned', 'allowed'].includes(threat) ? threat : 'detected',
      initialDetectionDateTime: found.props['initialDetectionDateTime'] ?? null,
      lastStateChangeDateTime: found.props['lastStateChangeDateTime'] ?? null,
      detectionCount: found.props['detectionCount'] ?? null,
    }));
  }
  attachCollection(state, 'detectedMalwareState', detections);
  return state;
}

/**
 * The device's policy states and (Windows) protection state. `seed` is DemoTenantData.seed;
 * any number works, the same number gives the same detail.
 */
export function deviceDetail(device: EntityRecord, graph: TenantGraph, seed: number): DeviceDetail {
  const props = device.props;
  const now = dataTime(graph, props);
  const rng = new SeededRandom((hashString(str(props['id'])) ^ seed) >>> 0, STREAM.detail);
  const compliance = compliancePolicyStates(props, collection(graph, 'deviceCompliancePolicies'), now, rng);
  const configuration = configurationStates(props, collection(graph, 'deviceConfigurations'), now, rng);
  if (props['operatingSystem'] !== 'Windows') return { compliancePolicyStates: compliance, configurationStates: configuration };
  return { compliancePolicyStates: compliance, configurationStates: configuration, windowsProtectionState: protectionState(props, graph, now, rng) };
}
