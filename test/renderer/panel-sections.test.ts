import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HARDWARE_FIELDS, OVERVIEW_FIELDS, fieldRows, propertyText, sectionSource } from '../../src/renderer/features/device-panel/panel-sections.ts';

const NOW = Date.parse('2026-11-26T14:05:00Z');
const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;

test('each section says where its data came from', () => {
  assert.deepEqual(sectionSource({ source: 'live', value: [] }, NOW, UTC), { kind: 'live', text: 'Live' });
  assert.deepEqual(sectionSource({ source: 'cached', asOf: '2026-11-26T14:02:00Z', value: [] }, NOW, UTC), { kind: 'cached', text: 'As of 14:02, 3 min ago' });
  assert.deepEqual(sectionSource({ source: 'cached' }, NOW, UTC), { kind: 'cached', text: 'From the offline inventory' });
  assert.deepEqual(sectionSource({ source: 'unavailable', problem: { code: 'forbidden', message: 'x' } }, NOW, UTC), { kind: 'unavailable', text: 'Not available' });
});

test('properties read as words; empty ones (and Graph’s year-1 "never") are left out', () => {
  assert.equal(propertyText('lastSyncDateTime', '2026-11-26T09:00:00Z', NOW, UTC), '9:00');
  assert.equal(propertyText('enrolledDateTime', '0001-01-01T00:00:00Z', NOW, UTC), undefined);
  assert.equal(propertyText('physicalMemoryInBytes', 16 * 1024 ** 3, NOW, UTC), '16.0 GB');
  assert.equal(propertyText('freeStorageSpaceInBytes', 0, NOW, UTC), undefined);
  assert.equal(propertyText('batteryHealthPercentage', 87, NOW, UTC), '87%');
  assert.equal(propertyText('isEncrypted', false, NOW, UTC), 'No');
  assert.equal(propertyText('model', null, NOW, UTC), undefined);
  assert.equal(propertyText('model', '', NOW, UTC), undefined);
  assert.equal(propertyText('model', 'Surface Laptop 6', NOW, UTC), 'Surface Laptop 6');
});

test('field rows keep the panel’s order and skip what the device lacks', () => {
  const rows = fieldRows({ serialNumber: 'SN1', manufacturer: 'Microsoft', imei: null, model: 'Surface' }, HARDWARE_FIELDS, NOW, UTC);
  assert.deepEqual(rows.map((r) => r.label), ['Manufacturer', 'Model', 'Serial number']);
  assert.equal(new Set(OVERVIEW_FIELDS.map((f) => f.name)).size, OVERVIEW_FIELDS.length);
});

test('states read in the panel as in the grid', () => {
  assert.equal(propertyText('complianceState', 'noncompliant', NOW, UTC), 'Not compliant');
  assert.equal(propertyText('managedDeviceOwnerType', 'company', NOW, UTC), 'Corporate');
});
