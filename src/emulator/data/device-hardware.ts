// The detail a technician opens one device for: beta hardwareInformation and the Windows
// health attestation report. Attestation reports come in a few shapes, shared by reference.
import type { Json, JsonObject } from '../graph/model/json.ts';
import type { SeededRandom } from '../rng.ts';
import type { HardwareModel, Platform } from './hardware-catalog.ts';
import { frozen } from './records.ts';
import { DAY, iso } from './time.ts';

export interface HardwareFacts {
  readonly platform: Platform;
  readonly model: HardwareModel;
  readonly serialNumber: string;
  readonly imei: string;
  readonly meid: string;
  readonly wifiMac: string;
  readonly totalStorage: number;
  readonly freeStorage: number;
  readonly osVersion: string;
  readonly encrypted: boolean;
  readonly supervised: boolean;
  readonly shared: boolean;
  readonly phoneNumber: string;
  readonly carrier: string;
  readonly country: string;
  readonly skuFamily: string;
  readonly hybridJoined: boolean;
  readonly deviceName: string;
  readonly domain: string;
}

const LANGUAGE: Readonly<Record<string, string>> = { US: 'en-US', GB: 'en-GB', DE: 'de-DE', FR: 'fr-FR', SE: 'sv-SE', AU: 'en-AU', SG: 'en-SG' };

/** Build numbers behind the marketing versions (what Settings › About shows). */
const APPLE_BUILDS: Readonly<Record<string, string>> = {
  '18.2': '22C152', '18.1.1': '22B91', '18.0.1': '22A3370', '17.6.1': '21G93', '17.5.1': '21F90', '17.4.1': '21E237',
  '17.1.2': '21B101', '16.7.10': '20H350', '16.6': '20G75', '15.8.3': '19H386', '14.1.2': '23B92', '15.2': '24C101', '15.1.1': '24B91', '14.7.1': '23H222', '14.6.1': '23G93',
  '14.4': '23E214', '13.6.7': '22G720', '12.7.6': '21H1320',
};
const ANDROID_BUILDS: Readonly<Record<string, string>> = {
  '15.0': 'AP3A.241105.008', '14.0': 'UP1A.231005.007', '13.0': 'TP1A.220624.014', '12.0': 'SP1A.210812.016', '11.0': 'RP1A.200720.012', '10.0': 'QKQ1.190828.002',
};
const BIOS: Readonly<Record<string, string>> = {
  'Dell Inc.': '1.18.0', HP: 'V70 Ver. 01.05.01', LENOVO: 'R2FET55W (1.35 )', 'Microsoft Corporation': '27.100.143',
};
const TPM_VENDORS = ['IFX', 'NTC', 'INTC', 'STM'];

function ipv4(rng: SeededRandom): readonly [string, string] {
  const a = rng.int(16, 31);
  const b = rng.int(0, 255);
  return [`10.${a}.${b}.${rng.int(2, 254)}`, `10.${a}.${b}.0`];
}

