import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvFileName } from '../../src/renderer/features/devices/csv-filename.ts';

const AT = Date.parse('2026-11-26T14:02:59Z');
const SORT = { column: 'deviceName' } as const;

test('the file name carries the tenant, the local date and time, and whether the view was filtered', () => {
  assert.equal(csvFileName('Contoso (demo)', AT, { search: undefined, filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_contoso-demo_2026-11-26_1402.csv');
  assert.equal(csvFileName('Contoso (demo)', AT, { search: 'surf', filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_contoso-demo_2026-11-26_1402_filtered.csv');
  assert.equal(csvFileName('Contoso (demo)', AT, { search: undefined, filter: { staleForMoreThanDays: 30 }, sort: SORT }, 'Asia/Tokyo'), 'intune-devices_contoso-demo_2026-11-26_2302_filtered.csv');
});

test('tenant names are reduced to safe characters; none leaves the part out', () => {
  assert.equal(csvFileName('Ünïcödé / "Fabrikam": EU*', AT, { search: undefined, filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_unicode-fabrikam-eu_2026-11-26_1402.csv');
  assert.equal(csvFileName(undefined, AT, { search: undefined, filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_2026-11-26_1402.csv');
  assert.equal(csvFileName('***', AT, { search: undefined, filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_2026-11-26_1402.csv');
});

test('midnight is 00, not 24', () => {
  assert.equal(csvFileName('x', Date.parse('2026-11-26T00:05:00Z'), { search: undefined, filter: undefined, sort: SORT }, 'UTC'), 'intune-devices_x_2026-11-26_0005.csv');
});
