// OS builds in the field, weighted the way a managed fleet spreads across them, and the
// name Intune gives each platform in operatingSystem.
import type { SeededRandom } from '../rng.ts';
import { monthStart } from './hardware-catalog.ts';
import type { HardwareModel, Platform } from './hardware-catalog.ts';
import { WeightedTable } from './weighted-table.ts';

export const OPERATING_SYSTEM: Readonly<Record<Platform, string>> = {
  windows: 'Windows',
  ios: 'iOS',
  ipados: 'iPadOS',
  macos: 'macOS',
  android: 'Android',
};

/** [version, weight, month of release]: a device that went silent before a release cannot run it. */
type VersionEntry = readonly [version: string, weight: number, released: string];

const VERSIONS: Readonly<Record<Platform, readonly VersionEntry[]>> = {
  windows: [
    ['10.0.22631.4602', 30, '2024-12'], // Windows 11 23H2, December 2024 cumulative update
    ['10.0.22631.4460', 10, '2024-11'],
    ['10.0.22631.3880', 3, '2024-07'],
    ['10.0.26100.2605', 18, '2024-12'], // Windows 11 24H2
    ['10.0.22621.4602', 10, '2024-12'], // Windows 11 22H2
    ['10.0.22621.3296', 1, '2024-03'],
    ['10.0.19045.5247', 22, '2024-12'], // Windows 10 22H2
    ['10.0.19045.4894', 6, '2024-09'],
    ['10.0.19045.4529', 2, '2024-06'],
    ['10.0.19044.3086', 3, '2023-06'], // Windows 10 21H2: out of support, a compliance finding
    ['10.0.22000.2538', 1, '2023-10'],
  ],
  ios: [
    ['18.2', 16, '2024-12'], ['18.1.1', 18, '2024-11'], ['18.0.1', 8, '2024-10'], ['17.6.1', 14, '2024-08'], ['17.5.1', 14, '2024-05'],
    ['17.4.1', 8, '2024-03'], ['17.1.2', 2, '2023-11'], ['16.7.10', 8, '2024-08'], ['16.6', 1, '2023-07'], ['15.8.3', 3, '2024-07'],
  ],
  ipados: [
    ['18.2', 14, '2024-12'], ['18.1.1', 18, '2024-11'], ['17.6.1', 16, '2024-08'], ['17.5.1', 18, '2024-05'], ['17.1.2', 2, '2023-11'],
    ['16.7.10', 10, '2024-08'], ['16.6', 1, '2023-07'], ['15.8.3', 4, '2024-07'],
  ],
  macos: [
    ['15.2', 14, '2024-12'], ['15.1.1', 22, '2024-11'], ['14.7.1', 10, '2024-10'], ['14.6.1', 18, '2024-08'], ['14.4', 12, '2024-03'],
    ['14.1.2', 2, '2023-11'], ['13.6.7', 10, '2024-05'], ['12.7.6', 3, '2024-07'],
  ],
  android: [
    ['15.0', 15, '2024-10'], ['14.0', 40, '2023-10'], ['13.0', 25, '2022-08'], ['12.0', 12, '2021-10'], ['11.0', 5, '2020-09'], ['10.0', 3, '2019-09'],
  ],
};

/** Numeric comparison of dotted versions: "10.0.22631.4602" > "10.0.19045.5247". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = Number(pa[i] ?? 0) - Number(pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

interface ModelVersions {
  readonly table: WeightedTable<readonly [string, number]>;
  /** The oldest fitting release: what a device silent since long ago still runs. */
  readonly oldest: string;
}

const cache = new Map<HardwareModel, ModelVersions>();

function versionsOf(model: HardwareModel): ModelVersions {
  let found = cache.get(model);
  if (!found) {
    const fits = VERSIONS[model.platform].filter(([v]) => compareVersions(v, model.osFloor) >= 0);
    const list = fits.length > 0 ? fits : [[model.osFloor, 1, model.released] as const];
    const entries = list.map(([v, w, r]) => [[v, monthStart(r)] as const, w] as const);
    const oldest = [...list].sort((a, b) => a[2].localeCompare(b[2]))[0]?.[0] ?? model.osFloor;
    found = { table: new WeightedTable(entries), oldest };
    cache.set(model, found);
  }
  return found;
}

/** A version the model runs that was out by the device's last check-in. */
export function pickOsVersion(model: HardwareModel, rng: SeededRandom, lastSync: number): string {
  const { table, oldest } = versionsOf(model);
  for (let tries = 0; tries < 8; tries++) {
    const [version, released] = table.pick(rng);
    if (released <= lastSync) return version;
  }
  return oldest;
}

/** Windows 11 starts at build 22000; Intune and the compliance policies tell them apart by build. */
export function isWindows11(osVersion: string): boolean {
  return compareVersions(osVersion, '10.0.22000') >= 0;
}
