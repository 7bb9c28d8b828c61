// The moving parts of a device's record: when it enrolled and last checked in, whether it
// complies, and what a technician has done to it. Drawn together so they agree: a device
// silent for 30+ days is noncompliant ("Is active"), a compliant one has no grace expiry,
// a pending retire was issued after the last check-in.
import type { Json } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { DAY, HOUR, MINUTE, NO_GRACE_PERIOD, YEAR, iso } from './time.ts';
import { WeightedTable } from './weighted-table.ts';

export type ComplianceState = 'compliant' | 'noncompliant' | 'inGracePeriod' | 'unknown' | 'configManager' | 'error' | 'conflict';

/** Days without check-in after which the tenant's "Is active" rule fails (deviceComplianceCheckinThresholdDays). */
export const CHECKIN_THRESHOLD_DAYS = 30;

/** How long ago devices last synced: most within hours, a long tail of forgotten ones. */
const SYNC_AGE = new WeightedTable<readonly [number, number]>([
  [[5 * MINUTE, DAY], 70],
  [[DAY, 7 * DAY], 15],
  [[7 * DAY, 30 * DAY], 7],
  [[30 * DAY, 90 * DAY], 6],
  [[90 * DAY, 400 * DAY], 2],
]);

const FRESH_COMPLIANCE = new WeightedTable<ComplianceState>([
  ['compliant', 84], ['noncompliant', 6.5], ['inGracePeriod', 4.5], ['unknown', 3.6], ['error', 0.8], ['conflict', 0.6],
]);
const STALE_COMPLIANCE = new WeightedTable<ComplianceState>([['noncompliant', 85], ['unknown', 15]]);

export interface DeviceTimes {
  readonly enrolled: number;
  readonly lastSync: number;
  readonly stale: boolean;
}

/** Enrollments spread over three years before the anchor; last sync after enrollment, never after the anchor. */
export function drawTimes(rng: SeededRandom, anchor: number, forceFresh: boolean): DeviceTimes {
  const [lo, hi] = forceFresh ? [5 * MINUTE, 6 * HOUR] : SYNC_AGE.pick(rng);
  const age = lo + rng.next() * (hi - lo);
  const lastSync = anchor - age;
  const earliest = anchor - 3 * YEAR;
  const enrolled = earliest + rng.next() * (lastSync - HOUR - earliest);
  return { enrolled, lastSync, stale: age > CHECKIN_THRESHOLD_DAYS * DAY };
}

export function drawCompliance(rng: SeededRandom, times: DeviceTimes, coManaged: boolean): ComplianceState {
  if (times.stale) return STALE_COMPLIANCE.pick(rng);
  // Co-managed devices whose compliance workload stays with Configuration Manager.
  if (coManaged && rng.chance(0.3)) return 'configManager';
  return FRESH_COMPLIANCE.pick(rng);
}

/** complianceGracePeriodExpirationDateTime as Intune reports it for each state. */
export function graceExpiry(rng: SeededRandom, state: ComplianceState, times: DeviceTimes, anchor: number): string {
  if (state === 'inGracePeriod') return iso(anchor + 2 * HOUR + rng.next() * 70 * HOUR);
  if (state === 'noncompliant') {
    // The grace period ran out at some point between enrollment and now.
    const from = Math.max(times.enrolled, anchor - 60 * DAY);
    return iso(from + rng.next() * (anchor - from));
  }
  return NO_GRACE_PERIOD;
}

/** The MDM certificate renews yearly while the device checks in; a long-silent one has lapsed. */
export function certificateExpiry(times: DeviceTimes): number {
  const years = Math.max(1, Math.ceil((times.lastSync + 60 * DAY - times.enrolled) / YEAR));
  return times.enrolled + years * YEAR;
}

export type ManagementState = 'managed' | 'retirePending' | 'wipePending';

export interface ActionHistory {
  readonly managementState: ManagementState;
  readonly lostMode: boolean;
  readonly results: readonly Json[];
}

const NONE: readonly Json[] = Object.freeze([]);
const NO_HISTORY: ActionHistory = { managementState: 'managed', lostMode: false, results: NONE };

const ROUTINE: Readonly<Record<string, readonly string[]>> = {
  windows: ['syncDevice', 'rebootNow', 'windowsDefenderScan', 'windowsDefenderUpdateSignatures', 'rotateBitLockerKeys'],
  ios: ['syncDevice', 'remoteLock', 'resetPasscode', 'locateDevice'],
  ipados: ['syncDevice', 'remoteLock', 'resetPasscode', 'locateDevice'],
  macos: ['syncDevice', 'remoteLock', 'rotateFileVaultKey'],
  android: ['syncDevice', 'remoteLock', 'resetPasscode'],
};

function action(name: string, state: string, start: number, updated: number): Json {
  return { actionName: name, actionState: state, startDateTime: iso(start), lastUpdatedDateTime: iso(updated) };
}

/** Remote actions a technician ran: most devices have none; a retire issued to a silent device waits. */
export function drawActions(rng: SeededRandom, platform: string, times: DeviceTimes, supervised: boolean, anchor: number): ActionHistory {
  if (times.stale && rng.chance(0.03)) {
    const start = times.lastSync + rng.next() * (anchor - times.lastSync);
    return { managementState: 'retirePending', lostMode: false, results: [action('retire', 'pending', start, start)] };
  }
  if (!times.stale && rng.chance(0.001)) {
    const start = times.lastSync + rng.next() * (anchor - times.lastSync);
    return { managementState: 'wipePending', lostMode: false, results: [action('wipe', 'pending', start, start)] };
  }
  if (supervised && (platform === 'ios' || platform === 'ipados') && rng.chance(0.003)) {
    const start = times.lastSync - rng.next() * 3 * DAY;
    return { managementState: 'managed', lostMode: true, results: [action('enableLostMode', 'active', start, times.lastSync)] };
  }
  if (!rng.chance(0.03)) return NO_HISTORY;
  const names = ROUTINE[platform] ?? ROUTINE['android'] ?? [];
  const results: Json[] = [];
  const n = rng.int(1, 3);
  let when = times.lastSync - rng.next() * 20 * DAY;
  for (let i = 0; i < n && when > times.enrolled; i++) {
    const state = rng.chance(0.92) ? 'done' : 'failed';
    // Completion is reported at a check-in, so it never postdates the last sync.
    results.push(action(rng.pick(names), state, when, Math.min(times.lastSync, when + rng.int(1, 30) * MINUTE)));
    when -= rng.next() * 30 * DAY;
  }
  return { managementState: 'managed', lostMode: false, results };
}
