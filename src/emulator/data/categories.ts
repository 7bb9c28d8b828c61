// Device categories (what users pick in Company Portal) and Intune's built-in app categories.
// Built-in app categories carry name-derived ids: the same in every tenant, as in Intune.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { SeededRandom } from '../rng.ts';
import type { CategoryRef } from './devices.ts';
import { DEFAULT_SCOPE_TAGS, frozen, record } from './records.ts';
import { namedGuid } from './seeds.ts';
import { YEAR, iso } from './time.ts';

const DEVICE_CATEGORIES: readonly (readonly [string, string])[] = [
  ['Sales', 'Devices used by the sales force.'],
  ['Engineering', 'Developer and engineering workstations.'],
  ['Finance', 'Finance department: stricter data protection.'],
  ['Field Service', 'Phones and tablets of field technicians.'],
  ['Executive', 'Leadership devices: VIP support.'],
  ['Kiosk', 'Single-app and multi-app kiosks, scanners.'],
  ['Lab', 'Test and training lab machines; wiped regularly.'],
  ['Front Desk', 'Shared reception and visitor iPads.'],
];

export interface DeviceCategories {
  readonly records: readonly EntityRecord[];
  readonly byName: ReadonlyMap<string, CategoryRef>;
}

export function generateDeviceCategories(rng: SeededRandom): DeviceCategories {
  const byName = new Map<string, CategoryRef>();
  const records = DEVICE_CATEGORIES.map(([displayName, description]) => {
    const id = rng.guid();
    byName.set(displayName, { id, displayName, link: frozen([id]) });
    return record('deviceCategory', { id, displayName, description, roleScopeTagIds: DEFAULT_SCOPE_TAGS });
  });
  return { records, byName };
}

/** Intune's built-in app categories, in the order the admin center lists them. */
export const BUILT_IN_APP_CATEGORIES = [
  'Other apps', 'Books & Reference', 'Data management', 'Productivity', 'Business',
  'Development & Design', 'Photos & Media', 'Collaboration & Social', 'Computer management',
] as const;

export type AppCategoryName = (typeof BUILT_IN_APP_CATEGORIES)[number] | 'Line-of-business';

export interface AppCategories {
  readonly records: readonly EntityRecord[];
  readonly links: ReadonlyMap<AppCategoryName, readonly string[]>;
}

export function generateAppCategories(org: string, anchor: number): AppCategories {
  const links = new Map<AppCategoryName, readonly string[]>();
  const records = BUILT_IN_APP_CATEGORIES.map((name) => {
    const id = namedGuid(`mobileAppCategory:${name}`);
    links.set(name, frozen([id]));
    return record('mobileAppCategory', { id, displayName: name, lastModifiedDateTime: iso(anchor - 4 * YEAR) });
  });
  // One tenant-made category for in-house apps.
  const customId = namedGuid(`mobileAppCategory:${org}:lob`);
  links.set('Line-of-business', frozen([customId]));
  records.push(record('mobileAppCategory', { id: customId, displayName: `${org} line-of-business`, lastModifiedDateTime: iso(anchor - YEAR) }));
  return { records, links };
}
