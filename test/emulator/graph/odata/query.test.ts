import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import { parseQuery } from '../../../../src/emulator/graph/odata/query.ts';
import type { CollectionQuery } from '../../../../src/emulator/graph/odata/query.ts';
import { assertBadRequest } from './helpers.ts';

function parse(query: string, options: { version?: GraphVersion; type?: string; inList?: boolean } = {}): CollectionQuery {
  return parseQuery(new URLSearchParams(query), { version: options.version ?? 'v1.0', declaredType: options.type ?? 'managedDevice', inList: options.inList ?? true });
}

describe('query options: $top and $skip', () => {
  it('defaults the page size to 1000 and clamps larger values', () => {
    assert.equal(parse('').top, 1000);
    assert.equal(parse('$top=5').top, 5);
    assert.equal(parse('$top=5000').top, 1000);
    assert.equal(parse('$top=0').top, 0);
  });

  it('rejects negative, non-numeric and empty values with the OData message', () => {
    assertBadRequest(() => parse('$top=-1'), "Invalid value '-1' for $top query option found. The $top query option requires a non-negative integer value.");
    assertBadRequest(() => parse('$top=ten'), "Invalid value 'ten' for $top query option found. The $top query option requires a non-negative integer value.");
    assertBadRequest(() => parse('$top='), "Invalid value '' for $top query option found. The $top query option requires a non-negative integer value.");
    assertBadRequest(() => parse('$top=1.5'), /for \$top query option found/);
    assertBadRequest(() => parse('$skip=-3'), "Invalid value '-3' for $skip query option found. The $skip query option requires a non-negative integer value.");
  });

  it('reads $skip', () => {
    assert.equal(parse('').skip, 0);
    assert.equal(parse('$skip=20').skip, 20);
  });
});

describe('query options: $count', () => {
  it('reads true and false, in any case', () => {
    assert.equal(parse('').count, false);
    assert.equal(parse('$count=true').count, true);
    assert.equal(parse('$count=TRUE').count, true);
    assert.equal(parse('$count=false').count, false);
  });

  it('rejects other values', () => {
    assertBadRequest(() => parse('$count=yes'), "Invalid value 'yes' for $count query option found. Valid values are 'true, false'.");
  });
});

describe('query options: names', () => {
  it('rejects an option given twice', () => {
    assertBadRequest(() => parse('$top=1&$top=2'), "Query option '$top' was specified more than once, but it must be specified at most once.");
    assertBadRequest(() => parse('$filter=a&$FILTER=b'), "Query option '$filter' was specified more than once, but it must be specified at most once.");
  });

  it('rejects an unknown $-option and lets custom parameters through', () => {
    assertBadRequest(() => parse('$foo=1'), "The query parameter '$foo' is not supported.");
    assertBadRequest(() => parse('$deltatoken=abc'), "The query parameter '$deltatoken' is not supported.");
    assert.equal(parse('api-version=1.6&top=3').top, 1000, 'on v1.0, top without $ is a custom parameter');
  });

  it('matches option names case-insensitively', () => {
    assert.equal(parse('$Top=3').top, 3);
  });

  it('accepts options without $ on beta', () => {
    const q = parse("top=3&filter=operatingSystem eq 'iOS'&select=deviceName", { version: 'beta' });
    assert.equal(q.top, 3);
    assert.ok(q.filter);
    assert.deepEqual(q.select, ['deviceName']);
    assertBadRequest(() => parse('top=3&$top=4', { version: 'beta' }), /specified more than once/);
  });

  it('accepts $format and keeps the raw parameters for nextLinks', () => {
    const q = parse('$format=json&$top=2&custom=x');
    assert.deepEqual(q.params, [['$format', 'json'], ['$top', '2'], ['custom', 'x']]);
  });
});

describe('query options: $select', () => {
  it('canonicalizes names and drops duplicates', () => {
    assert.deepEqual(parse('$select=DeviceName,id,deviceName').select, ['deviceName', 'id']);
    assert.equal(parse('$select=*').select, undefined);
    assert.equal(parse('$select=').select, undefined);
  });

  it('rejects unknown names with Graph\'s select message', () => {
    assertBadRequest(() => parse('$select=deviceName,foo'), "Parsing OData Select and Expand failed: Could not find a property named 'foo' on type 'microsoft.graph.managedDevice'.");
  });

  it('rejects beta-only properties on v1.0, and derived-type properties on a base set', () => {
    assertBadRequest(() => parse('$select=skuFamily'), /Could not find a property named 'skuFamily'/);
    assert.deepEqual(parse('$select=skuFamily', { version: 'beta' }).select, ['skuFamily']);
    assertBadRequest(() => parse('$select=passwordRequired', { type: 'deviceConfiguration' }), "Parsing OData Select and Expand failed: Could not find a property named 'passwordRequired' on type 'microsoft.graph.deviceConfiguration'.");
  });
});

describe('query options: $filter, $orderby, $search', () => {
  it('plans the filter and reports ignored clauses', () => {
    const q = parse("$filter=userId eq 'x' and operatingSystem eq 'iOS'");
    assert.ok(q.filter);
    assert.deepEqual(q.ignored.map((i) => i.clause), ["userId eq 'x'"]);
  });

  it('passes filter errors through', () => {
    assertBadRequest(() => parse('$filter=deviceName eq'), "Expression expected at position 13 in 'deviceName eq'.");
  });

  it('treats the /$count segment like $count=true for the azureADDeviceId rule', () => {
    const params = new URLSearchParams("$filter=azureADDeviceId eq 'x'");
    assertBadRequest(() => parseQuery(params, { version: 'v1.0', declaredType: 'managedDevice', inList: true, countSegment: true }), /azureADDeviceId/);
    assertBadRequest(() => parse("$filter=azureADDeviceId eq 'x'&$count=true"), /azureADDeviceId/);
  });

  it('validates $orderby, then ignores it', () => {
    const q = parse('$orderby=deviceName desc, lastSyncDateTime');
    assert.deepEqual(q.orderBy, [{ property: 'deviceName', descending: true }, { property: 'lastSyncDateTime', descending: false }]);
    assert.deepEqual(q.ignored.map((i) => i.reason), ['the service ignores $orderby']);
    assertBadRequest(() => parse('$orderby=foo'), "Could not find a property named 'foo' on type 'microsoft.graph.managedDevice'.");
    assertBadRequest(() => parse('$orderby=deviceName sideways'), /^Syntax error at position/);
  });

  it('accepts $search and notes that it is not applied', () => {
    const q = parse('$search="desktop"');
    assert.equal(q.search, '"desktop"');
    assert.equal(q.ignored.length, 1);
  });
});
