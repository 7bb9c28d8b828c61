// The demo tenant's generated data: one call per tenant builds the two Intune singletons
// and every collection under them from (seed, tenant id, device count, anchor time).
// Same inputs, same bytes; each area draws from its own random stream (seeds.ts).
import type { Directory } from '../directory/model.ts';
import { DeviceCollection } from '../graph/model/device-collection.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import type { TenantGraph } from '../graph/model/tenant-graph.ts';
import { generateMobileAppConfigurations, generateTargetedAppConfigurations } from './app-configurations.ts';
import { generateAppProtection } from './app-protection.ts';
import { brandingProfiles, deviceAppManagementProps, deviceManagementProps } from './branding.ts';
import { generateAppCategories, generateDeviceCategories } from './categories.ts';
import { generateCompliancePolicies } from './compliance-policies.ts';
import { DetectedAppInventory } from './detected-apps.ts';
import { generateDeviceConfigurations } from './device-configurations.ts';
import { generateDevices } from './devices.ts';
import { generateEnrollmentConfigurations } from './enrollment.ts';
import { generateMalware } from './malware.ts';
import { generateMobileApps } from './mobile-apps.ts';
import type { TenantText } from './mobile-apps.ts';
import { generateNotificationTemplates } from './notification-templates.ts';
import { pinnedDevices } from './pinned-devices.ts';
import { protectionOverview } from './protection.ts';
import { attachCollection, attachEntity, record } from './records.ts';
import { generateRoles } from './roles.ts';
import { stream, tenantSeed } from './seeds.ts';
import * as service from './service-config.ts';
import { generateGroups, generateUsers } from './users.ts';
import type { DemoGroup, DemoUser } from './users.ts';

export interface GenerateOptions {
  readonly tenantId: string;
  readonly devices: number;
  readonly seed: number;
  /** ms; "now" for the data: last check-ins etc. are spread before it. */
  readonly anchorTime: number;
}

export interface DemoTenantData {
  readonly graph: TenantGraph;
  /** The directory's accounts of this tenant first, then the invented employees. */
  readonly users: readonly DemoUser[];
  /** The directory's groups of this tenant, then the generated ones. */
  readonly groups: readonly DemoGroup[];
  /** Lower-cased user id and UPN to user id, for /users/{id-or-upn}/managedDevices. */
  readonly knownUsers: ReadonlyMap<string, string>;
  /** The tenant's mixed seed; pass it to deviceDetail. */
  readonly seed: number;
}

/** "Contoso Ltd (demo)" → Contoso, contoso.com: the names the data is written in. */
function tenantText(displayName: string, domains: readonly string[]): TenantText {
  const org = displayName.split(/\s+/)[0] ?? 'Contoso';
  return { org, orgLower: org.toLowerCase(), domain: domains[1] ?? domains[0] ?? `${org.toLowerCase()}.com` };
}

/** Asset tags stay within Windows' 15-character computer names: CONTOSO-LT-0042. */
function assetPrefix(org: string): string {
  const upper = org.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return upper.length <= 7 ? upper : upper.slice(0, 5);
}

