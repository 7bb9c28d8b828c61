// Small predicates for "this action supports the following platforms" lists.
import type { AndroidMode, DevicePlatform, OsFamily } from '../platform.ts';

export type Support = (platform: DevicePlatform) => boolean;

export function families(...list: readonly OsFamily[]): Support {
  return (p) => list.includes(p.family);
}

export function android(...modes: readonly AndroidMode[]): Support {
  return (p) => p.family === 'android' && p.android !== undefined && modes.includes(p.android);
}

export const supervisedIos: Support = (p) => p.family === 'ios' && p.supervised;

export const corporate = (rule: Support): Support => (p) => p.corporate && rule(p);

export function anyOf(...rules: readonly Support[]): Support {
  return (p) => rules.some((rule) => rule(p));
}

export const CORPORATE_ANDROID = android('dedicated', 'fullyManaged', 'corporateWorkProfile');
