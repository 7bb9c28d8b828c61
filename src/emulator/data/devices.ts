// managedDevices: the bulk of the tenant. One pass per device draws an enrollment profile,
// hardware, user, times and state from precomputed tables, then writes a flat record with
// the beta superset of managedDevice properties. Nested values that many devices share
// (attestation reports, empty lists, scope tags, app bundles) are frozen and shared.
import type { Tenant } from '../directory/model.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import { attestationReports, hardwareInformation } from './device-hardware.ts';
import type { AttestationReports } from './device-hardware.ts';
import { carrierFor, categoryFor, iccidCountryCode, phoneNumberFor } from './device-contact.ts';
import { DeviceNamer } from './device-names.ts';
import { guid } from './flat-strings.ts';
import { PLATFORM_SHARE, PROFILES } from './device-profiles.ts';
import type { EnrollmentProfile } from './device-profiles.ts';
import { certificateExpiry, drawActions, drawCompliance, drawTimes, graceExpiry } from './device-state.ts';
import type { DeviceTimes } from './device-state.ts';
import type { DetectedAppInventory } from './detected-apps.ts';
import { inventoryClassOf } from './detected-apps.ts';
import { HARDWARE } from './hardware-catalog.ts';
import type { HardwareModel, Platform } from './hardware-catalog.ts';
import { IdentifierFactory } from './identifiers.ts';
import { OPERATING_SYSTEM, compareVersions, pickOsVersion } from './os-versions.ts';
import type { PinnedDevice } from './pinned-devices.ts';
import { DEFAULT_SCOPE_TAGS, EMPTY_LIST, frozen, record } from './records.ts';
import { stream } from './seeds.ts';
import { DAY, HOUR, NO_DATE, iso, securityPatchLevel } from './time.ts';
import type { DemoUser } from './users.ts';
import { WeightedTable } from './weighted-table.ts';

export interface CategoryRef {
  readonly id: string;
  readonly displayName: string;
  /** Shared, frozen [id] for the device's deviceCategory link. */
  readonly link: readonly string[];
}

export interface DeviceInputs {
  readonly tenant: Tenant;
  readonly seed: number;
  readonly anchor: number;
  readonly count: number;
  /** Users who can own devices (guests excluded). */
  readonly owners: readonly DemoUser[];
  readonly pinned: readonly PinnedDevice[];
  readonly categories: ReadonlyMap<string, CategoryRef>;
  readonly inventory: DetectedAppInventory;
  readonly assetPrefix: string;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** Windows 10 22H2: the oldest build the compliance policies accept. */
export const MIN_SUPPORTED_WINDOWS = '10.0.19045.0';
const GIB = 1073741824;
const MIB = 1048576;
const ETHERNET_OUIS = ['D8BBC1', '6C2B59', '00E04C', 'A0CEC8'];
const NOTES = [
  'Loaner pool - return to IT desk, Building 4.',
  'Screen replaced under warranty.',
  'Legal hold: do not wipe or retire without approval from Legal.',
  'Battery swelling reported; replacement ordered.',
  'Shared with night shift.',
  'User on parental leave until next quarter.',
];

const PLATFORM_TABLE = new WeightedTable(PLATFORM_SHARE);
const PROFILE_TABLES = new Map<Platform, WeightedTable<EnrollmentProfile>>(
  PLATFORM_SHARE.map(([p]) => [p, new WeightedTable(PROFILES.filter((x) => x.platform === p).map((x) => [x, x.weight] as const))]),
);
const MODEL_TABLES = new Map<EnrollmentProfile, WeightedTable<HardwareModel>>(
  PROFILES.map((prof) => [prof, new WeightedTable(HARDWARE[prof.platform].filter((m) => prof.modelRoles.includes(m.role)).map((m) => [m, m.weight] as const))]),
);
const PROFILE_BY_KEY = new Map(PROFILES.map((p) => [p.key, p]));

function pinnedModel(platform: Platform, name: string): HardwareModel {
  const found = HARDWARE[platform].find((m) => m.model === name);
  if (!found) throw new Error(`No ${platform} model named ${name}`);
  return found;
}

class DeviceGenerator {
  private readonly inputs: DeviceInputs;
  private readonly profileRng: SeededRandom;
  private readonly timeRng: SeededRandom;
  private readonly stateRng: SeededRandom;
  private readonly idRng: SeededRandom;
  private readonly appRng: SeededRandom;
  private readonly ids: IdentifierFactory;
  private readonly namer: DeviceNamer;
  private readonly attestation: AttestationReports;
  private readonly userLinks: readonly (readonly string[])[];
  private readonly pinnedLinks: ReadonlyMap<string, readonly string[]>;
  private readonly ccFeatures: Json;

