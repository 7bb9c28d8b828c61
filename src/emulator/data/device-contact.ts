// Phone numbers and carriers for corporate phones, and the category a device lands in.
// Numbers come from ranges reserved for fiction (555-01xx in the US, 07700 900xxx in the UK).
import type { SeededRandom } from '../rng.ts';
import type { EnrollmentProfile } from './device-profiles.ts';
import type { DemoUser } from './users.ts';

const CARRIERS: Readonly<Record<string, readonly string[]>> = {
  US: ['Verizon', 'AT&T', 'T-Mobile'],
  GB: ['EE', 'Vodafone UK', 'O2 - UK'],
  DE: ['Telekom.de', 'Vodafone.de'],
  FR: ['Orange F', 'SFR'],
  SE: ['Telia', 'Tele2'],
  AU: ['Telstra', 'Optus'],
  SG: ['Singtel', 'StarHub'],
};

export function carrierFor(rng: SeededRandom, country: string): string {
  return rng.pick(CARRIERS[country] ?? CARRIERS['US'] ?? ['Verizon']);
}

/** Only corporate phones report a number; Intune does not collect it from personal devices. */
export function phoneNumberFor(rng: SeededRandom, country: string): string {
  if (country === 'GB') return `+447700900${String(rng.int(0, 999)).padStart(3, '0')}`;
  return `+142555501${String(rng.int(0, 99)).padStart(2, '0')}`;
}

export function iccidCountryCode(country: string): string {
  return country === 'GB' ? '44' : country === 'DE' ? '49' : country === 'FR' ? '33' : '01';
}

const CATEGORY_OF_DEPARTMENT: Readonly<Record<string, string>> = {
  Sales: 'Sales',
  Engineering: 'Engineering',
  IT: 'Engineering',
  Finance: 'Finance',
  'Field Service': 'Field Service',
  Executive: 'Executive',
};

/** The category the user picked in Company Portal (or IT preassigned), or null for "Unknown". */
export function categoryFor(rng: SeededRandom, profile: EnrollmentProfile, user: DemoUser | null): string | null {
  if (profile.fixedCategory) return profile.fixedCategory;
  if (!user) return null;
  const mapped = CATEGORY_OF_DEPARTMENT[user.department] ?? null;
  if (profile.owner === 'personal') return mapped && rng.chance(0.2) ? mapped : null;
  return mapped && rng.chance(0.85) ? mapped : null;
}
