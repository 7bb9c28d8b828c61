// deviceEnrollmentConfigurations: the four tenant defaults (priority 0, ids
// "<guid>_Default…" as Intune names them) and the custom ones above them in priority.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { allUsers, assignments, group } from './assignments.ts';
import type { AssignmentTarget } from './assignments.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, record } from './records.ts';
import { namedGuid } from './seeds.ts';
import { DAY, YEAR, iso } from './time.ts';
import type { TenantText } from './mobile-apps.ts';
import type { TenantGroups } from './users.ts';

const restriction = (platformBlocked: boolean, personalDeviceEnrollmentBlocked: boolean, osMinimumVersion: string | null = null): MutableJsonObject => ({
  platformBlocked, personalDeviceEnrollmentBlocked, osMinimumVersion, osMaximumVersion: null, blockedManufacturers: [], blockedSkus: [],
});

const HELLO_DEFAULTS: MutableJsonObject = {
  state: 'enabled', securityDeviceRequired: true, unlockWithBiometricsEnabled: true, remotePassportEnabled: true,
  pinMinimumLength: 6, pinMaximumLength: 127, pinUppercaseCharactersUsage: 'disallowed', pinLowercaseCharactersUsage: 'disallowed',
  pinSpecialCharactersUsage: 'disallowed', pinExpirationInDays: 0, pinPreviousBlockCount: 0, enhancedBiometricsState: 'notConfigured', securityKeyForSignIn: 'notConfigured',
};

const ESP_DEFAULTS: MutableJsonObject = {
  showInstallationProgress: false, allowNonBlockingAppInstallation: false, blockDeviceSetupRetryByUser: false, allowDeviceResetOnInstallFailure: false,
  allowDeviceUseOnInstallFailure: false, allowLogCollectionOnInstallFailure: false, customErrorMessage: null, installProgressTimeoutInMinutes: 60,
  trackInstallProgressForAutopilotOnly: false, disableUserStatusTrackingAfterFirstUser: false, selectedMobileAppIds: [],
};

interface Spec {
  readonly type: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kind: string;
  readonly priority: number;
  readonly targets: readonly AssignmentTarget[];
  readonly props: MutableJsonObject;
}

