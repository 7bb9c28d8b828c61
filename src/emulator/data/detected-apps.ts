// deviceManagement/detectedApps and each device's link to a handful of them. A device does
// not get its own list: it points at one of a few dozen shared, frozen "bundles" per kind
// of device, which keeps 100,000 devices cheap while deviceCount stays exact.
import type { EntityRecord } from '../graph/model/entity.ts';
import { intuneSchema } from '../graph/model/schema.ts';
import type { SeededRandom } from '../rng.ts';
import { ANDROID_APPS, IOS_APPS, MAC_APPS, WINDOWS_APPS } from './detected-app-catalog.ts';
import type { CatalogApp, InventoryPlatform } from './detected-app-catalog.ts';
import { record } from './records.ts';

export type InventoryClass =
  | 'windows-dell' | 'windows-hp' | 'windows-lenovo' | 'windows-other' | 'windows-personal'
  | 'macos' | 'ios-corporate' | 'ios-personal'
  | 'android-byod' | 'android-corporate' | 'android-dedicated' | 'android-legacy';

interface Group {
  readonly platform: InventoryPlatform;
  readonly apps: readonly CatalogApp[];
}

const GROUPS: Readonly<Record<string, Group>> = {
  windows: { platform: 'windows', apps: WINDOWS_APPS },
  mac: { platform: 'macOS', apps: MAC_APPS },
  ios: { platform: 'ios', apps: IOS_APPS },
  androidWork: { platform: 'androidWorkProfile', apps: ANDROID_APPS.work },
  androidCorporate: { platform: 'androidDedicatedAndFullyManaged', apps: ANDROID_APPS.work },
  androidDedicated: { platform: 'androidDedicatedAndFullyManaged', apps: ANDROID_APPS.dedicated },
  androidLegacy: { platform: 'androidDeviceAdministrator', apps: ANDROID_APPS.legacy },
};

/** Which catalog group a class draws from, and which apps of it qualify. */
const CLASSES: Readonly<Record<InventoryClass, { readonly group: string; readonly admits: (a: CatalogApp) => boolean }>> = {
  'windows-dell': { group: 'windows', admits: (a) => !a.oem || a.oem === 'Dell Inc.' },
  'windows-hp': { group: 'windows', admits: (a) => !a.oem || a.oem === 'HP' },
  'windows-lenovo': { group: 'windows', admits: (a) => !a.oem || a.oem === 'LENOVO' },
  'windows-other': { group: 'windows', admits: (a) => !a.oem || a.oem === 'Microsoft Corporation' },
  // Intune inventories only managed apps on personal devices.
  'windows-personal': { group: 'windows', admits: (a) => a.publisher === 'Microsoft Corporation' && !a.oem && (a.core === true || (a.share ?? 0) >= 0.7) },
  macos: { group: 'mac', admits: () => true },
  'ios-corporate': { group: 'ios', admits: () => true },
  'ios-personal': { group: 'ios', admits: (a) => a.publisher === 'Microsoft Corporation' },
  'android-byod': { group: 'androidWork', admits: () => true },
  'android-corporate': { group: 'androidCorporate', admits: () => true },
  'android-dedicated': { group: 'androidDedicated', admits: () => true },
  'android-legacy': { group: 'androidLegacy', admits: () => true },
};

const BUNDLES_PER_CLASS = 48;

// The 2022 beta metadata lacks the detectedAppPlatformType enum, so a beta `platform` value
// cannot be checked; it is stored once the schema knows the enum (v1.0 has it).
const STORE_PLATFORM = intuneSchema.enumMembers('beta', 'detectedAppPlatformType') !== undefined;

export class DetectedAppInventory {
  /** Every catalog entry until finish(); then only those found on at least one device, as Intune lists them. */
  records: EntityRecord[] = [];
  private readonly idsByGroup = new Map<string, Map<CatalogApp, readonly string[]>>();
  private readonly bundles = new Map<InventoryClass, readonly (readonly string[])[]>();
  private readonly usage = new Map<InventoryClass, Int32Array>();

