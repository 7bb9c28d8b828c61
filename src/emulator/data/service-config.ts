// Tenant plumbing with expiry dates a technician must watch: the Apple push certificate,
// Apple Business Manager (DEP) and Apps and Books (VPP) tokens; plus Exchange connectors,
// terms and conditions, Mobile Threat Defense connectors and device management partners.
// Contoso's APNs certificate and US VPP token, and Northwind's ADE token, expire within
// 30 days so the renewal warnings show in the default demo.
import { CONTOSO } from '../directory/demo-directory.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import type { SeededRandom } from '../rng.ts';
import { allUsers, assignments, group, targetValue } from './assignments.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, frozen, record } from './records.ts';
import { namedGuid } from './seeds.ts';
import { DAY, HOUR, MINUTE, YEAR, iso } from './time.ts';
import type { TenantText } from './mobile-apps.ts';
import type { DemoUser, TenantGroups } from './users.ts';

/** The connector id Intune uses for Microsoft Defender for Endpoint in every tenant. */
export const DEFENDER_CONNECTOR_ID = 'fc780465-2017-40d4-a0c5-307022471b92';

export interface ServiceContext {
  readonly tenantId: string;
  readonly text: TenantText;
  readonly groups: TenantGroups;
  readonly users: readonly DemoUser[];
  readonly adeDevices: number;
  readonly rng: SeededRandom;
  readonly anchor: number;
}

export function applePushCertificate(c: ServiceContext): EntityRecord {
  const expires = c.anchor + (c.tenantId === CONTOSO.id ? 19 : 212) * DAY;
  return record('applePushNotificationCertificate', {
    id: namedGuid(`apns:${c.tenantId}`),
    appleIdentifier: `mdm-apple@${c.text.domain}`,
    topicIdentifier: `com.apple.mgmt.External.${namedGuid(`apns-topic:${c.tenantId}`)}`,
    certificateSerialNumber: c.rng.hex(16).toUpperCase(),
    certificate: null,
    certificateUploadStatus: null,
    certificateUploadFailureReason: null,
    expirationDateTime: iso(expires),
    lastModifiedDateTime: iso(expires - YEAR),
  });
}

export function depOnboardingSettings(c: ServiceContext): EntityRecord[] {
  const soon = c.tenantId !== CONTOSO.id;
  const token = (name: string, days: number, share: number): EntityRecord => record('depOnboardingSetting', {
    id: c.rng.guid(),
    tokenName: name,
    tokenType: 'dep',
    appleIdentifier: `abm-admin@${c.text.domain}`,
    tokenExpirationDateTime: iso(c.anchor + days * DAY),
    lastModifiedDateTime: iso(c.anchor + days * DAY - YEAR),
    lastSuccessfulSyncDateTime: iso(c.anchor - 3 * HOUR),
    lastSyncTriggeredDateTime: iso(c.anchor - 3 * HOUR),
    lastSyncErrorCode: 0,
    syncedDeviceCount: Math.round(c.adeDevices * share),
    dataSharingConsentGranted: true,
    shareTokenWithSchoolDataSyncService: false,
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
  });
  return [token(`${c.text.org} ADE - Corporate`, soon ? 12 : 241, 0.85), token(`${c.text.org} ADE - Shared devices`, soon ? 300 : 95, 0.15)];
}

export function vppTokens(c: ServiceContext): EntityRecord[] {
  const contoso = c.tenantId === CONTOSO.id;
  const token = (label: string, mailbox: string, location: string, country: string, days: number): EntityRecord => record('vppToken', {
    id: c.rng.guid(),
    displayName: `${c.text.org} Apps and Books - ${label}`,
    organizationName: c.text.org,
    appleId: `${mailbox}@${c.text.domain}`,
    vppTokenAccountType: 'business',
    countryOrRegion: country,
    locationName: location,
    state: 'valid',
    lastSyncStatus: 'completed',
    automaticallyUpdateApps: true,
    claimTokenManagementFromExternalMdm: false,
    dataSharingConsentGranted: true,
    token: null,
    expirationDateTime: iso(c.anchor + days * DAY),
    lastModifiedDateTime: iso(c.anchor + days * DAY - YEAR),
    lastSyncDateTime: iso(c.anchor - 7 * HOUR),
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    tokenActionResults: [],
  });
  return contoso
    ? [token('US', 'vpp-us', 'Redmond headquarters', 'us', 21), token('EMEA', 'vpp-emea', 'London office', 'gb', 301)]
    : [token('Global', 'vpp', 'Head office', 'us', 150)];
}

export function exchangeConnectors(c: ServiceContext): EntityRecord[] {
  const online = c.tenantId === CONTOSO.id;
  return [record('deviceManagementExchangeConnector', online
    ? { id: c.rng.guid(), exchangeConnectorType: 'serviceToService', status: 'connected', serverName: 'outlook.office365.com', connectorServerName: '', exchangeOrganization: c.text.org, exchangeAlias: 'exchangeadmin', primarySmtpAddress: `exchangeadmin@${c.text.domain}`, version: '1.0', lastSyncDateTime: iso(c.anchor - 14 * MINUTE) }
    : { id: c.rng.guid(), exchangeConnectorType: 'onPremises', status: 'disconnected', serverName: `exch01.corp.${c.text.domain}`, connectorServerName: 'INTUNECONN01', exchangeOrganization: c.text.org, exchangeAlias: 'svc-intune', primarySmtpAddress: `svc-intune@${c.text.domain}`, version: '16.0.5346.0', lastSyncDateTime: iso(c.anchor - 9 * DAY) })];
}

