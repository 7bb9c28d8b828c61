// deviceManagement/deviceCompliancePolicies (windows10CompliancePolicy is the schema's
// concrete type), each with assignments and the scheduled actions for noncompliance:
// notify at once, block after the grace period, retire after months of noncompliance.
import type { EntityRecord } from '../graph/model/entity.ts';
import type { MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import type { TargetRef } from './app-catalog.ts';
import { assignments } from './assignments.ts';
import { resolveTarget } from './mobile-apps.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, record } from './records.ts';
import { DAY, YEAR, iso } from './time.ts';
import type { TenantGroups } from './users.ts';

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

interface ComplianceSpec {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly TargetRef[];
  /** Hours before a noncompliant device is marked noncompliant (blocked). */
  readonly graceHours: number;
  /** Days before a noncompliant device is retired; null for never. */
  readonly retireDays: number | null;
  readonly settings: MutableJsonObject;
}

const SPECS: readonly ComplianceSpec[] = [
  { name: 'Windows 11 - Corporate compliance', description: 'Encryption, Secure Boot, Defender and a supported Windows 11 build.', targets: ['windowsDevices', 'exclude:kioskDevices'], graceHours: 24, retireDays: 90,
    settings: { bitLockerEnabled: true, secureBootEnabled: true, codeIntegrityEnabled: true, storageRequireEncryption: true, osMinimumVersion: '10.0.22621.0', tpmRequired: true, defenderEnabled: true, rtpEnabled: true, antivirusRequired: true, antiSpywareRequired: true, activeFirewallRequired: true, deviceThreatProtectionEnabled: true, deviceThreatProtectionRequiredSecurityLevel: 'medium' } },
  { name: 'Windows 10 - Minimum OS 22H2', description: 'Windows 10 devices must run 22H2 until they are replaced.', targets: ['windowsDevices'], graceHours: 72, retireDays: null,
    settings: { osMinimumVersion: '10.0.19045.0' } },
  { name: 'Windows - BitLocker and Secure Boot', description: 'Device Health Attestation must report BitLocker, Secure Boot and code integrity.', targets: ['windowsDevices', 'exclude:cloudPcs'], graceHours: 24, retireDays: null,
    settings: { requireHealthyDeviceReport: true, bitLockerEnabled: true, secureBootEnabled: true, codeIntegrityEnabled: true, earlyLaunchAntiMalwareDriverEnabled: true } },
  { name: 'Windows - Microsoft Defender', description: 'Defender Antivirus on, real-time protection on, current security intelligence.', targets: ['windowsDevices'], graceHours: 24, retireDays: null,
    settings: { defenderEnabled: true, rtpEnabled: true, signatureOutOfDate: true, defenderVersion: '4.18.24090.11' } },
  { name: 'Windows - Password required', description: 'An alphanumeric password of at least eight characters.', targets: ['windowsDevices', 'exclude:kioskDevices'], graceHours: 72, retireDays: 180,
    settings: { passwordRequired: true, passwordRequiredType: 'alphanumeric', passwordMinimumLength: 8, passwordMinimumCharacterSetCount: 3, passwordMinutesOfInactivityBeforeLock: 15, passwordPreviousPasswordBlockCount: 5, passwordBlockSimple: true, passwordRequiredToUnlockFromIdle: true } },
  { name: 'Windows - Kiosk compliance', description: 'Kiosks: supported build and Secure Boot only.', targets: ['kioskDevices'], graceHours: 168, retireDays: null,
    settings: { osMinimumVersion: '10.0.19045.0', secureBootEnabled: true } },
  { name: 'Windows - Executive devices', description: 'No tolerance for threats on leadership devices.', targets: ['executives'], graceHours: 0, retireDays: 30,
    settings: { bitLockerEnabled: true, tpmRequired: true, deviceThreatProtectionEnabled: true, deviceThreatProtectionRequiredSecurityLevel: 'secured', osMinimumVersion: '10.0.22631.0' } },
  { name: 'Windows 365 - Cloud PC compliance', description: 'Cloud PCs are encrypted by the platform, so BitLocker is not required.', targets: ['cloudPcs'], graceHours: 24, retireDays: null,
    settings: { bitLockerEnabled: false, defenderEnabled: true, rtpEnabled: true, activeFirewallRequired: true } },
  { name: 'Windows - Pilot ring builds', description: 'Pilot devices must stay on Windows 11 24H2 builds.', targets: ['windowsPilot'], graceHours: 72, retireDays: null,
    settings: { validOperatingSystemBuildRanges: [{ description: 'Windows 11 24H2', lowestVersion: '10.0.26100.1', highestVersion: '10.0.26100.9999' }] } },
  { name: 'Windows - Firewall and antivirus', description: 'Firewall, antivirus and antispyware must be on.', targets: ['windowsDevices'], graceHours: 24, retireDays: null,
    settings: { activeFirewallRequired: true, antivirusRequired: true, antiSpywareRequired: true } },
  { name: 'Windows - Co-managed devices', description: 'Co-managed devices must also pass Configuration Manager compliance.', targets: ['windowsDevices'], graceHours: 72, retireDays: null,
    settings: { configurationManagerComplianceRequired: true } },
  { name: 'Windows - Legacy compliance (unassigned)', description: 'Superseded by Windows 11 - Corporate compliance.', targets: [], graceHours: 72, retireDays: null,
    settings: { passwordRequired: true, passwordMinimumLength: 6, mobileOsMinimumVersion: '10.0' } },
];

function scheduledActions(spec: ComplianceSpec, templateIds: readonly string[], ccGroupId: string, rng: SeededRandom): EntityRecord {
  const rule = record('deviceComplianceScheduledActionForRule', { id: rng.guid(), ruleName: 'PasswordRequired' });
  const item = (actionType: string, gracePeriodHours: number, notificationTemplateId: string, cc: readonly string[]): EntityRecord =>
    record('deviceComplianceActionItem', { id: rng.guid(), actionType, gracePeriodHours, notificationTemplateId, notificationMessageCCList: [...cc] });
  const items = [
    item('block', spec.graceHours, ZERO_GUID, []),
    item('notification', 0, templateIds[0] ?? ZERO_GUID, [ccGroupId]),
  ];
  if (spec.graceHours >= 24 && templateIds[1]) items.push(item('notification', spec.graceHours - 24, templateIds[1], []));
  if (spec.retireDays !== null) items.push(item('retire', spec.retireDays * 24, ZERO_GUID, []));
  attachCollection(rule, 'scheduledActionConfigurations', items);
  return rule;
}

export function generateCompliancePolicies(groups: TenantGroups, templateIds: readonly string[], rng: SeededRandom, anchor: number): EntityRecord[] {
  const ccGroupId = groups.all.find((g) => g.displayName === 'Helpdesk technicians' || g.displayName === 'Service desk')?.id ?? groups.byKey.itStaff.id;
  return SPECS.map((spec) => {
    const id = rng.guid();
    const created = anchor - 60 * DAY - rng.next() * 2.5 * YEAR;
    const policy = record('windows10CompliancePolicy', {
      id,
      displayName: spec.name,
      description: spec.description,
      createdDateTime: iso(created),
      lastModifiedDateTime: iso(created + rng.next() * (anchor - DAY - created)),
      version: rng.int(1, 9),
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
      ...spec.settings,
    });
    attachCollection(policy, 'assignments', assignments('deviceCompliancePolicyAssignment', id, spec.targets.map((ref) => resolveTarget(ref, groups))));
    attachCollection(policy, 'scheduledActionsForRule', [scheduledActions(spec, templateIds, ccGroupId, rng)]);
    return policy;
  });
}
