// Small builders for OData tests: synthetic records without the data generator.
import assert from 'node:assert/strict';
import { DeviceCollection } from '../../../../src/emulator/graph/model/device-collection.ts';
import { entityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { MutableJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { ODataError } from '../../../../src/emulator/graph/odata/odata-error.ts';

/** A deterministic GUID for test item `n`. */
export function guid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0000${hex.slice(0, 4)}-aaaa-4bbb-8ccc-${hex}`;
}

export function device(n: number, props: MutableJsonObject = {}): EntityRecord {
  return entityRecord('managedDevice', {
    id: guid(n),
    deviceName: `DEVICE-${String(n).padStart(5, '0')}`,
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.1',
    complianceState: 'compliant',
    managementAgent: 'mdm',
    managedDeviceOwnerType: 'company',
    enrolledDateTime: '2024-01-01T00:00:00Z',
    lastSyncDateTime: '2024-06-01T12:00:00Z',
    userPrincipalName: `user${n}@contoso.com`,
    emailAddress: `user${n}@contoso.com`,
    azureADDeviceId: guid(100000 + n),
    model: 'Surface Laptop 5',
    manufacturer: 'Microsoft Corporation',
    serialNumber: `SN${n}`,
    jailBroken: 'Unknown',
    isEncrypted: true,
    totalStorageSpaceInBytes: 256000000000,
    freeStorageSpaceInBytes: 128000000000,
    ...props,
  });
}

export function devices(records: readonly EntityRecord[]): DeviceCollection {
  const c = new DeviceCollection();
  c.putAll(records);
  return c;
}

/** Asserts that `fn` throws a 400 ODataError whose message matches. */
export function assertBadRequest(fn: () => unknown, message: string | RegExp): ODataError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ODataError, `expected an ODataError, got ${String(caught)}`);
  assert.equal(caught.status, 400);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

