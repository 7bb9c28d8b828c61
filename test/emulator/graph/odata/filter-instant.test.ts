// The dateTime reader behind $filter's comparisons must give exactly what Date.parse gives, for
// the canonical values it reads itself and for everything it hands on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantOf } from '../../../../src/emulator/graph/odata/filter/instant.ts';

function same(text: string): void {
  const expected = Date.parse(text);
  assert.ok(Object.is(instantOf(text), expected), `${JSON.stringify(text)}: ${instantOf(text)}, Date.parse says ${expected}`);
}

describe('instantOf', () => {
  it('reads canonical UTC values as Date.parse does, with and without fractions', () => {
    for (const text of ['2024-05-03T10:11:12Z', '1970-01-01T00:00:00Z', '2000-02-29T23:59:59Z', '2024-05-03T10:11:12.5Z', '2024-05-03T10:11:12.05Z', '2024-05-03T10:11:12.123Z', '2024-05-03T10:11:12.1234567Z', '2024-12-31T24:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) same(text);
  });

  it('gives NaN, as Date.parse does, for months, hours, minutes and seconds out of range', () => {
    for (const text of ['2024-13-01T00:00:00Z', '2024-05-03T25:00:00Z', '2024-05-03T10:60:00Z', '2024-05-03T10:11:60Z', '2024-12-31T24:00:01Z', '2024-05-03T10:11:12.Z', '2024-05-0xT10:11:12Z']) {
      assert.ok(Number.isNaN(instantOf(text)), text);
      same(text);
    }
  });

  it('rolls days past the end of a month over as Date.parse does', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-02-30T12:00:00Z']) same(text);
  });

  it('hands offsets, dates alone and other forms to Date.parse', () => {
    for (const text of ['2024-06-02T10:00:00.5+02:00', '2024-06-02', '2024-06-02T10:00Z', 'not a date', '', '2024-06-02T10:00:00']) same(text);
  });

  it('agrees with Date.parse on 20,000 random canonical values', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pad = (v: number, width: number): string => String(v).padStart(width, '0');
    for (let i = 0; i < 20_000; i++) {
      const fraction = ['', `.${pad(next(10), 1)}`, `.${pad(next(1000), 3)}`, `.${pad(next(10_000_000), 7)}`][next(4)] as string;
      same(`${pad(1900 + next(250), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(31), 2)}T${pad(next(25), 2)}:${pad(next(61), 2)}:${pad(next(61), 2)}${fraction}Z`);
    }
  });
});
