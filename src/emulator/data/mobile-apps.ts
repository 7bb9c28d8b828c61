// deviceAppManagement/mobileApps: the app catalog turned into records of each derived
// type, with categories (links) and assignments (contained) targeting the tenant's groups.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { APP_SPECS } from './app-catalog.ts';
import type { Intent, TargetRef } from './app-catalog.ts';
import { WINDOWS_INSTALL_SETTINGS } from './app-catalog-windows.ts';
import { allDevices, allUsers, assignments, exclude, group } from './assignments.ts';
import type { AssignmentTarget } from './assignments.ts';
import type { AppCategories } from './categories.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, frozen, record, tagged } from './records.ts';
import { DAY, YEAR, iso } from './time.ts';
import type { GroupKey, TenantGroups } from './users.ts';

export interface TenantText {
  /** "Contoso", as it appears in app names and publishers. */
  readonly org: string;
  /** "contoso", for bundle ids and URLs. */
  readonly orgLower: string;
  /** The tenant's mail domain, "contoso.com". */
  readonly domain: string;
}

/** Replaces {org}, {orgLower}, {domain} and any extra {name} in every string of a value. */
export function fillText<T extends Json>(value: T, text: TenantText, extra: Readonly<Record<string, string>> = {}): T {
  let json = JSON.stringify(value);
  const vars: Record<string, string> = { org: text.org, orgLower: text.orgLower, domain: text.domain, ...extra };
  for (const [k, v] of Object.entries(vars)) json = json.replaceAll(`{${k}}`, JSON.stringify(v).slice(1, -1));
  return JSON.parse(json) as T;
}

export function resolveTarget(ref: TargetRef, groups: TenantGroups): AssignmentTarget {
  if (ref === 'allUsers') return allUsers;
  if (ref === 'allDevices') return allDevices;
  if (ref.startsWith('exclude:')) return exclude(groups.byKey[ref.slice('exclude:'.length) as GroupKey].id);
  return group(groups.byKey[ref as GroupKey].id);
}

const SETTINGS: Readonly<Record<string, Json>> = {
  win32LobApp: WINDOWS_INSTALL_SETTINGS,
  iosStoreApp: frozen(tagged('iosStoreAppAssignmentSettings', { vpnConfigurationId: null, uninstallOnDeviceRemoval: false, isRemovable: true })),
  iosVppApp: frozen(tagged('iosVppAppAssignmentSettings', { useDeviceLicensing: true, vpnConfigurationId: null, uninstallOnDeviceRemoval: false, isRemovable: true })),
  macOSLobApp: frozen(tagged('macOsLobAppAssignmentSettings', { uninstallOnDeviceRemoval: true })),
  microsoftStoreForBusinessApp: frozen(tagged('microsoftStoreForBusinessAppAssignmentSettings', { useDeviceContext: true })),
  windowsUniversalAppX: frozen(tagged('windowsUniversalAppXAppAssignmentSettings', { useDeviceContext: true })),
};

export interface MobileApps {
  readonly records: readonly EntityRecord[];
  /** App ids by iOS bundle id or Android package id, for app configuration policies. */
  readonly idByIdentifier: ReadonlyMap<string, string>;
}

export function generateMobileApps(text: TenantText, groups: TenantGroups, categories: AppCategories, rng: SeededRandom, anchor: number): MobileApps {
  const idByIdentifier = new Map<string, string>();
  const records = APP_SPECS.map((spec) => {
    const id = rng.guid();
    const created = anchor - 30 * DAY - rng.next() * 3 * YEAR;
    const modified = created + rng.next() * (anchor - DAY - created);
    const specific = fillText(spec.props, text, { lobExpiry: iso(anchor + 12 * DAY) });
    const props: MutableJsonObject = {
      id,
      displayName: fillText(spec.displayName, text),
      description: fillText(spec.description, text),
      publisher: fillText(spec.publisher, text),
      developer: '',
      owner: '',
      notes: '',
      informationUrl: null,
      privacyInformationUrl: null,
      largeIcon: null,
      isFeatured: spec.featured === true,
      publishingState: spec.state ?? 'published',
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(modified),
      isAssigned: spec.targets.length > 0,
      dependentAppCount: 0,
      supersededAppCount: 0,
      supersedingAppCount: 0,
      uploadState: spec.state === 'processing' ? 1 : 0,
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
      ...specific,
    };
    const app = record(spec.type, props);
    const identifier = specific['bundleId'] ?? specific['packageId'];
    if (typeof identifier === 'string' && !idByIdentifier.has(identifier)) idByIdentifier.set(identifier, id);
    app.links.set('categories', categories.links.get(spec.category) ?? []);
    const intents: Intent[] = spec.targets.map(([intent]) => intent);
    const settings = SETTINGS[spec.type] ?? null;
    attachCollection(app, 'assignments', assignments('mobileAppAssignment', id, spec.targets.map(([, ref]) => resolveTarget(ref, groups)), (_t, i) => {
      const intent = intents[i] ?? 'available';
      return { intent, settings: intent === 'uninstall' ? null : settings };
    }));
    return app;
  });
  return { records, idByIdentifier };
}
