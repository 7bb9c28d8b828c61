// The small formatters the data relies on: timestamps, GUIDs, check digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guid, isoSeconds } from '../../../src/emulator/data/flat-strings.ts';
import { isValidLuhn, luhnCheckDigit } from '../../../src/emulator/data/identifiers.ts';
import { namedGuid, tenantSeed } from '../../../src/emulator/data/seeds.ts';
import { enrollmentStamp } from '../../../src/emulator/data/time.ts';
import { SeededRandom } from '../../../src/emulator/rng.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('isoSeconds matches Date#toISOString at whole seconds, including leap days and the sentinels', () => {
  const rng = new SeededRandom(1);
  const samples = [0, -1, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(2000, 1, 29), 253402300799000, -62135596800000];
  for (let i = 0; i < 20000; i++) samples.push(Math.floor((rng.next() * 2 - 0.5) * 4e12));
  for (const ms of samples) assert.equal(isoSeconds(ms), `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`);
  assert.equal(isoSeconds(253402300799000), '9999-12-31T23:59:59Z');
  assert.equal(isoSeconds(-62135596800000), '0001-01-01T00:00:00Z');
});

test('GUIDs are version-4 shaped; named GUIDs are stable; tenant seeds differ per tenant', () => {
  const rng = new SeededRandom(3);
  for (let i = 0; i < 1000; i++) assert.match(guid(rng), GUID);
  assert.match(namedGuid('x'), GUID);
  assert.equal(namedGuid('intune-role:Help Desk Operator'), namedGuid('intune-role:Help Desk Operator'));
  assert.notEqual(namedGuid('a'), namedGuid('b'));
  assert.notEqual(tenantSeed(42, 'tenant-a'), tenantSeed(42, 'tenant-b'));
});

test('Luhn check digits: known IMEI and ICCID examples', () => {
  assert.equal(luhnCheckDigit('49015420323751'), 8);
  assert.ok(isValidLuhn('490154203237518'));
  assert.ok(!isValidLuhn('490154203237519'));
  assert.ok(isValidLuhn('79927398713'));
});

test('managedDeviceName stamps use Intune\'s US date format', () => {
  assert.equal(enrollmentStamp(Date.UTC(2024, 4, 3, 10, 41)), '5/3/2024_10:41 AM');
  assert.equal(enrollmentStamp(Date.UTC(2024, 11, 31, 0, 5)), '12/31/2024_12:05 AM');
  assert.equal(enrollmentStamp(Date.UTC(2024, 11, 31, 13, 0)), '12/31/2024_1:00 PM');
});
