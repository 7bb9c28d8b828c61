// Every per-device action the demo tenant runs, by lower-cased name (URL segments are
// case-insensitive; the schema supplies the exact name).
import type { ActionSpec } from '../spec.ts';
import { APPLE_ACTIONS } from './apple.ts';
import { CHROMEOS_ACTIONS } from './chromeos.ts';
import { EVERYDAY_ACTIONS } from './everyday.ts';
import { UNENROL_ACTIONS } from './unenrol.ts';
import { WINDOWS_ACTIONS } from './windows.ts';

export const DEVICE_ACTION_SPECS: readonly ActionSpec[] = [...EVERYDAY_ACTIONS, ...UNENROL_ACTIONS, ...APPLE_ACTIONS, ...WINDOWS_ACTIONS, ...CHROMEOS_ACTIONS];

const BY_NAME = new Map(DEVICE_ACTION_SPECS.map((s) => [s.name.toLowerCase(), s]));

export function deviceActionSpec(name: string): ActionSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}
