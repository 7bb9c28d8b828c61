// Seeds and random streams for the generated tenant. Each area of the data draws from
// its own stream, so adding a field to apps never reshuffles devices, and the tenant id
// is mixed in so Contoso and Northwind differ even with the same --seed.
import { SeededRandom } from '../rng.ts';

/** Stream numbers: append new ones, never renumber (that would change existing data). */
export const STREAM = {
  users: 1,
  groups: 2,
  deviceProfile: 3,
  deviceIdentity: 4,
  deviceTime: 5,
  deviceIds: 6,
  detectedApps: 7,
  malware: 8,
  apps: 9,
  appProtection: 10,
  configurations: 11,
  compliance: 12,
  notifications: 13,
  roles: 14,
  enrollment: 15,
  serviceConfig: 16,
  categories: 17,
  branding: 18,
  detail: 19,
  pinnedDevices: 20,
  deviceNames: 21,
  deviceApps: 22,
  deviceStates: 23,
} as const;

export type StreamName = keyof typeof STREAM;

/** FNV-1a over UTF-16 code units: a cheap, stable 32-bit hash of any string. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed every stream of one tenant starts from. */
export function tenantSeed(seed: number, tenantId: string): number {
  return hashString(`${tenantId.toLowerCase()}|${seed}`);
}

export function stream(seed: number, name: StreamName): SeededRandom {
  return new SeededRandom(seed, STREAM[name]);
}

const HEX = '0123456789abcdef';

/**
 * A GUID derived from a name (not random): built-in objects such as role definitions keep
 * the same id in every tenant and for every seed, as Intune's built-ins do.
 */
export function namedGuid(name: string): string {
  let out = '';
  let h = hashString(name);
  for (let i = 0; i < 32; i++) {
    if (i % 8 === 0) h = hashString(`${name}#${i}`, h);
    out += HEX[(h >>> ((i % 8) * 4)) & 0xf];
  }
  const variant = HEX[(parseInt(out[16] as string, 16) & 0x3) | 0x8] as string;
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${variant}${out.slice(17, 20)}-${out.slice(20, 32)}`;
}
