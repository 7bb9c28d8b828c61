// The tenant's Intune configuration ("tenant settings"): the Apple push certificate, Apple
// enrollment program and Apps and Books tokens, enrollment configurations, connectors, terms and
// conditions, partners, branding and the tenant-wide settings. Kept as ServiceConfigurationItems
// keyed `<type>` for a singleton and `<collection>/<id>` for a collection's member.
//
// The tenantSettings feature (DeviceManagementServiceConfig.Read.All) opens most of them, but
// Microsoft's permission map (../shared/graph/intune-permissions.json), which the demo tenant
// enforces, names other least-privileged scopes for three, so each part says which feature it
// needs and is left out, said so, when the sign-in does not hold it:
// - GET /deviceManagement/applePushNotificationCertificate: DeviceManagementServiceConfig.ReadWrite.All;
// - GET /deviceManagement and /deviceManagement/intuneBrandingProfiles: DeviceManagementApps.Read.All.
import type { Feature } from '../auth/index.ts';
import { FEATURE_SCOPES } from '../auth/index.ts';
import { graphPaths } from '../graph/index.ts';
import type { CollectionPath, EntityPath } from '../graph/index.ts';
import type { ServiceConfigurationItem } from '../inventory/index.ts';
import { ProblemError } from '../problem.ts';
import type { EntityReader, UnreadPart } from './entity-outcome.ts';

interface PartBase {
  readonly label: string;
  readonly feature: Feature;
}

interface SingletonPart extends PartBase {
  readonly kind: 'singleton';
  /** The Graph type, also the item's key. */
  readonly type: string;
  readonly path: EntityPath<object>;
}

interface CollectionPart extends PartBase {
  readonly kind: 'collection';
  /** The navigation's name, the first half of each item's key. */
  readonly collection: string;
  /** The element type, for items that do not name a derived type. */
  readonly type: string;
  readonly path: CollectionPath<object>;
}

type Part = SingletonPart | CollectionPart;

const PARTS: readonly Part[] = [
  { kind: 'singleton', label: 'Intune tenant settings', feature: 'apps', type: 'deviceManagement', path: graphPaths.deviceManagement },
  { kind: 'singleton', label: 'Apple push certificate', feature: 'editTenantSettings', type: 'applePushNotificationCertificate', path: graphPaths.applePushNotificationCertificate },
  { kind: 'collection', label: 'Apple enrollment program tokens', feature: 'tenantSettings', collection: 'depOnboardingSettings', type: 'depOnboardingSetting', path: graphPaths.depOnboardingSettings },
  { kind: 'collection', label: 'Apple Apps and Books tokens', feature: 'tenantSettings', collection: 'vppTokens', type: 'vppToken', path: graphPaths.vppTokens },
  { kind: 'collection', label: 'enrollment configurations', feature: 'tenantSettings', collection: 'deviceEnrollmentConfigurations', type: 'deviceEnrollmentConfiguration', path: graphPaths.deviceEnrollmentConfigurations },
  { kind: 'collection', label: 'Exchange connectors', feature: 'tenantSettings', collection: 'exchangeConnectors', type: 'deviceManagementExchangeConnector', path: graphPaths.exchangeConnectors },
  { kind: 'collection', label: 'terms and conditions', feature: 'tenantSettings', collection: 'termsAndConditions', type: 'termsAndConditions', path: graphPaths.termsAndConditions },
  { kind: 'collection', label: 'Mobile Threat Defense connectors', feature: 'tenantSettings', collection: 'mobileThreatDefenseConnectors', type: 'mobileThreatDefenseConnector', path: graphPaths.mobileThreatDefenseConnectors },
  { kind: 'collection', label: 'device management partners', feature: 'tenantSettings', collection: 'deviceManagementPartners', type: 'deviceManagementPartner', path: graphPaths.deviceManagementPartners },
  { kind: 'collection', label: 'branding profiles', feature: 'apps', collection: 'intuneBrandingProfiles', type: 'intuneBrandingProfile', path: graphPaths.intuneBrandingProfiles },
];

export interface ServiceConfigurationRead {
  readonly items: readonly ServiceConfigurationItem[];
  readonly unread: readonly UnreadPart[];
}

/**
 * Reads every part the sign-in may read. A 403 leaves that part out (the account's Intune role
 * does not reach it, which a sync cannot change); a singleton answered 404 is not set up in the
 * tenant, so there is nothing to keep. Anything else fails the whole read, so the inventory keeps
 * the settings it had rather than a set with holes nobody was told about.
 */
export async function readServiceConfiguration(graph: EntityReader, granted: (feature: Feature) => boolean, signal: AbortSignal | undefined): Promise<ServiceConfigurationRead> {
  const items: ServiceConfigurationItem[] = [];
  const unread: UnreadPart[] = [];
  for (const part of PARTS) {
    if (!granted(part.feature)) {
      unread.push({ label: part.label, reason: 'notGranted', feature: part.feature });
      continue;
    }
    const options = { scopes: FEATURE_SCOPES[part.feature], ...(signal ? { signal } : {}) };
    try {
      if (part.kind === 'singleton') items.push(singletonItem(part, await graph.get(part.path, options)));
      else items.push(...(await graph.all(part.path, options)).map((value) => collectionItem(part, value)));
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (error.problem.code === 'forbidden') unread.push({ label: part.label, reason: 'forbidden', problem: error.problem });
      else if (!(part.kind === 'singleton' && error.problem.code === 'notFound')) throw error;
    }
  }
  return { items, unread };
}

function singletonItem(part: SingletonPart, value: unknown): ServiceConfigurationItem {
  return { key: part.type, type: part.type, value: jsonObject(value, `the ${part.label}`) };
}

function collectionItem(part: CollectionPart, value: unknown): ServiceConfigurationItem {
  const object = jsonObject(value, `one of the ${part.label}`);
  const id = (object as Readonly<Record<string, unknown>>)['id'];
  if (typeof id !== 'string' || id.trim() === '') throw malformed(`one of the ${part.label} has no id`);
  return { key: `${part.collection}/${id}`, type: derivedType(object) ?? part.type, value: object };
}

/** `#microsoft.graph.windows10EnrollmentCompletionPageConfiguration` → its type name. */
function derivedType(object: object): string | undefined {
  const tag = (object as Readonly<Record<string, unknown>>)['@odata.type'];
  if (typeof tag !== 'string') return undefined;
  const name = tag.slice(tag.lastIndexOf('.') + 1);
  return name === '' ? undefined : name;
}

function jsonObject(value: unknown, what: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} was not a JSON object`);
  return value;
}

function malformed(what: string): ProblemError {
  return new ProblemError({ code: 'malformedResponse', message: `Graph sent tenant settings the inventory cannot store (${what}), so the settings it had were kept.` });
}