export function generateTenantData(directory: Directory, options: GenerateOptions): DemoTenantData {
  const tenant = directory.tenants.find((t) => t.id === options.tenantId);
  if (!tenant) throw new Error(`The directory has no tenant ${options.tenantId}`);
  const seed = tenantSeed(options.seed, tenant.id);
  const anchor = options.anchorTime;
  const count = Math.max(0, Math.floor(options.devices));
  const text = tenantText(tenant.displayName, tenant.domains);

  const users = generateUsers(directory, tenant, Math.round(count / 1.6), stream(seed, 'users'));
  const groups = generateGroups(directory, tenant, users, stream(seed, 'groups'));
  const deviceCategories = generateDeviceCategories(stream(seed, 'categories'));
  const appCategories = generateAppCategories(text.org, anchor);
  const inventory = new DetectedAppInventory(text.org, stream(seed, 'detectedApps'));
  const devices = generateDevices({
    tenant, seed, anchor, count,
    owners: users.filter((u) => !u.isGuest),
    pinned: pinnedDevices(users).slice(0, count),
    categories: deviceCategories.byName,
    inventory,
    assetPrefix: assetPrefix(text.org),
  });
  inventory.finish();
  const windows = devices.filter((d) => d.props['operatingSystem'] === 'Windows');
  const malware = generateMalware(windows, stream(seed, 'malware'), anchor);

  const apps = generateMobileApps(text, groups, appCategories, stream(seed, 'apps'), anchor);
  const protectionRng = stream(seed, 'appProtection');
  const protection = generateAppProtection(groups, protectionRng, anchor, users.length);
  const templates = generateNotificationTemplates(text.org, stream(seed, 'notifications'), anchor);
  const roles = generateRoles(tenant, text.org, groups);
  const espApps = apps.records.filter((a) => ['Company Portal', 'Microsoft Teams (work or school)', `${text.org} Kiosk Shell`].includes(a.props['displayName'] as string));
  const services: service.ServiceContext = {
    tenantId: tenant.id, text, groups, users, anchor, rng: stream(seed, 'serviceConfig'),
    adeDevices: devices.filter((d) => String(d.props['deviceEnrollmentType']).startsWith('appleBulk')).length,
  };

  const dm = record('deviceManagement', deviceManagementProps({
    text, tenantId: tenant.id, anchor,
    protectionOverview: protectionOverview(windows.map((d) => d.props), anchor),
    malwareOverview: malware.overview,
  }));
  const managed = new DeviceCollection();
  managed.putAll(devices);
  dm.nav.set('managedDevices', managed);
  const add = (owner: EntityRecord, nav: string, records: readonly EntityRecord[]): void => {
    attachCollection(owner, nav, records);
  };
  add(dm, 'detectedApps', inventory.records);
  add(dm, 'deviceCategories', deviceCategories.records);
  add(dm, 'windowsMalwareInformation', malware.records);
  add(dm, 'deviceConfigurations', generateDeviceConfigurations(text, tenant.id, groups, stream(seed, 'configurations'), anchor));
  add(dm, 'deviceCompliancePolicies', generateCompliancePolicies(groups, templates.map((t) => t.props['id'] as string), stream(seed, 'compliance'), anchor));
  add(dm, 'notificationMessageTemplates', templates);
  add(dm, 'roleDefinitions', roles.definitions);
  add(dm, 'roleAssignments', roles.assignments);
  add(dm, 'resourceOperations', roles.operations);
  add(dm, 'roleScopeTags', roles.scopeTags);
  add(dm, 'deviceEnrollmentConfigurations', generateEnrollmentConfigurations(tenant.id, text, groups, espApps.map((a) => a.props['id'] as string), stream(seed, 'enrollment'), anchor));
  attachEntity(dm, 'applePushNotificationCertificate', service.applePushCertificate(services));
  add(dm, 'depOnboardingSettings', service.depOnboardingSettings(services));
  add(dm, 'exchangeConnectors', service.exchangeConnectors(services));
  add(dm, 'termsAndConditions', service.termsAndConditions(services));
  add(dm, 'mobileThreatDefenseConnectors', service.mobileThreatDefenseConnectors(services));
  add(dm, 'deviceManagementPartners', service.deviceManagementPartners(services));
  add(dm, 'intuneBrandingProfiles', brandingProfiles(text, anchor));

  const dam = record('deviceAppManagement', deviceAppManagementProps(tenant.id, anchor));
  add(dam, 'mobileApps', apps.records);
  add(dam, 'mobileAppCategories', appCategories.records);
  add(dam, 'iosManagedAppProtections', protection.ios);
  add(dam, 'androidManagedAppProtections', protection.android);
  add(dam, 'defaultManagedAppProtections', protection.defaults);
  add(dam, 'targetedManagedAppConfigurations', generateTargetedAppConfigurations(text, protectionRng, anchor));
  add(dam, 'mobileAppConfigurations', generateMobileAppConfigurations(apps.idByIdentifier, groups, protectionRng, anchor));
  add(dam, 'vppTokens', service.vppTokens(services));

  const graph: TenantGraph = { tenantId: tenant.id, singletons: new Map([['devicemanagement', dm], ['deviceappmanagement', dam]]) };
  const knownUsers = new Map<string, string>();
  for (const u of users) {
    knownUsers.set(u.id.toLowerCase(), u.id);
    knownUsers.set(u.userPrincipalName.toLowerCase(), u.id);
  }
  return { graph, users, groups: groups.all, knownUsers, seed };
}

export function generateTenantGraph(directory: Directory, options: GenerateOptions): TenantGraph {
  return generateTenantData(directory, options).graph;
}
