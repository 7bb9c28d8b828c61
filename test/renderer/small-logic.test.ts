import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityEntry, DeviceRow } from '../../src/shared/bridge/api.ts';
import { newestFirst } from '../../src/renderer/features/activity/activity-wording.ts';
import { StaticRows, sortRows } from '../../src/renderer/features/devices/static-rows.ts';
import { spinValue } from '../../src/renderer/features/settings/settings-values.ts';

const entry = (id: string, at: string): ActivityEntry => ({ id, at, kind: 'sync', profileId: 'p', summary: id });

test('activity lists newest first whatever order it came in, equal times keeping theirs', () => {
  const list = [entry('a', '2026-11-26T10:00:00Z'), entry('b', '2026-11-26T12:00:00Z'), entry('c', '2026-11-26T12:00:00Z'), entry('d', 'garbled'), entry('e', '2026-11-25T23:00:00Z')];
  assert.deepEqual(newestFirst(list).map((e) => e.id), ['b', 'c', 'a', 'e', 'd']);
});

const row = (id: string, deviceName: string | null, lastSyncDateTime: string | null = null): DeviceRow => ({ id, deviceName, lastSyncDateTime }) as unknown as DeviceRow;

test('my devices sort locally like the inventory: case-insensitive, empty first ascending, ties by id', () => {
  const rows = [row('3', 'beta'), row('1', 'Alpha'), row('2', null), row('0', 'alpha')];
  assert.deepEqual(sortRows(rows, { column: 'deviceName', direction: 'asc' }).map((r) => r.id), ['2', '0', '1', '3']);
  assert.deepEqual(sortRows(rows, { column: 'deviceName', direction: 'desc' }).map((r) => r.id), ['3', '1', '0', '2']);
});

test('a whole list answers every row at once and reports a failure', () => {
  const source = new StaticRows();
  let heard = 0;
  source.subscribe(() => heard++);
  source.show({ offset: 0, rows: [row('b', 'B'), row('a', 'A')], total: 2, asOf: '2026-11-26T10:00:00Z' }, { column: 'deviceName' });
  assert.equal(source.getSnapshot().total, 2);
  assert.equal(source.rowAt(0)?.id, 'a');
  source.fail({ code: 'offline', message: 'no network' });
  assert.equal(source.getSnapshot().problem?.code, 'offline');
  assert.equal(source.getSnapshot().total, 2, 'the rows shown stay');
  assert.equal(heard, 2);
});

test('spin buttons give whole numbers within their range; text that is not a number changes nothing', () => {
  assert.equal(spinValue({ value: 45 }, 1, 365), 45);
  assert.equal(spinValue({ value: null, displayValue: ' 90 ' }, 1, 365), 90);
  assert.equal(spinValue({ value: null, displayValue: '1000' }, 1, 365), 365);
  assert.equal(spinValue({ value: 0 }, 1, 365), 1);
  assert.equal(spinValue({ value: 2.6 }, 0, 1440), 3);
  assert.equal(spinValue({ value: null, displayValue: 'soon' }, 1, 365), undefined);
  assert.equal(spinValue({ value: undefined, displayValue: undefined }, 1, 365), undefined);
});