export function termsAndConditions(c: ServiceContext): EntityRecord[] {
  const make = (name: string, title: string, body: string, version: number, target: ReturnType<typeof group>, acceptors: readonly DemoUser[]): EntityRecord => {
    const id = c.rng.guid();
    const created = c.anchor - 2 * YEAR - c.rng.next() * YEAR;
    const modified = c.anchor - 60 * DAY - c.rng.next() * 200 * DAY;
    const terms = record('termsAndConditions', {
      id, displayName: name, description: `${title}, version ${version}.`, title, bodyText: body,
      acceptanceStatement: `I have read and accept the ${title}.`, version,
      createdDateTime: iso(created), lastModifiedDateTime: iso(modified), modifiedDateTime: iso(modified), roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    });
    attachCollection(terms, 'assignments', assignments('termsAndConditionsAssignment', id, [target]));
    const link = frozen([id]);
    attachCollection(terms, 'acceptanceStatuses', acceptors.map((u) => {
      const current = c.rng.chance(0.85);
      const status = record('termsAndConditionsAcceptanceStatus', {
        id: `${id}_${u.id}`,
        userDisplayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        acceptedVersion: current ? version : version - 1,
        acceptedDateTime: iso(current ? modified + c.rng.next() * (c.anchor - modified) : created + c.rng.next() * (modified - created)),
      });
      status.links.set('termsAndConditions', link);
      return status;
    }));
    return terms;
  };
  // Acceptance statuses for a sample of people: enough to page through, not one per employee.
  const members = c.users.filter((u) => !u.isGuest);
  const sample = members.slice(0, Math.min(members.length, 250));
  const byod = new Set(c.groups.byKey.byodUsers.memberIds);
  return [
    make(`${c.text.org} Acceptable Use Policy`, `${c.text.org} Acceptable Use Policy`, `By enrolling a device you agree that ${c.text.org} may manage work apps and data on it, and may remove them when you leave or the device is lost.`, 3, allUsers, sample),
    make('BYOD privacy notice', 'Personal device privacy notice', `${c.text.org} cannot see your personal email, photos, browsing history or location on a personal device. IT can see the model, serial number, OS version and app inventory of managed apps.`, 1, group(c.groups.byKey.byodUsers.id), sample.filter((u) => byod.has(u.id))),
  ];
}

export function mobileThreatDefenseConnectors(c: ServiceContext): EntityRecord[] {
  const connector = (id: string, state: string, heartbeat: number, on: boolean): EntityRecord => record('mobileThreatDefenseConnector', {
    id, partnerState: state, lastHeartbeatDateTime: iso(heartbeat), partnerUnresponsivenessThresholdInDays: 7, partnerUnsupportedOsVersionBlocked: false,
    androidEnabled: on, iosEnabled: on, windowsEnabled: on && id === DEFENDER_CONNECTOR_ID, macEnabled: on && id === DEFENDER_CONNECTOR_ID,
    androidDeviceBlockedOnMissingPartnerData: false, iosDeviceBlockedOnMissingPartnerData: false, windowsDeviceBlockedOnMissingPartnerData: false, macDeviceBlockedOnMissingPartnerData: false,
    androidMobileApplicationManagementEnabled: on, iosMobileApplicationManagementEnabled: on,
    allowPartnerToCollectIOSApplicationMetadata: false, allowPartnerToCollectIOSPersonalApplicationMetadata: false,
    microsoftDefenderForEndpointAttachEnabled: id === DEFENDER_CONNECTOR_ID,
  });
  const list = [connector(DEFENDER_CONNECTOR_ID, 'enabled', c.anchor - 10 * MINUTE, true)];
  // A second partner whose service stopped reporting: the state a technician should notice.
  if (c.tenantId === CONTOSO.id) list.push(connector(namedGuid('mtd:lookout'), 'unresponsive', c.anchor - 9 * DAY, true));
  return list;
}

export function deviceManagementPartners(c: ServiceContext): EntityRecord[] {
  const enabled = c.tenantId === CONTOSO.id;
  return [record('deviceManagementPartner', {
    id: namedGuid(`partner:jamf:${c.tenantId}`),
    displayName: 'Jamf Pro',
    partnerAppType: 'multiTenantApp',
    partnerState: enabled ? 'enabled' : 'unavailable',
    isConfigured: enabled,
    singleTenantAppId: null,
    lastHeartbeatDateTime: enabled ? iso(c.anchor - 40 * MINUTE) : '0001-01-01T00:00:00Z',
    whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime: null,
    whenPartnerDevicesWillBeRemovedDateTime: null,
    groupsRequiringPartnerEnrollment: enabled ? [{ target: targetValue(group(c.groups.byKey.macDevices.id)) }] : [],
  })];
}
