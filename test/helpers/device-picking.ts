// Picks devices for a remote-action test from a Graph device list, by the same reading of the
// stored properties the tenant uses to decide where an action applies, so a test asks for
// "a supervised iPhone" rather than hard-coding an id that another seed would not have.
import type { DevicePlatform } from '../../src/emulator/graph/actions/platform.ts';
import { platformOf } from '../../src/emulator/graph/actions/platform.ts';
import type { JsonObject } from '../../src/emulator/graph/model/json.ts';

export interface ListedDevice {
  readonly id: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly platform: DevicePlatform;
}

export function listedDevices(items: readonly Record<string, unknown>[]): ListedDevice[] {
  return items.map((props) => ({ id: String(props['id']), props, platform: platformOf(props as JsonObject) }));
}

/** Devices matching `matches` that no earlier pick took, so tests never share a device by accident. */
export class DevicePicker {
  private readonly devices: readonly ListedDevice[];
  private readonly taken = new Set<string>();

  constructor(devices: readonly ListedDevice[]) {
    this.devices = devices;
  }

  pick(what: string, matches: (device: ListedDevice) => boolean): ListedDevice {
    const found = this.devices.find((d) => !this.taken.has(d.id) && d.props['managementState'] === 'managed' && matches(d));
    if (!found) throw new Error(`No unused managed device is ${what}`);
    this.taken.add(found.id);
    return found;
  }
}
