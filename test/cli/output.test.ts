// The CLI's text formats on their own: CSV quoting and formula safety, table alignment and
// fitting, and the --filter and --sort grammar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDeviceFilter, parseDeviceSort } from '../../src/cli/device-filter.ts';
import { csvField, csvLine } from '../../src/cli/output/csv.ts';
import { renderTable } from '../../src/cli/output/table.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { parseCsv } from './helpers/csv.ts';

describe('CSV', () => {
  test('quotes what RFC 4180 needs quoted, and doubles quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(null), '');
    assert.equal(csvLine(['a', 1, true, null]), 'a,1,true,\r\n');
  });

  test('text that a spreadsheet would run as a formula gets a leading apostrophe', () => {
    for (const cell of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const field = csvField(cell);
      const [[read]] = parseCsv(`${field}\r\n`) as [[string]];
      assert.equal(read, `'${cell}`, cell);
    }
    assert.equal(csvField(-5), '-5', 'a number is not a formula');
    assert.equal(csvField('a=b'), 'a=b');
  });
});

describe('tables', () => {
  test('columns line up', () => {
    const text = renderTable(['NAME', 'OS'], [['Lee\'s iPhone', 'iOS'], ['CONTOSO-LT-0002', 'Windows']]);
    assert.equal(text, 'NAME             OS\n---------------  -------\nLee\'s iPhone     iOS\nCONTOSO-LT-0002  Windows\n');
  });

  test('a table wider than the terminal gives way in its widest columns', () => {
    const text = renderTable(['NAME', 'USER', 'ID'], [['A very long device name indeed', 'someone@contoso.onmicrosoft.com', '6f1c2d3e-0000-4000-8000-000000000001']], { maxWidth: 60 });
    for (const line of text.trimEnd().split('\n')) assert.ok([...line].length <= 60, line);
    assert.match(text, /…/);
  });

  test('control characters in a cell cannot break the layout', () => {
    const text = renderTable(['NAME'], [['evil\u001b[2Jname\nnext']]);
    assert.equal(text.includes(String.fromCharCode(27)), false);
    assert.equal(text.split('\n').length, 4);
  });
});

describe('--filter and --sort', () => {
  test('named keys, alternatives, repeated keys and column conditions', () => {
    assert.deepEqual(parseDeviceFilter(['os=Windows,compliance=noncompliant'], 'devices'), { operatingSystem: ['Windows'], complianceState: ['noncompliant'] });
    assert.deepEqual(parseDeviceFilter(['os=Windows|macOS', 'os=iOS', 'stale=30', 'ownership=Personal'], 'devices'), {
      operatingSystem: ['Windows', 'macOS', 'iOS'],
      ownership: ['personal'],
      staleForMoreThanDays: 30,
    });
    assert.deepEqual(parseDeviceFilter(['model~Surface,isEncrypted=false,lastSyncDateTime<2026-01-01,serial!=', 'category=Sales, Europe'], 'devices'), {
      category: ['Sales, Europe'],
      conditions: [
        { column: 'model', op: 'contains', value: 'Surface' },
        { column: 'isEncrypted', op: 'eq', value: false },
        { column: 'lastSyncDateTime', op: 'lt', value: '2026-01-01T00:00:00.000Z' },
        { column: 'serialNumber', op: 'isNotNull' },
      ],
    });
  });

  test('unknown keys and bad values are usage errors', () => {
    assert.throws(() => parseDeviceFilter(['colour=red'], 'devices'), (e: unknown) => e instanceof UsageError && /Unknown filter key "colour"/.test(e.message));
    assert.throws(() => parseDeviceFilter(['os~Win'], 'devices'), UsageError);
    assert.throws(() => parseDeviceFilter(['freeStorageSpaceInBytes~1'], 'devices'), UsageError);
  });

  test('sort by column or short name, either direction', () => {
    assert.deepEqual(parseDeviceSort('lastSync:desc', 'devices'), { column: 'lastSyncDateTime', direction: 'desc' });
    assert.deepEqual(parseDeviceSort('-name', 'devices'), { column: 'deviceName', direction: 'desc' });
    assert.deepEqual(parseDeviceSort('serialnumber', 'devices'), { column: 'serialNumber', direction: 'asc' });
    assert.equal(parseDeviceSort(undefined, 'devices'), undefined);
    assert.throws(() => parseDeviceSort('colour', 'devices'), UsageError);
  });
});
