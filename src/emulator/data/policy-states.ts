// A device's deviceCompliancePolicyStates and deviceConfigurationStates, derived on demand
// from the device record and the tenant's real policies, consistent with complianceState:
// a compliant device passes every policy; a noncompliant one fails a setting its own data
// explains (no BitLocker, an old build) or else one drawn at random; a silent one fails "Is active".
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, JsonObject } from '../graph/model/json.ts';
import { navCollection } from '../graph/model/tenant-graph.ts';
import type { SeededRandom } from '../rng.ts';
import { CHECKIN_THRESHOLD_DAYS } from './device-state.ts';
import { compareVersions } from './os-versions.ts';
import { record } from './records.ts';
import { hashString, namedGuid } from './seeds.ts';
import { DAY } from './time.ts';

const BUILT_IN_ID = namedGuid('built-in:Default Device Compliance Policy');
/** 0x87D1FDE8, the error Intune reports most: "Remediation failed". */
const REMEDIATION_FAILED = -2016281112;

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const capital = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** Applicability without group evaluation: broad assignments apply, narrow ones to a stable ~12%. */
export function applicablePolicies(policies: readonly EntityRecord[], deviceId: string): EntityRecord[] {
  const targetsOf = (p: EntityRecord): JsonObject[] => (navCollection(p, 'assignments')?.values() ?? []).map((a) => a.props['target']).filter((t): t is JsonObject => typeof t === 'object' && t !== null && !Array.isArray(t));
  const isExclusion = (t: JsonObject): boolean => t['@odata.type'] === '#microsoft.graph.exclusionGroupAssignmentTarget';
  const frequency = new Map<string, number>();
  for (const p of policies) for (const t of targetsOf(p)) if (!isExclusion(t) && typeof t['groupId'] === 'string') frequency.set(t['groupId'], (frequency.get(t['groupId']) ?? 0) + 1);
  const broadGroup = [...frequency].sort((a, b) => b[1] - a[1])[0]?.[0];
  return policies.filter((p) => {
    const targets = targetsOf(p);
    const includes = targets.filter((t) => !isExclusion(t));
    if (includes.length === 0) return false;
    const roll = hashString(`${deviceId}|${str(p.props['id'])}`) % 100;
    if (targets.some(isExclusion) && roll < 5) return false;
    const broad = includes.some((t) => t['@odata.type'] !== '#microsoft.graph.groupAssignmentTarget' || t['groupId'] === broadGroup);
    return broad || roll < 12;
  });
}

interface Check {
  readonly key: string;
  readonly passes: boolean;
  readonly currentValue: string;
}

function checksOf(policy: EntityRecord, device: JsonObject): Check[] {
  const out: Check[] = [];
  for (const [key, value] of Object.entries(policy.props)) {
    if (key === 'osMinimumVersion' && typeof value === 'string') {
      const os = str(device['osVersion']);
      out.push({ key, passes: compareVersions(os, value) >= 0, currentValue: os });
    } else if ((key === 'bitLockerEnabled' || key === 'storageRequireEncryption') && value === true) {
      out.push({ key, passes: device['isEncrypted'] === true, currentValue: String(device['isEncrypted'] === true) });
    } else if (value === true && /Enabled$|Required$|^signatureOutOfDate$/.test(key)) {
      out.push({ key, passes: true, currentValue: 'true' });
    }
  }
  return out;
}

function settingState(policy: EntityRecord, device: JsonObject, key: string, state: string, currentValue: string | null, errorCode = 0): Json {
  return {
    setting: `${capital(policy.type)}.${capital(key)}`,
    settingName: capital(key),
    instanceDisplayName: null,
    state,
    errorCode,
    errorDescription: errorCode === 0 ? null : 'Remediation failed',
    currentValue,
    userId: str(device['userId']),
    userName: device['userDisplayName'] ?? null,
    userEmail: str(device['emailAddress']),
    userPrincipalName: str(device['userPrincipalName']),
    sources: [{ id: str(policy.props['id']), displayName: str(policy.props['displayName']), sourceType: 'deviceConfiguration' }],
  };
}

function policyState(type: string, policy: { readonly id: string; readonly name: string; readonly version: number }, device: JsonObject, platformType: string, state: string, settingCount: number, settingStates: readonly Json[]): EntityRecord {
  return record(type, {
    id: policy.id, displayName: policy.name, platformType, state, settingCount, version: policy.version, settingStates: [...settingStates],
    userId: str(device['userId']), userPrincipalName: str(device['userPrincipalName']),
  });
}

const ref = (p: EntityRecord): { id: string; name: string; version: number } => ({ id: str(p.props['id']), name: str(p.props['displayName']), version: typeof p.props['version'] === 'number' ? p.props['version'] : 1 });