export function generateEnrollmentConfigurations(tenantId: string, text: TenantText, groups: TenantGroups, espAppIds: readonly string[], rng: SeededRandom, anchor: number): EntityRecord[] {
  const base = namedGuid(`enrollment:${tenantId}`);
  const all = 'All users and all devices';
  const specs: Spec[] = [
    { type: 'deviceEnrollmentLimitConfiguration', id: `${base}_DefaultLimit`, name: all, kind: 'defaultLimit', priority: 0, targets: [allUsers],
      description: 'This is the default Device Limit Restriction applied with the lowest priority to all users regardless of group membership.', props: { limit: 15 } },
    { type: 'deviceEnrollmentPlatformRestrictionsConfiguration', id: `${base}_DefaultPlatformRestrictions`, name: all, kind: 'defaultPlatformRestrictions', priority: 0, targets: [allUsers],
      description: 'This is the default Device Type Restriction applied with the lowest priority to all users regardless of group membership.',
      props: { iosRestriction: restriction(false, false, '16.0'), windowsRestriction: restriction(false, false, '10.0.19045'), windowsHomeSkuRestriction: restriction(true, true), windowsMobileRestriction: restriction(true, true), androidRestriction: restriction(false, true, '11.0'), androidForWorkRestriction: restriction(false, false, '11.0'), macRestriction: restriction(false, false), macOSRestriction: restriction(false, false, '13.0') } },
    { type: 'deviceEnrollmentWindowsHelloForBusinessConfiguration', id: `${base}_DefaultWindowsHelloForBusiness`, name: all, kind: 'defaultWindowsHelloForBusiness', priority: 0, targets: [allUsers],
      description: 'This is the default Windows Hello for Business configuration applied with the lowest priority to all users regardless of group membership.', props: HELLO_DEFAULTS },
    { type: 'windows10EnrollmentCompletionPageConfiguration', id: `${base}_DefaultWindows10EnrollmentCompletionPageConfiguration`, name: all, kind: 'defaultWindows10EnrollmentCompletionPageConfiguration', priority: 0, targets: [allUsers],
      description: 'This is the default enrollment status screen configuration applied with the lowest priority to all users and all devices regardless of group membership.', props: ESP_DEFAULTS },
    { type: 'deviceEnrollmentLimitConfiguration', id: rng.guid(), name: 'Executives - 20 devices', kind: 'limit', priority: 1, targets: [group(groups.byKey.executives.id)],
      description: 'Executives carry more devices.', props: { limit: 20 } },
    { type: 'deviceEnrollmentPlatformRestrictionsConfiguration', id: rng.guid(), name: 'BYOD - Block Android device administrator', kind: 'platformRestrictions', priority: 1, targets: [group(groups.byKey.byodUsers.id)],
      description: 'Personal Android devices must use a work profile.',
      props: { iosRestriction: restriction(false, false, '17.0'), windowsRestriction: restriction(false, true), windowsHomeSkuRestriction: restriction(true, true), windowsMobileRestriction: restriction(true, true), androidRestriction: restriction(true, true), androidForWorkRestriction: restriction(false, false, '12.0'), macRestriction: restriction(false, false), macOSRestriction: restriction(false, false, '14.0') } },
    { type: 'deviceEnrollmentWindowsHelloForBusinessConfiguration', id: rng.guid(), name: 'Windows Hello - Engineering (strict PIN)', kind: 'windowsHelloForBusiness', priority: 1, targets: [group(groups.byKey.engineering.id)],
      description: 'Longer PIN with letters for engineering workstations.', props: { ...HELLO_DEFAULTS, pinMinimumLength: 8, pinLowercaseCharactersUsage: 'allowed', pinUppercaseCharactersUsage: 'allowed', pinPreviousBlockCount: 5, pinExpirationInDays: 365 } },
    { type: 'windows10EnrollmentCompletionPageConfiguration', id: rng.guid(), name: 'Autopilot - Kiosk ESP', kind: 'windows10EnrollmentCompletionPageConfiguration', priority: 1, targets: [group(groups.byKey.kioskDevices.id)],
      description: 'Kiosks wait for the kiosk shell before they are usable.',
      props: { ...ESP_DEFAULTS, showInstallationProgress: true, allowDeviceResetOnInstallFailure: true, allowLogCollectionOnInstallFailure: true, installProgressTimeoutInMinutes: 90, trackInstallProgressForAutopilotOnly: true, customErrorMessage: `Kiosk setup could not finish. Contact the ${text.org} IT Help Desk.`, selectedMobileAppIds: [...espAppIds] } },
    { type: 'windows10EnrollmentCompletionPageConfiguration', id: rng.guid(), name: 'Autopilot - Standard ESP', kind: 'windows10EnrollmentCompletionPageConfiguration', priority: 2, targets: [group(groups.byKey.autopilotDevices.id)],
      description: 'Blocks the desktop until the required apps are installed.',
      props: { ...ESP_DEFAULTS, showInstallationProgress: true, allowDeviceUseOnInstallFailure: true, allowLogCollectionOnInstallFailure: true, trackInstallProgressForAutopilotOnly: true, customErrorMessage: `Setup ran into a problem. Call the ${text.org} IT Help Desk on +1 (425) 555-0100.`, selectedMobileAppIds: espAppIds.slice(0, 2) } },
  ];
  return specs.map((spec) => {
    const created = spec.priority === 0 ? anchor - 3 * YEAR : anchor - YEAR - rng.next() * YEAR;
    const config = record(spec.type, {
      id: spec.id,
      displayName: spec.name,
      description: spec.description,
      priority: spec.priority,
      version: spec.priority === 0 ? 1 : rng.int(1, 5),
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      deviceEnrollmentConfigurationType: spec.kind,
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
      ...spec.props,
    });
    attachCollection(config, 'assignments', assignments('enrollmentConfigurationAssignment', spec.id, spec.targets));
    return config;
  });
}
