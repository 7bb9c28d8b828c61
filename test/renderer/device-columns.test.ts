import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEVICE_COLUMN_NAMES } from '../../src/core/inventory/device-columns.ts';
import type { DeviceRow } from '../../src/shared/bridge/api.ts';
import { ALL_COLUMNS, DEFAULT_COLUMNS, cellText, columnsFromSettings, toggleColumn } from '../../src/renderer/features/devices/device-columns.ts';

const NOW = Date.parse('2026-11-26T14:05:00Z');
const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;

test('the grid offers exactly the columns the inventory keeps, in its order', () => {
  assert.deepEqual([...ALL_COLUMNS], [...DEVICE_COLUMN_NAMES]);
});

test('saved columns: unknown names and repeats are dropped, and nothing left means the defaults', () => {
  assert.deepEqual(columnsFromSettings(['model', 'retiredColumn', 'deviceName', 'model']), ['model', 'deviceName']);
  assert.deepEqual(columnsFromSettings([]), DEFAULT_COLUMNS);
  assert.deepEqual(columnsFromSettings(['nope']), DEFAULT_COLUMNS);
  assert.deepEqual(columnsFromSettings(undefined), DEFAULT_COLUMNS);
});

test('showing a column adds it at the end; hiding keeps at least one', () => {
  assert.deepEqual(toggleColumn(['deviceName'], 'imei'), ['deviceName', 'imei']);
  assert.deepEqual(toggleColumn(['deviceName', 'imei'], 'deviceName'), ['imei']);
  assert.deepEqual(toggleColumn(['imei'], 'imei'), ['imei']);
});

test('cells read as a technician expects: dates, states, booleans, storage, empty for none', () => {
  const row = {
    id: 'd1',
    lastSyncDateTime: '2026-11-26T13:00:00Z',
    enrolledDateTime: '2025-01-02T08:00:00Z',
    complianceState: 'noncompliant',
    managedDeviceOwnerType: 'company',
    isEncrypted: true,
    isSupervised: false,
    totalStorageSpaceInBytes: 256 * 1024 ** 3,
    freeStorageSpaceInBytes: 512 * 1024 ** 2,
    model: null,
    deviceName: 'DESKTOP-1',
  } as unknown as DeviceRow;
  assert.equal(cellText('lastSyncDateTime', row, NOW, UTC), '13:00');
  assert.equal(cellText('enrolledDateTime', row, NOW, UTC), '2 Jan 2025, 8:00');
  assert.equal(cellText('complianceState', row, NOW, UTC), 'Not compliant');
  assert.equal(cellText('managedDeviceOwnerType', row, NOW, UTC), 'Corporate');
  assert.equal(cellText('isEncrypted', row, NOW, UTC), 'Yes');
  assert.equal(cellText('isSupervised', row, NOW, UTC), 'No');
  assert.equal(cellText('totalStorageSpaceInBytes', row, NOW, UTC), '256 GB');
  assert.equal(cellText('freeStorageSpaceInBytes', row, NOW, UTC), '512 MB');
  assert.equal(cellText('model', row, NOW, UTC), '');
  assert.equal(cellText('deviceName', row, NOW, UTC), 'DESKTOP-1');
});