  constructor(org: string, rng: SeededRandom) {
    for (const [key, group] of Object.entries(GROUPS)) {
      const ids = new Map<CatalogApp, readonly string[]>();
      for (const app of group.apps) {
        ids.set(app, app.versions.map((version) => this.addRecord(org, group, app, version, rng)));
      }
      this.idsByGroup.set(key, ids);
    }
    for (const [cls, spec] of Object.entries(CLASSES) as [InventoryClass, (typeof CLASSES)[InventoryClass]][]) {
      const ids = this.idsByGroup.get(spec.group) as Map<CatalogApp, readonly string[]>;
      const eligible = [...ids.entries()].filter(([app]) => spec.admits(app));
      const list: (readonly string[])[] = [];
      for (let b = 0; b < BUNDLES_PER_CLASS; b++) list.push(Object.freeze(drawBundle(eligible, rng)));
      this.bundles.set(cls, list);
      this.usage.set(cls, new Int32Array(BUNDLES_PER_CLASS));
    }
  }

  /** A bundle of detected-app ids for one device; counts toward deviceCount. */
  pick(cls: InventoryClass, rng: SeededRandom): readonly string[] {
    const i = Math.floor(rng.next() * BUNDLES_PER_CLASS);
    const used = this.usage.get(cls) as Int32Array;
    used[i] = (used[i] ?? 0) + 1;
    return (this.bundles.get(cls) as readonly (readonly string[])[])[i] as readonly string[];
  }

  /** Writes deviceCount on every record from the bundles handed out. */
  finish(): void {
    const counts = new Map<string, number>();
    for (const [cls, list] of this.bundles) {
      const used = this.usage.get(cls) as Int32Array;
      list.forEach((bundle, i) => {
        const n = used[i] as number;
        if (n > 0) for (const id of bundle) counts.set(id, (counts.get(id) ?? 0) + n);
      });
    }
    for (const r of this.records) r.props['deviceCount'] = counts.get(r.props['id'] as string) ?? 0;
    this.records = this.records.filter((r) => (r.props['deviceCount'] as number) > 0);
  }

  private addRecord(org: string, group: Group, app: CatalogApp, version: string, rng: SeededRandom): string {
    // Intune's detected-app ids are 44 hex digits, not GUIDs.
    const id = rng.hex(44);
    const props = {
      id,
      displayName: app.name.replace('{org}', org),
      version,
      sizeInByte: app.sizeMb === 0 ? 0 : Math.round(app.sizeMb * 1048576 * (0.9 + rng.next() * 0.2)),
      deviceCount: 0,
      publisher: app.publisher.replace('{org}', org),
      ...(STORE_PLATFORM ? { platform: group.platform } : {}),
    };
    this.records.push(record('detectedApp', props));
    return id;
  }
}

function drawBundle(eligible: readonly (readonly [CatalogApp, readonly string[]])[], rng: SeededRandom): string[] {
  const out: string[] = [];
  for (const [app, ids] of eligible) {
    if (!app.core && !rng.chance(app.share ?? 0.3)) continue;
    // Most devices run the newest build; a tail lags one to three versions behind.
    const roll = rng.next();
    const at = roll < 0.55 ? 0 : roll < 0.8 ? 1 : roll < 0.93 ? 2 : 3;
    out.push(ids[Math.min(at, ids.length - 1)] as string);
  }
  return out;
}

export function inventoryClassOf(platform: string, manufacturer: string, profileKey: string, personal: boolean): InventoryClass {
  switch (platform) {
    case 'windows':
      if (personal) return 'windows-personal';
      return manufacturer === 'Dell Inc.' ? 'windows-dell' : manufacturer === 'HP' ? 'windows-hp' : manufacturer === 'LENOVO' ? 'windows-lenovo' : 'windows-other';
    case 'macos':
      return 'macos';
    case 'ios':
    case 'ipados':
      return personal ? 'ios-personal' : 'ios-corporate';
    default:
      if (profileKey === 'android-dedicated') return 'android-dedicated';
      if (profileKey === 'android-device-admin') return 'android-legacy';
      return personal ? 'android-byod' : 'android-corporate';
  }
}
