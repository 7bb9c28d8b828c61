import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextActiveRow } from '../../src/renderer/features/devices/grid-keys.ts';

test('arrows move one row and stop at the ends', () => {
  assert.equal(nextActiveRow('ArrowDown', 0, 100, 20), 1);
  assert.equal(nextActiveRow('ArrowUp', 0, 100, 20), 0);
  assert.equal(nextActiveRow('ArrowDown', 99, 100, 20), 99);
});

test('page keys move a screenful less one row, so the last row seen stays in view', () => {
  assert.equal(nextActiveRow('PageDown', 0, 100_000, 20), 19);
  assert.equal(nextActiveRow('PageUp', 10, 100_000, 20), 0);
  assert.equal(nextActiveRow('PageDown', 99_990, 100_000, 20), 99_999);
});

test('Home and End go to the first and last device; other keys do not move', () => {
  assert.equal(nextActiveRow('End', 3, 100_000, 20), 99_999);
  assert.equal(nextActiveRow('Home', 500, 100_000, 20), 0);
  assert.equal(nextActiveRow('a', 5, 100, 20), undefined);
  assert.equal(nextActiveRow('ArrowDown', 0, 0, 20), undefined);
});