  constructor(inputs: DeviceInputs) {
    this.inputs = inputs;
    this.profileRng = stream(inputs.seed, 'deviceProfile');
    this.timeRng = stream(inputs.seed, 'deviceTime');
    this.stateRng = stream(inputs.seed, 'deviceStates');
    this.idRng = stream(inputs.seed, 'deviceIds');
    this.appRng = stream(inputs.seed, 'deviceApps');
    this.ids = new IdentifierFactory(stream(inputs.seed, 'deviceIdentity'));
    this.namer = new DeviceNamer(stream(inputs.seed, 'deviceNames'), inputs.assetPrefix, inputs.count);
    this.attestation = attestationReports(inputs.anchor);
    this.userLinks = inputs.owners.map((u) => frozen([u.id]));
    this.pinnedLinks = new Map(inputs.pinned.map((p) => [p.user.id, frozen([p.user.id])]));
    this.ccFeatures = frozen({ compliancePolicy: false, deviceConfiguration: true, inventory: true, modernApps: true, resourceAccess: true, windowsUpdateForBusiness: true, endpointProtection: true, officeApps: true });
  }

  /** A model of the profile that was on sale before the device's last check-in. */
  private model(profile: EnrollmentProfile, lastSync: number): HardwareModel {
    const table = MODEL_TABLES.get(profile) as WeightedTable<HardwareModel>;
    let model = table.pick(this.profileRng);
    for (let tries = 0; model.releasedMs > lastSync - DAY && tries < 8; tries++) model = table.pick(this.profileRng);
    return model;
  }

