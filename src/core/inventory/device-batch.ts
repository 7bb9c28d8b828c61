// A batch of devices from Graph, checked whole before anything is written.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { ProblemError } from '../problem.ts';
import { projectDevice } from './device-columns.ts';
import type { ProjectedDevice } from './device-columns.ts';

export interface CheckedDevice {
  readonly source: ManagedDevice;
  readonly projected: ProjectedDevice;
}

const MAX_LISTED = 10;

/**
 * Every device projected, or a malformedResponse problem that lists what is wrong (with the
 * device's position and name, so support can find it in the Graph page) and stores nothing.
 */
export function checkDevices(devices: readonly ManagedDevice[]): readonly CheckedDevice[] {
  if (!Array.isArray(devices)) throw malformed(['the devices are not a list']);
  const checked: CheckedDevice[] = new Array<CheckedDevice>(devices.length);
  let problems: string[] | undefined;
  let bad = 0;
  for (let i = 0; i < devices.length; i++) {
    const source = devices[i] as ManagedDevice;
    const projected = projectDevice(source);
    if (Array.isArray(projected)) {
      bad++;
      if ((problems ??= []).length < MAX_LISTED) problems.push(`device ${i + 1}${label(source)}: ${projected.join('; ')}`);
      continue;
    }
    checked[i] = { source, projected: projected as ProjectedDevice };
  }
  if (problems) {
    if (bad > problems.length) problems.push(`and ${bad - problems.length} more`);
    throw malformed(problems, devices.length, bad);
  }
  return checked;
}

function label(source: unknown): string {
  if (typeof source !== 'object' || source === null) return '';
  const { id, deviceName } = source as { id?: unknown; deviceName?: unknown };
  const parts = [typeof deviceName === 'string' ? `"${deviceName}"` : undefined, typeof id === 'string' ? id : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function malformed(problems: readonly string[], total?: number, bad?: number): ProblemError {
  const head = total === undefined ? 'Graph sent devices the inventory cannot store' : `Graph sent ${bad} of ${total} devices in a form the inventory cannot store`;
  return new ProblemError({
    code: 'malformedResponse',
    message: `${head}, so none of this batch was saved: ${problems.join('; ')}.`,
  });
}
