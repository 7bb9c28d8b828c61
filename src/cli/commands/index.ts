// Every command, in the order the help lists them.
import type { CommandSpec } from '../command.ts';
import { demo } from './demo.ts';
import { device } from './device.ts';
import { devices } from './devices.ts';
import { exportCommand } from './export.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { sync } from './sync.ts';
import { tenants } from './tenants.ts';

export const COMMANDS: readonly CommandSpec[] = [login, logout, tenants, sync, devices, device, exportCommand, demo];

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