export function hardwareInformation(f: HardwareFacts, rng: SeededRandom): JsonObject {
  // One literal per platform family: spreading a shared part would allocate twice per device.
  const language = LANGUAGE[f.country] ?? 'en-US';
  if (f.platform === 'windows') {
    const [ip, subnet] = ipv4(rng);
    const virtual = f.model.role === 'cloud' || f.model.role === 'vm';
    return {
      serialNumber: f.serialNumber, totalStorageSpace: f.totalStorage, freeStorageSpace: f.freeStorage, imei: f.imei, meid: f.meid,
      manufacturer: f.model.manufacturer, model: f.model.model, phoneNumber: f.phoneNumber, subscriberCarrier: f.carrier,
      cellularTechnology: f.imei ? 'LTE' : '', wifiMac: f.wifiMac, isSupervised: f.supervised, isEncrypted: f.encrypted,
      isSharedDevice: f.shared, operatingSystemLanguage: language,
      operatingSystemEdition: f.skuFamily,
      operatingSystemProductType: f.skuFamily === 'Enterprise' ? 4 : 48,
      tpmManufacturer: virtual ? 'MSFT' : (TPM_VENDORS[rng.int(0, TPM_VENDORS.length - 1)] as string),
      tpmSpecificationVersion: '2.0, 0, 1.59',
      tpmVersion: virtual ? '1.0' : `${rng.int(5, 7)}.${rng.int(60, 90)}`,
      systemManagementBIOSVersion: virtual ? 'Hyper-V UEFI Release v4.1' : (BIOS[f.model.manufacturer] ?? '1.0.0'),
      deviceGuardVirtualizationBasedSecurityState: 'running',
      deviceGuardLocalSystemAuthorityCredentialGuardState: f.skuFamily === 'Enterprise' ? 'running' : 'notConfigured',
      deviceGuardVirtualizationBasedSecurityHardwareRequirementState: 'meetHardwareRequirements',
      deviceLicensingStatus: 'deviceLicenseRefreshSucceed',
      deviceFullQualifiedDomainName: f.hybridJoined ? `${f.deviceName}.corp.${f.domain}` : f.deviceName,
      ipAddressV4: ip,
      subnetAddress: subnet,
      wiredIPv4Addresses: f.model.ethernet ? [ip] : [],
    };
  }
  const battery = f.model.chassis !== 'desktop';
  return {
    serialNumber: f.serialNumber, totalStorageSpace: f.totalStorage, freeStorageSpace: f.freeStorage, imei: f.imei, meid: f.meid,
    manufacturer: f.model.manufacturer, model: f.model.model, phoneNumber: f.phoneNumber, subscriberCarrier: f.carrier,
    cellularTechnology: f.imei ? 'GSM' : '', wifiMac: f.wifiMac, isSupervised: f.supervised, isEncrypted: f.encrypted,
    isSharedDevice: f.shared, operatingSystemLanguage: language,
    batteryHealthPercentage: battery ? rng.int(78, 100) : null,
    batteryChargeCycles: battery ? rng.int(20, 900) : null,
    osBuildNumber: (f.platform === 'android' ? ANDROID_BUILDS[f.osVersion] : APPLE_BUILDS[f.osVersion]) ?? '',
    residentUsersCount: 0,
  };
}

export interface AttestationReports {
  readonly encrypted: JsonObject;
  readonly unencrypted: JsonObject;
  readonly virtual: JsonObject;
}

/** Windows health attestation: three shapes cover the fleet (BitLocker on, off, virtual TPM). */
export function attestationReports(anchor: number): AttestationReports {
  const issued = iso(anchor - DAY);
  const updated = new Date(anchor - DAY).toUTCString();
  const report = (bitLocker: string, secureBoot: string, tpm: string): JsonObject => frozen({
    bitLockerStatus: bitLocker,
    secureBoot,
    codeIntegrity: 'enabled',
    bootDebugging: 'disabled',
    operatingSystemKernelDebugging: 'disabled',
    testSigning: 'disabled',
    safeMode: 'disabled',
    windowsPE: 'disabled',
    dataExcutionPolicy: 'enabled',
    earlyLaunchAntiMalwareDriverProtection: 'enabled',
    virtualSecureMode: 'enabled',
    tpmVersion: tpm,
    deviceHealthAttestationStatus: bitLocker === 'enabled' && secureBoot === 'enabled' ? 'healthy' : 'unhealthy',
    healthAttestationSupportedStatus: 'supported',
    issuedDateTime: issued,
    lastUpdateDateTime: updated,
    resetCount: 0,
    restartCount: 0,
  } satisfies { [key: string]: Json });
  return {
    encrypted: report('enabled', 'enabled', '2.0'),
    unencrypted: report('disabled', 'enabled', '2.0'),
    virtual: report('enabled', 'enabled', '2.0'),
  };
}