  /**
   * One device in one pass. Deliberately a single long function: it runs 100,000 times, and
   * drawing facts into an intermediate object first would double the per-device garbage.
   */
  device(i: number): EntityRecord {
    const { anchor, owners } = this.inputs;
    const p = this.profileRng;
    const s = this.stateRng;
    const pin = this.inputs.pinned[i];
    const profile = pin ? (PROFILE_BY_KEY.get(pin.profileKey) as EnrollmentProfile) : (PROFILE_TABLES.get(PLATFORM_TABLE.pick(p)) as WeightedTable<EnrollmentProfile>).pick(p);
    const platform = profile.platform;
    const drawnTimes = drawTimes(this.timeRng, anchor, pin !== undefined);
    const model = pin ? pinnedModel(platform, pin.model) : this.model(profile, drawnTimes.lastSync);
    const times = enrolledAfterRelease(drawnTimes, model, this.timeRng);
    let user: DemoUser | null = null;
    let userLink: readonly string[] | undefined;
    if (pin) {
      user = pin.user;
      userLink = this.pinnedLinks.get(pin.user.id);
    } else if (!profile.userless && owners.length > 0) {
      const j = Math.floor(p.next() * owners.length);
      user = owners[j] as DemoUser;
      userLink = this.userLinks[j];
    }
    const osVersion = pickOsVersion(model, p, times.lastSync);
    const jailBroken = platform === 'windows' ? 'Unknown' : profile.owner === 'personal' && s.chance(platform === 'android' ? 0.005 : 0.001) ? 'True' : 'False';
    const drawn = drawCompliance(s, times, profile.coManaged);
    // Jailbroken devices and out-of-support Windows builds fail compliance whatever else holds.
    const outOfSupport = platform === 'windows' && compareVersions(osVersion, MIN_SUPPORTED_WINDOWS) < 0;
    const compliance = jailBroken === 'True' || (outOfSupport && drawn === 'compliant') ? 'noncompliant' : drawn;
    const actions = drawActions(s, platform, times, profile.supervised, anchor);
    const virtual = model.role === 'cloud' || model.role === 'vm';
    // A compliant PC passed the BitLocker check, so only the others can be unencrypted.
    const windowsPasses = compliance === 'compliant' || compliance === 'configManager';
    const encrypted = platform === 'ios' || platform === 'ipados' || virtual || (platform === 'windows' && windowsPasses) || s.chance(platform === 'windows' ? 0.7 : platform === 'macos' ? 0.9 : 0.97);

    const ids = this.ids;
    const hidden = profile.hidesHardwareIds;
    const apple = platform === 'ios' || platform === 'ipados' || platform === 'macos';
    const serialNumber = hidden ? '' : ids.serial(model.serial);
    const cellular = model.tacs.length > 0 && (model.cellularShare >= 1 || p.chance(model.cellularShare));
    const imei = cellular && !hidden ? ids.imei(p.pick(model.tacs)) : '';
    const meid = imei && model.manufacturer === 'Apple' ? imei.slice(0, 14) : '';
    const wifiMac = hidden ? '' : ids.mac(p.pick(model.wifiOuis));
    const ethernetMac = model.ethernet || (platform === 'windows' && model.chassis === 'laptop' && p.chance(0.4)) ? ids.mac(p.pick(ETHERNET_OUIS)) : null;
    const country = user ? user.country : 'US';
    const phone = cellular && !hidden && model.chassis === 'phone';
    const phoneNumber = phone && profile.owner === 'company' && s.chance(0.7) ? phoneNumberFor(s, country) : '';
    const carrier = cellular && !hidden ? carrierFor(s, country) : '';

    const managedName = this.namer.managedDeviceName(profile, user, times.enrolled);
    const deviceName = this.namer.deviceName(profile, model, user, managedName);
    const categoryName = categoryFor(s, profile, user);
    const category = categoryName ? this.inputs.categories.get(categoryName) : undefined;
    const totalStorage = Math.round((p.pick(model.storageGb) * 1e9 * (apple ? 0.998 : 0.93)) / MIB) * MIB;
    const freeStorage = Math.round((totalStorage * (s.chance(0.03) ? s.next() * 0.03 : 0.08 + s.next() * 0.62)) / MIB) * MIB;
    const eas = user !== null && (platform === 'ios' || platform === 'android') && s.chance(0.12);
    const skuFamily = platform === 'windows' ? profile.skuFamily : '';
    const id = guid(this.idRng);
    const aadId = profile.entraRegistered ? guid(this.idRng) : ZERO_GUID;
    const hybrid = profile.joinType === 'hybridAzureADJoined';

    const props: MutableJsonObject = {
      id,
      userId: user ? user.id : '',
      deviceName,
      managedDeviceOwnerType: profile.owner,
      enrolledDateTime: iso(times.enrolled),
      lastSyncDateTime: iso(times.lastSync),
      operatingSystem: OPERATING_SYSTEM[platform],
      complianceState: compliance,
      jailBroken,
      managementAgent: profile.agent,
      osVersion,
      easActivated: eas,
      easDeviceId: ids.easDeviceId(apple ? 'apple' : platform === 'android' ? 'android' : 'windows', serialNumber),
      easActivationDateTime: eas ? iso(times.enrolled + HOUR) : NO_DATE,
      azureADRegistered: profile.entraRegistered,
      deviceEnrollmentType: profile.enrollmentType,
      activationLockBypassCode: profile.supervised && platform !== 'macos' && user ? ids.activationLockBypassCode() : null,
      emailAddress: user ? user.mail : '',
      azureADDeviceId: aadId,
      deviceRegistrationState: profile.entraRegistered ? 'registered' : 'notRegistered',
      deviceCategoryDisplayName: category ? category.displayName : 'Unknown',
      isSupervised: profile.supervised,
      exchangeLastSuccessfulSyncDateTime: eas ? iso(times.lastSync - s.next() * HOUR) : NO_DATE,
      exchangeAccessState: eas ? (compliance === 'noncompliant' ? 'blocked' : 'allowed') : 'none',
      exchangeAccessStateReason: eas ? (compliance === 'noncompliant' ? 'notCompliant' : 'compliant') : 'none',
      isEncrypted: encrypted,
      userPrincipalName: user ? user.userPrincipalName : '',
      model: model.model,
      manufacturer: model.manufacturer,
      imei,
      complianceGracePeriodExpirationDateTime: graceExpiry(s, compliance, times, anchor),
      serialNumber,
      phoneNumber,
      androidSecurityPatchLevel: platform === 'android' ? securityPatchLevel(times.lastSync, s.int(0, profile.key === 'android-device-admin' ? 14 : 3)) : '',
      userDisplayName: user ? user.displayName : null,
      configurationManagerClientEnabledFeatures: profile.coManaged ? this.ccFeatures : null,
      wiFiMacAddress: wifiMac,
      deviceHealthAttestationState: platform !== 'windows' ? null : virtual ? this.attestation.virtual : encrypted ? this.attestation.encrypted : this.attestation.unencrypted,
      subscriberCarrier: carrier,
      meid,
      totalStorageSpaceInBytes: totalStorage,
      freeStorageSpaceInBytes: freeStorage,
      managedDeviceName: managedName,
      partnerReportedThreatState: platform === 'windows' ? (s.chance(0.85) ? 'secured' : 'activated') : profile.owner === 'company' && s.chance(0.3) ? 'secured' : 'unknown',
      managementCertificateExpirationDate: iso(certificateExpiry(times)),
      iccid: cellular && !hidden ? ids.iccid(iccidCountryCode(country)) : null,
      udid: apple && !hidden ? ids.appleUdid() : null,
      notes: s.chance(0.005) ? s.pick(NOTES) : null,
      ethernetMacAddress: ethernetMac,
      physicalMemoryInBytes: p.pick(model.memoryGb) * GIB,
      enrollmentProfileName: profile.enrollmentProfileName,
      deviceActionResults: actions.results,
      managementState: actions.managementState,
      // beta only from here on
      aadRegistered: profile.entraRegistered,
      azureActiveDirectoryDeviceId: aadId,
      autopilotEnrolled: profile.autopilot,
      bootstrapTokenEscrowed: platform === 'macos' && profile.supervised,
      chassisType: model.chassis,
      configurationManagerClientHealthState: profile.coManaged ? { state: s.chance(0.92) ? 'healthy' : 'communicationError', errorCode: 0, lastSyncDateTime: iso(times.lastSync - s.next() * 6 * HOUR) } : null,
      configurationManagerClientInformation: profile.coManaged ? { clientIdentifier: `GUID:${guid(this.idRng).toUpperCase()}`, isBlocked: false } : null,
      deviceType: profile.deviceType,
      enrolledByUserPrincipalName: user ? user.userPrincipalName : '',
      hardwareInformation: hardwareInformation({
        platform, model, serialNumber, imei, meid, wifiMac, totalStorage, freeStorage, osVersion, encrypted,
        supervised: profile.supervised, shared: profile.userless, phoneNumber, carrier, country, skuFamily,
        hybridJoined: hybrid, deviceName, domain: this.inputs.tenant.domains[1] ?? this.inputs.tenant.domains[0] ?? 'contoso.com',
      }, s),
      joinType: profile.joinType,
      lostModeState: actions.lostMode ? 'enabled' : 'disabled',
      ownerType: profile.owner,
      processorArchitecture: platform === 'windows' || platform === 'macos' ? model.arch : 'unknown',
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
      skuFamily,
      skuNumber: skuFamily === 'Enterprise' ? 4 : skuFamily === 'Professional' ? 48 : 0,
      specificationVersion: platform === 'windows' ? '2.0' : '',
      usersLoggedOn: platform === 'windows' && user ? [{ userId: user.id, lastLogOnDateTime: iso(times.lastSync - s.next() * 8 * HOUR) }] : EMPTY_LIST,
      windowsActiveMalwareCount: 0,
      windowsRemediatedMalwareCount: 0,
    };
    const device = record('managedDevice', props);
    if (userLink) device.links.set('users', userLink);
    if (category) device.links.set('deviceCategory', category.link);
    const cls = inventoryClassOf(platform, model.manufacturer, profile.key, profile.owner === 'personal');
    device.links.set('detectedApps', this.inputs.inventory.pick(cls, this.appRng));
    return device;
  }
}

/** No device enrolls before its model was on sale: the enrollment moves into the window after release. */
function enrolledAfterRelease(times: DeviceTimes, model: HardwareModel, rng: SeededRandom): DeviceTimes {
  if (times.enrolled >= model.releasedMs) return times;
  const latest = times.lastSync - HOUR;
  if (model.releasedMs >= latest) return { ...times, enrolled: latest - rng.next() * HOUR };
  return { ...times, enrolled: model.releasedMs + rng.next() * (latest - model.releasedMs) };
}

export function generateDevices(inputs: DeviceInputs): EntityRecord[] {
  const generator = new DeviceGenerator(inputs);
  const out = new Array<EntityRecord>(inputs.count);
  for (let i = 0; i < inputs.count; i++) out[i] = generator.device(i);
  return out;
}
