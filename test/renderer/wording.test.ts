import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agoWording, asOfWording, clearsAtWording, countWording, devicesWording, durationWording, timeWording } from '../../src/renderer/app/wording.ts';

const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;
const NOW = Date.parse('2026-11-26T14:05:30Z');

test('as-of wording gives the clock time and how long ago', () => {
  assert.equal(asOfWording('2026-11-26T14:02:00Z', NOW, UTC), 'As of 14:02, 3 min ago');
  assert.equal(asOfWording('2026-11-26T14:05:10Z', NOW, UTC), 'As of 14:05, just now');
  assert.equal(asOfWording('2026-11-26T11:00:00Z', NOW, UTC), 'As of 11:00, 3 h ago');
});

test('as-of wording names the day for an older sync, and the year for last year', () => {
  assert.equal(asOfWording('2026-11-25T09:30:00Z', NOW, UTC), 'As of 25 Nov, 9:30, yesterday');
  assert.equal(asOfWording('2026-11-20T09:30:00Z', NOW, UTC), 'As of 20 Nov, 9:30, 6 days ago');
  assert.match(asOfWording('2025-12-31T23:00:00Z', NOW, UTC), /^As of 31 Dec 2025, 23:00, 329 days ago$/);
});

test('as-of wording says when nothing was synced, and keeps an unreadable time as it came', () => {
  assert.equal(asOfWording(undefined, NOW, UTC), 'Not synced yet');
  assert.equal(asOfWording('yesterday-ish', NOW, UTC), 'As of yesterday-ish');
});

test('a time ahead of the clock (skew) reads "just now", never negative', () => {
  assert.equal(agoWording(NOW + 120_000, NOW), 'just now');
});

test('time wording shows only the clock for today, in the given zone', () => {
  assert.equal(timeWording(Date.parse('2026-11-26T00:30:00Z'), NOW, UTC), '0:30');
  // The same instant is the previous day in New York.
  assert.equal(timeWording(Date.parse('2026-11-26T00:30:00Z'), NOW, { locale: 'en-GB', timeZone: 'America/New_York' }), '25 Nov, 19:30');
});

test('durations round to what a person reads', () => {
  assert.equal(durationWording(0), '0 s');
  assert.equal(durationWording(40.4), '40 s');
  assert.equal(durationWording(179), '3 min');
  assert.equal(durationWording(3600), '1 h');
  assert.equal(durationWording(3900), '1 h 5 min');
  assert.equal(durationWording(-5), '0 s');
});

test('clears-at wording counts down, then says it has cleared', () => {
  assert.equal(clearsAtWording('2026-11-26T14:06:10Z', NOW, UTC), 'Clears at 14:06 (in 40 s)');
  assert.equal(clearsAtWording('2026-11-26T14:00:00Z', NOW, UTC), 'Cleared at 14:00');
});

test('counts use the locale’s grouping and the right noun', () => {
  assert.equal(countWording(100000, { locale: 'en-US' }), '100,000');
  assert.equal(devicesWording(1, { locale: 'en-US' }), '1 device');
  assert.equal(devicesWording(12345, { locale: 'en-US' }), '12,345 devices');
});

test('the clock follows the locale: 24-hour where people read it so, AM/PM where they do', () => {
  const at = Date.parse('2026-11-26T14:02:00Z');
  assert.equal(asOfWording('2026-11-26T14:02:00Z', at + 180_000, UTC), 'As of 14:02, 3 min ago');
  assert.equal(asOfWording('2026-11-26T14:02:00Z', at + 180_000, { locale: 'en-US', timeZone: 'UTC' }), 'As of 2:02 PM, 3 min ago');
});
