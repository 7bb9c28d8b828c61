import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_CHIPS, chipCount, nextSort, queryKey, queryView, toDeviceFilter, toggleChip } from '../../src/renderer/features/devices/device-filter.ts';

const SORT = { column: 'deviceName', direction: 'asc' } as const;

test('no chips means no filter: the whole inventory', () => {
  assert.equal(toDeviceFilter(NO_CHIPS, 30), undefined);
  assert.equal(chipCount(NO_CHIPS), 0);
});

test('chips become the DeviceFilter the inventory understands, with N from settings', () => {
  let chips = toggleChip(NO_CHIPS, 'operatingSystem', 'Windows');
  chips = toggleChip(chips, 'operatingSystem', 'iOS');
  chips = toggleChip(chips, 'complianceState', 'noncompliant');
  chips = toggleChip(chips, 'category', 'Kiosk');
  chips = { ...chips, stale: true };
  assert.deepEqual(toDeviceFilter(chips, 45), {
    operatingSystem: ['Windows', 'iOS'],
    complianceState: ['noncompliant'],
    category: ['Kiosk'],
    staleForMoreThanDays: 45,
  });
  assert.equal(chipCount(chips), 5);
});

test('toggling a chip twice removes it', () => {
  const once = toggleChip(NO_CHIPS, 'ownership', 'personal');
  assert.deepEqual(once.ownership, ['personal']);
  assert.deepEqual(toggleChip(once, 'ownership', 'personal').ownership, []);
});

test('the search is trimmed, and blank is no search', () => {
  assert.equal(queryView('   ', NO_CHIPS, 30, SORT).search, undefined);
  assert.equal(queryView('  surface ', NO_CHIPS, 30, SORT).search, 'surface');
});

test('the query key is the same whatever order chips were picked in, and differs for any real change', () => {
  const a = toggleChip(toggleChip(NO_CHIPS, 'operatingSystem', 'Windows'), 'operatingSystem', 'iOS');
  const b = toggleChip(toggleChip(NO_CHIPS, 'operatingSystem', 'iOS'), 'operatingSystem', 'Windows');
  assert.equal(queryKey(queryView('x', a, 30, SORT)), queryKey(queryView('x', b, 30, SORT)));
  assert.notEqual(queryKey(queryView('x', a, 30, SORT)), queryKey(queryView('y', a, 30, SORT)));
  assert.notEqual(queryKey(queryView('x', a, 30, SORT)), queryKey(queryView('x', a, 30, { column: 'deviceName', direction: 'desc' })));
  assert.notEqual(queryKey(queryView('', { ...a, stale: true }, 30, SORT)), queryKey(queryView('', { ...a, stale: true }, 31, SORT)));
  // The stale days only matter while the stale chip is on.
  assert.equal(queryKey(queryView('', a, 30, SORT)), queryKey(queryView('', a, 90, SORT)));
});

test('a header click sorts a new column ascending and flips the current one', () => {
  assert.deepEqual(nextSort(SORT, 'lastSyncDateTime'), { column: 'lastSyncDateTime', direction: 'asc' });
  assert.deepEqual(nextSort(SORT, 'deviceName'), { column: 'deviceName', direction: 'desc' });
  assert.deepEqual(nextSort({ column: 'deviceName', direction: 'desc' }, 'deviceName'), { column: 'deviceName', direction: 'asc' });
});
