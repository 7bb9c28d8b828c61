// Date conventions of the Intune API (FACTS §3): ISO 8601 in UTC with a Z, whole seconds;
// "0001-01-01T00:00:00Z" where a non-nullable date has no value; "9999-12-31T23:59:59Z"
// as a compliant device's grace-period expiry.
import { isoSeconds } from './flat-strings.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365 * DAY;

export const NO_DATE = '0001-01-01T00:00:00Z';
export const NO_GRACE_PERIOD = '9999-12-31T23:59:59Z';

/** ISO 8601 at whole seconds, as Intune shows its timestamps. */
export function iso(ms: number): string {
  return isoSeconds(ms);
}

/** "5/3/2024_10:41 AM": the date part of Intune's managedDeviceName (en-US, UTC). */
export function enrollmentStamp(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}_${h12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** "2024-05-01": the Android patch level `monthsBehind` months before the given time. */
export function securityPatchLevel(ms: number, monthsBehind: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBehind, 1)).toISOString().slice(0, 10);
}
