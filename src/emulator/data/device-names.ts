// Device names as they turn up in a real tenant: IT's asset-tag template, Windows' random
// OEM names, Apple's defaults ("iPhone", "iPad" by the thousand) and what users call their
// phones. Asset tags are occasionally reused (a reimaged PC re-enrolls and the old record
// lingers), so a few names appear twice, as they do in production.
import type { SeededRandom } from '../rng.ts';
import type { EnrollmentProfile } from './device-profiles.ts';
import type { HardwareModel } from './hardware-catalog.ts';
import { enrollmentStamp } from './time.ts';
import type { DemoUser } from './users.ts';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REUSED_TAG_SHARE = 0.006;

/** The label Intune puts in the middle of managedDeviceName. */
const MANAGED_NAME_LABEL: Readonly<Record<string, string>> = {
  windows: 'Windows',
  ios: 'iPhone',
  ipados: 'IPad',
  macos: 'MacOS',
};

function androidLabel(profile: EnrollmentProfile): string {
  if (profile.deviceType === 'androidEnterprise') return 'AndroidEnterprise';
  if (profile.deviceType === 'androidForWork') return 'AndroidForWork';
  return 'Android';
}

export function userAlias(user: DemoUser): string {
  const at = user.userPrincipalName.indexOf('@');
  return at < 0 ? user.userPrincipalName : user.userPrincipalName.slice(0, at);
}

export class DeviceNamer {
  private readonly rng: SeededRandom;
  private readonly prefix: string;
  private readonly digits: number;
  private readonly counters = new Map<string, number>();

  constructor(rng: SeededRandom, prefix: string, expectedDevices: number) {
    this.rng = rng;
    this.prefix = prefix;
    this.digits = expectedDevices > 15000 ? 5 : 4;
  }

  /** Intune's own name: "lee.gu_Windows_5/3/2024_10:41 AM". */
  managedDeviceName(profile: EnrollmentProfile, user: DemoUser | null, enrolledMs: number): string {
    const label = profile.platform === 'android' ? androidLabel(profile) : (MANAGED_NAME_LABEL[profile.platform] ?? 'Device');
    const stamp = enrollmentStamp(enrolledMs);
    return user ? `${userAlias(user)}_${label}_${stamp}` : `${label}_${stamp}`;
  }

  deviceName(profile: EnrollmentProfile, model: HardwareModel, user: DemoUser | null, managedName: string): string {
    const rng = this.rng;
    switch (profile.naming) {
      case 'assetTag': {
        const kind = model.role === 'vm' ? 'VM' : model.chassis === 'desktop' ? 'DT' : 'LT';
        return `${this.prefix}-${kind}-${this.assetNumber(kind)}`;
      }
      case 'oemDefault':
        return `${model.chassis === 'desktop' ? 'DESKTOP' : 'LAPTOP'}-${this.random(7)}`;
      case 'cloudPc': {
        const alias = user ? userAlias(user).replace(/[^a-z]/gi, '').slice(0, 5) : 'cpc';
        return `CPC-${alias}-${this.random(5)}`;
      }
      case 'kiosk':
        return `${this.prefix}-${profile.platform === 'android' ? 'SCAN' : 'KIOSK'}-${this.assetNumber(profile.platform)}`;
      case 'appleShared':
        return model.chassis === 'tablet' ? 'iPad' : 'iPhone';
      case 'appleCorporate':
        return user && rng.chance(0.35) ? possessive(user, model) : model.chassis === 'tablet' ? 'iPad' : 'iPhone';
      case 'possessive': {
        const roll = rng.next();
        if (!user || roll < 0.15) return model.chassis === 'tablet' ? 'iPad' : 'iPhone';
        return roll < 0.2 ? model.marketingName : possessive(user, model);
      }
      case 'macHost': {
        if (user && rng.chance(0.5)) return possessive(user, model);
        const host = model.marketingName.replace(/\s+/g, '-');
        return rng.chance(0.3) ? `${host}-${rng.int(2, 9)}` : host;
      }
      case 'androidEnterprise':
        return managedName;
      case 'marketingName':
        return user && rng.chance(0.15) ? `${user.givenName}'s ${model.marketingName}` : model.marketingName;
    }
  }

  private assetNumber(kind: string): string {
    const next = (this.counters.get(kind) ?? 0) + 1;
    const reuse = next > 20 && this.rng.chance(REUSED_TAG_SHARE);
    const n = reuse ? this.rng.int(1, next - 1) : next;
    if (!reuse) this.counters.set(kind, next);
    return String(n).padStart(this.digits, '0');
  }

  private random(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALNUM[Math.floor(this.rng.next() * ALNUM.length)];
    return out;
  }
}

function possessive(user: DemoUser, model: HardwareModel): string {
  const noun = model.platform === 'macos' ? model.marketingName : model.chassis === 'tablet' ? 'iPad' : 'iPhone';
  return `${user.givenName}'s ${noun}`;
}
