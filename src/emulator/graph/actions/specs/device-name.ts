// The names setDeviceName accepts, per platform, as the rename docs list them
// (memdocs device-management/actions/rename.md).
import type { DevicePlatform } from '../platform.ts';

const WINDOWS_MAX = 63;
// Not stated for other platforms [U]; a bound keeps a pasted paragraph out of the list.
const OTHER_MAX = 255;

export function deviceNameProblem(name: string, platform: DevicePlatform): string | undefined {
  if (name.trim() === '') return 'The device name must not be empty.';
  if (platform.family === 'windows') {
    if (name.length > WINDOWS_MAX) return `A Windows device name can have at most ${WINDOWS_MAX} characters.`;
    // Letters, digits and hyphens in ASCII; any character from 0x80 up is allowed.
    if (!/^(?:[A-Za-z0-9-]|\P{ASCII})+$/u.test(name)) return 'A Windows device name can contain only letters, numbers and hyphens, without spaces.';
    if (/^[0-9]+$/.test(name)) return 'A Windows device name must not consist only of numbers.';
    return undefined;
  }
  if (name.length > OTHER_MAX) return `The device name can have at most ${OTHER_MAX} characters.`;
  if (!/^[\p{L}\p{N}-]+$/u.test(name)) return 'The device name can contain only letters, numbers and hyphens.';
  if ((platform.family === 'ios' || platform.family === 'macos') && !/[\p{L}-]/u.test(name)) {
    return 'The device name must contain at least one letter or hyphen.';
  }
  return undefined;
}
