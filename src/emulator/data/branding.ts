// What users see of IT: the Company Portal brand (deviceManagement.intuneBrand) and the
// branding profiles (beta), plus the two singletons' own properties.
import type { Json, JsonObject, MutableJsonObject } from '../graph/model/json.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import { DEFAULT_SCOPE_TAGS, record } from './records.ts';
import { hashString, namedGuid } from './seeds.ts';
import { DAY, HOUR, YEAR, iso } from './time.ts';
import type { TenantText } from './mobile-apps.ts';
import { CHECKIN_THRESHOLD_DAYS } from './device-state.ts';

/** Brand colours: the tenant picks one by name, so Contoso stays blue on every run. */
const PALETTE: readonly JsonObject[] = [
  { r: 0, g: 120, b: 212 },
  { r: 154, g: 0, b: 89 },
  { r: 16, g: 124, b: 16 },
  { r: 202, g: 80, b: 16 },
];

function contact(text: TenantText): MutableJsonObject {
  return {
    displayName: `${text.org} IT`,
    contactITName: `${text.org} IT Help Desk`,
    contactITPhoneNumber: '+1 (425) 555-0100',
    contactITEmailAddress: `helpdesk@${text.domain}`,
    contactITNotes: 'Open Monday to Friday, 7:00-19:00 local time. For a lost or stolen device call any time.',
    onlineSupportSiteUrl: `https://${text.orgLower}.service-now.com/sp`,
    onlineSupportSiteName: 'IT Self-Service',
    privacyUrl: `https://www.${text.domain}/privacy`,
    themeColor: PALETTE[hashString(text.org) % PALETTE.length] ?? null,
    showLogo: true,
    showDisplayNameNextToLogo: true,
    lightBackgroundLogo: null,
  };
}

export function intuneBrand(text: TenantText): JsonObject {
  return {
    ...contact(text),
    showNameNextToLogo: true,
    darkBackgroundLogo: null,
    customPrivacyMessage: null,
    isRemoveDeviceDisabled: false,
    isFactoryResetDisabled: false,
    showAzureADEnterpriseApps: false,
    showOfficeWebApps: true,
    enrollmentAvailability: 'availableWithPrompts',
    disableClientTelemetry: false,
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    companyPortalBlockedActions: [],
  };
}

export function brandingProfiles(text: TenantText, anchor: number): EntityRecord[] {
  const profile = (key: string, props: MutableJsonObject): EntityRecord => record('intuneBrandingProfile', {
    id: namedGuid(`branding:${text.org}:${key}`),
    ...contact(text),
    createdDateTime: iso(anchor - 2 * YEAR),
    lastModifiedDateTime: iso(anchor - 40 * DAY),
    showAzureADEnterpriseApps: false,
    showOfficeWebApps: true,
    isRemoveDeviceDisabled: false,
    isFactoryResetDisabled: false,
    disableClientTelemetry: false,
    roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    ...props,
  });
  return [
    profile('default', { profileName: 'Default', profileDescription: 'Applies to everyone without another profile.', isDefaultProfile: true, enrollmentAvailability: 'availableWithPrompts', companyPortalBlockedActions: [] }),
    profile('field', {
      profileName: 'Field workers', profileDescription: 'Shorter enrollment for frontline staff; personal Android devices cannot be reset from Company Portal.',
      isDefaultProfile: false, enrollmentAvailability: 'availableWithoutPrompts',
      companyPortalBlockedActions: [{ platform: 'android', ownerType: 'personal', action: 'reset' } satisfies Json],
    }),
  ];
}

export interface SingletonInputs {
  readonly text: TenantText;
  readonly tenantId: string;
  readonly anchor: number;
  readonly protectionOverview: JsonObject;
  readonly malwareOverview: JsonObject;
}

export function deviceManagementProps(i: SingletonInputs): MutableJsonObject {
  return {
    id: namedGuid(`deviceManagement:${i.tenantId}`),
    intuneAccountId: namedGuid(`intuneAccount:${i.tenantId}`),
    subscriptionState: 'active',
    settings: {
      deviceComplianceCheckinThresholdDays: CHECKIN_THRESHOLD_DAYS,
      isScheduledActionEnabled: true,
      // Off: only Windows has compliance policies here, and devices without one count as compliant.
      secureByDefault: false,
      androidDeviceAdministratorEnrollmentEnabled: true,
      derivedCredentialProvider: 'notConfigured',
      derivedCredentialUrl: null,
      deviceInactivityBeforeRetirementInDay: 0,
      enableAutopilotDiagnostics: true,
      enableDeviceGroupMembershipReport: false,
      enableEnhancedTroubleshootingExperience: false,
      enableLogCollection: true,
      enhancedJailBreak: false,
      ignoreDevicesForUnsupportedSettingsEnabled: false,
    },
    intuneBrand: intuneBrand(i.text),
    deviceProtectionOverview: i.protectionOverview,
    windowsMalwareOverview: i.malwareOverview,
    userExperienceAnalyticsSettings: { configurationManagerDataConnectorConfigured: false },
    subscriptions: 'intune',
    legacyPcManangementEnabled: false,
    maximumDepTokens: 2000,
    unlicensedAdminstratorsEnabled: false,
    // The moment the data describes: deviceDetail reads it as "now".
    lastReportAggregationDateTime: iso(i.anchor),
    deviceComplianceReportSummarizationDateTime: iso(i.anchor - HOUR),
    adminConsent: { shareAPNSData: 'granted', shareUserExperienceAnalyticsData: 'notConfigured' },
    managedDeviceCleanupSettings: { deviceInactivityBeforeRetirementInDays: '180' },
  };
}

export function deviceAppManagementProps(tenantId: string, anchor: number): MutableJsonObject {
  return {
    id: namedGuid(`deviceAppManagement:${tenantId}`),
    isEnabledForMicrosoftStoreForBusiness: true,
    microsoftStoreForBusinessLanguage: 'en-US',
    microsoftStoreForBusinessLastCompletedApplicationSyncTime: iso(anchor - 2 * DAY),
    microsoftStoreForBusinessLastSuccessfulSyncDateTime: iso(anchor - 2 * DAY),
    microsoftStoreForBusinessPortalSelection: 'companyPortal',
  };
}
