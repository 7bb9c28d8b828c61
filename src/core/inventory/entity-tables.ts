// The inventory's other Intune entities: users, apps, configurations, compliance policies,
// roles and service configuration. They are small next to devices (hundreds to tens of
// thousands), so each is kept as one table of (id, display name, detail, @odata.type, JSON)
// and replaced whole in one transaction.
import type { DeviceCompliancePolicy, DeviceConfiguration, MobileApp, RoleAssignment, RoleDefinition, User } from '@microsoft/microsoft-graph-types-beta';
import { ProblemError } from '../problem.ts';

/** A tenant-level setting (APNs certificate, VPP token, connector…), under a key the sync engine chooses. */
export interface ServiceConfigurationItem {
  /** Unique within the tenant, e.g. `applePushNotificationCertificate` or `vppTokens/<id>`. */
  readonly key: string;
  /** The Graph type, e.g. `applePushNotificationCertificate`. */
  readonly type: string;
  /** The entity as Graph sent it. */
  readonly value: object;
}

export interface InventoryEntities {
  readonly users: User;
  readonly mobileApps: MobileApp;
  readonly deviceConfigurations: DeviceConfiguration;
  readonly compliancePolicies: DeviceCompliancePolicy;
  readonly roleDefinitions: RoleDefinition;
  readonly roleAssignments: RoleAssignment;
  readonly serviceConfiguration: ServiceConfigurationItem;
}

export type EntityKind = keyof InventoryEntities;

export const ENTITY_KINDS: readonly EntityKind[] = ['users', 'mobileApps', 'deviceConfigurations', 'compliancePolicies', 'roleDefinitions', 'roleAssignments', 'serviceConfiguration'];

/** One entity as a list shows it. */
export interface EntityRow {
  readonly id: string;
  readonly displayName: string;
  /** UPN for users, publisher for apps, the type for service configuration, else the description. */
  readonly detail: string | null;
  readonly odataType: string | null;
}

export interface EntityColumns {
  readonly id: string;
  readonly displayName: string;
  readonly detail: string | null;
  readonly odataType: string | null;
  readonly json: string;
}

const TABLES: Readonly<Record<EntityKind, string>> = {
  users: 'users',
  mobileApps: 'mobile_apps',
  deviceConfigurations: 'device_configurations',
  compliancePolicies: 'compliance_policies',
  roleDefinitions: 'role_definitions',
  roleAssignments: 'role_assignments',
  serviceConfiguration: 'service_configuration',
};

export function entityTable(kind: EntityKind): string {
  const table = (TABLES as Readonly<Record<string, string>>)[kind];
  if (table === undefined) throw new ProblemError({ code: 'badRequest', message: `The inventory keeps no "${String(kind)}"; it keeps ${ENTITY_KINDS.join(', ')}.` });
  return table;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The columns of one entity, or what is wrong with it. */
function entityColumns(kind: EntityKind, item: unknown): EntityColumns | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'is not a JSON object';
  const source = item as Readonly<Record<string, unknown>>;
  if (kind === 'serviceConfiguration') {
    const { key, type, value } = source;
    if (typeof key !== 'string' || key === '') return 'key is missing';
    if (typeof type !== 'string' || type === '') return 'type is missing';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'value is not a JSON object';
    const v = value as Readonly<Record<string, unknown>>;
    return { id: key, displayName: text(v['displayName']) ?? text(v['name']) ?? key, detail: type, odataType: text(v['@odata.type']), json: JSON.stringify(value) };
  }
  const id = source['id'];
  if (typeof id !== 'string' || id.trim() === '') return 'id is missing';
  const displayName = source['displayName'];
  if (displayName !== undefined && displayName !== null && typeof displayName !== 'string') return 'displayName should be a string';
  const detail = kind === 'users' ? source['userPrincipalName'] : kind === 'mobileApps' ? source['publisher'] : source['description'];
  return { id, displayName: text(displayName) ?? '', detail: text(detail), odataType: text(source['@odata.type']), json: JSON.stringify(source) };
}

export function checkEntities(kind: EntityKind, items: readonly unknown[]): readonly EntityColumns[] {
  entityTable(kind);
  if (!Array.isArray(items)) throw new ProblemError({ code: 'malformedResponse', message: `Graph sent ${kind} that are not a list; nothing was saved.` });
  const out: EntityColumns[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const columns = entityColumns(kind, item);
    if (typeof columns === 'string') {
      if (problems.length < 10) problems.push(`item ${i + 1}: ${columns}`);
    } else out.push(columns);
  });
  if (problems.length > 0) {
    throw new ProblemError({ code: 'malformedResponse', message: `Graph sent ${items.length - out.length} of ${items.length} ${kind} in a form the inventory cannot store, so none were saved: ${problems.join('; ')}.` });
  }
  return out;
}
