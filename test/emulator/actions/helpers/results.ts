// Reading and checking a device's deviceActionResults in tests.
import assert from 'node:assert/strict';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { JsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';

export function entries(device: EntityRecord): readonly JsonObject[] {
  const list = device.props['deviceActionResults'];
  assert.ok(Array.isArray(list), 'deviceActionResults is an array');
  return list.filter(isJsonObject);
}

export function entry(device: EntityRecord, actionName: string): JsonObject {
  const found = entries(device).find((e) => e['actionName'] === actionName);
  assert.ok(found, `${actionName} has an entry in deviceActionResults`);
  return found;
}

/** The device's results are valid Collection(deviceActionResult) values in `version`. */
export function assertConforms(device: EntityRecord, version: GraphVersion): void {
  const problems = intuneSchema.checkValue(version, { name: 'deviceActionResult', collection: true, unverified: false }, device.props['deviceActionResults'], 'managedDevice.deviceActionResults');
  assert.deepEqual(problems, []);
}