/** The built-in policy every device has: "Has a compliance policy assigned", "Is active", "Enrolled user exists". */
function builtInState(device: JsonObject, now: number, failing: string | null): EntityRecord {
  const policy = record('windows10CompliancePolicy', { id: BUILT_IN_ID, displayName: 'Default Device Compliance Policy' });
  const silentDays = (now - Date.parse(str(device['lastSyncDateTime']))) / DAY;
  const unknown = device['complianceState'] === 'unknown';
  const fails = silentDays > CHECKIN_THRESHOLD_DAYS ? 'RequireRemainContact' : failing;
  const hasUser = str(device['userId']) !== '';
  const items: readonly (readonly [string, string, string])[] = [
    ['RequireDeviceCompliancePolicyAssigned', 'Has a compliance policy assigned', 'true'],
    ['RequireRemainContact', 'Is active', String(silentDays <= CHECKIN_THRESHOLD_DAYS)],
    ['RequireUserExistence', 'Enrolled user exists', String(hasUser && fails !== 'RequireUserExistence')],
  ];
  const states = items.map(([key, name, value]) => {
    const state = unknown ? 'unknown' : key === fails ? 'nonCompliant' : key === 'RequireUserExistence' && !hasUser ? 'notApplicable' : 'compliant';
    const s = settingState(policy, device, key, state, value) as JsonObject;
    return { ...s, setting: `DefaultDeviceCompliancePolicy.${key}`, settingName: name };
  });
  return policyState('deviceCompliancePolicyState', { id: BUILT_IN_ID, name: 'Default Device Compliance Policy', version: 1 }, device, 'all', unknown ? 'unknown' : fails ? 'nonCompliant' : 'compliant', 3, states);
}

export function compliancePolicyStates(device: JsonObject, policies: readonly EntityRecord[], now: number, rng: SeededRandom): EntityRecord[] {
  const compliance = str(device['complianceState']);
  const windows = device['operatingSystem'] === 'Windows';
  const failing = compliance === 'noncompliant' || compliance === 'inGracePeriod';
  const evaluated = (windows ? applicablePolicies(policies, str(device['id'])) : []).map((policy) => ({ policy, checks: checksOf(policy, device) }));
  // Nothing in the device's own data explains its noncompliance: it fails a setting of its first policy.
  let forced: Check | undefined;
  if (failing && !evaluated.some((e) => e.checks.some((c) => !c.passes))) {
    const first = evaluated.find((e) => e.checks.length > 0);
    if (first) forced = rng.pick(first.checks);
  }
  const out = evaluated.map(({ policy, checks }, index) => {
    const p = ref(policy);
    if (compliance === 'unknown' || compliance === 'configManager') {
      return policyState('deviceCompliancePolicyState', p, device, 'windows10AndLater', compliance === 'unknown' ? 'unknown' : 'notApplicable', checks.length, []);
    }
    const bad = failing ? checks.filter((c) => !c.passes || c === forced) : [];
    const special = compliance === 'error' && index === 0 ? 'error' : compliance === 'conflict' && index < 2 ? 'conflict' : null;
    const states = checks.map((c) => {
      if (special && c === checks[0]) return settingState(policy, device, c.key, special, c.currentValue, special === 'error' ? REMEDIATION_FAILED : 0);
      const fails = bad.includes(c);
      return settingState(policy, device, c.key, fails ? 'nonCompliant' : 'compliant', fails && c.currentValue === 'true' ? 'false' : c.currentValue);
    });
    return policyState('deviceCompliancePolicyState', p, device, 'windows10AndLater', special ?? (bad.length > 0 ? 'nonCompliant' : 'compliant'), checks.length, states);
  });
  // Noncompliance no Windows policy explains lands on the built-in policy.
  const explained = out.some((s) => s.props['state'] === 'nonCompliant');
  const builtInFailure = failing && !explained ? (str(device['userId']) === '' ? 'RequireDeviceCompliancePolicyAssigned' : 'RequireUserExistence') : null;
  return [builtInState(device, now, builtInFailure), ...out];
}

const BASE_CONFIGURATION_KEYS = new Set(['id', 'displayName', 'description', 'createdDateTime', 'lastModifiedDateTime', 'version', 'roleScopeTagIds', 'supportsScopeTags']);

export function configurationStates(device: JsonObject, configurations: readonly EntityRecord[], now: number, rng: SeededRandom): EntityRecord[] {
  if (device['operatingSystem'] !== 'Windows') return [];
  const silent = (now - Date.parse(str(device['lastSyncDateTime']))) / DAY > CHECKIN_THRESHOLD_DAYS;
  return applicablePolicies(configurations, str(device['id'])).map((config) => {
    const keys = Object.keys(config.props).filter((k) => !BASE_CONFIGURATION_KEYS.has(k));
    const roll = rng.next();
    const state = silent && roll < 0.5 ? 'unknown' : roll < 0.025 ? 'error' : roll < 0.04 ? 'conflict' : 'compliant';
    const settingStates = state === 'error' || state === 'conflict'
      ? [settingState(config, device, rng.pick(keys.length > 0 ? keys : ['displayName']), state, null, state === 'error' ? REMEDIATION_FAILED : 0)]
      : [];
    return policyState('deviceConfigurationState', ref(config), device, 'windows10AndLater', state, keys.length, settingStates);
  });
}
