// The evaluator on its own: bound against managedDevice without the service's rules, so every
// operator and type can be exercised (the rules are tested in managed-device-filter-rules.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion, StructuredType } from '../../../../src/emulator/graph/model/schema.ts';
import { bindFilter } from '../../../../src/emulator/graph/odata/filter/binder.ts';
import { compileFilter } from '../../../../src/emulator/graph/odata/filter/compile.ts';
import { planFilter } from '../../../../src/emulator/graph/odata/filter/filter-plan.ts';
import { parseFilterSyntax } from '../../../../src/emulator/graph/odata/filter/parser.ts';
import { assertBadRequest, device } from './helpers.ts';

function typeOf(version: GraphVersion, name: string): StructuredType {
  const t = intuneSchema.type(version, name);
  assert.ok(t);
  return t;
}

const records: EntityRecord[] = [
  device(1, { deviceName: 'DESKTOP-ALPHA', complianceState: 'compliant', lastSyncDateTime: '2024-06-01T10:00:00Z', skuNumber: 4, isEncrypted: true, roleScopeTagIds: ['0', '7'], hardwareInformation: { serialNumber: 'HW-1', batteryLevelPercentage: 80 }, usersLoggedOn: [{ userId: 'u1', lastLogOnDateTime: '2024-06-01T09:00:00Z' }] }),
  device(2, { deviceName: 'desktop-beta', complianceState: 'noncompliant', lastSyncDateTime: '2024-06-02T10:00:00.5+02:00', skuNumber: 48, isEncrypted: false, roleScopeTagIds: ['0'], notes: null }),
  device(3, { deviceName: "O'Brien's iPhone", operatingSystem: 'iOS', complianceState: 'inGracePeriod', lastSyncDateTime: '2023-12-31T23:59:59Z', roleScopeTagIds: [], notes: 'loaner' }),
  device(4, { deviceName: 'MAC-01', operatingSystem: 'macOS', complianceState: 'unknown', azureADDeviceId: null, isEncrypted: false, lastSyncDateTime: '2024-03-01T00:00:00Z' }),
];

/** Names of the records a filter keeps, evaluated with every clause applied. */
function matching(filter: string, version: GraphVersion = 'beta'): string[] {
  const bound = bindFilter(parseFilterSyntax(filter), { version, type: typeOf(version, 'managedDevice'), text: filter });
  const test = compileFilter(bound);
  return records.filter((r) => test(r.props)).map((r) => String(r.props['deviceName']));
}

describe('filter evaluator: operators', () => {
  it('eq / ne on strings ignore case', () => {
    assert.deepEqual(matching("deviceName eq 'desktop-alpha'"), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching("deviceName ne 'DESKTOP-ALPHA'"), ['desktop-beta', "O'Brien's iPhone", 'MAC-01']);
    assert.deepEqual(matching("deviceName eq 'O''Brien''s iPhone'"), ["O'Brien's iPhone"]);
  });

  it('gt ge lt le on numbers', () => {
    assert.deepEqual(matching('skuNumber gt 4'), ['desktop-beta']);
    assert.deepEqual(matching('skuNumber ge 4'), ['DESKTOP-ALPHA', 'desktop-beta']);
    // Unstored non-nullable Int32 defaults to 0.
    assert.deepEqual(matching('skuNumber lt 4'), ["O'Brien's iPhone", 'MAC-01']);
    assert.deepEqual(matching('skuNumber le 4'), ['DESKTOP-ALPHA', "O'Brien's iPhone", 'MAC-01']);
  });

  it('compares date-times as instants, across offsets and precision', () => {
    assert.deepEqual(matching('lastSyncDateTime gt 2024-06-01T10:00:00Z'), ['desktop-beta']);
    assert.deepEqual(matching('lastSyncDateTime eq 2024-06-02T08:00:00.5Z'), ['desktop-beta']);
    assert.deepEqual(matching('lastSyncDateTime lt 2024-01-01'), ["O'Brien's iPhone"]);
    assert.deepEqual(matching('lastSyncDateTime ge 2024-06-01T10:00:00Z and lastSyncDateTime le 2024-06-01T10:00:00Z'), ['DESKTOP-ALPHA']);
  });

  it('contains / startswith / endswith ignore case', () => {
    assert.deepEqual(matching("contains(deviceName, 'desk')"), ['DESKTOP-ALPHA', 'desktop-beta']);
    assert.deepEqual(matching("startsWith(deviceName, 'mac')"), ['MAC-01']);
    assert.deepEqual(matching("endswith(deviceName, 'IPHONE')"), ["O'Brien's iPhone"]);
    assert.deepEqual(matching("contains(deviceName, '.*')"), [], 'literal text, not a pattern');
  });

  it('and, or, not and parentheses', () => {
    assert.deepEqual(matching("operatingSystem eq 'Windows' and complianceState eq 'noncompliant'"), ['desktop-beta']);
    assert.deepEqual(matching("operatingSystem eq 'iOS' or operatingSystem eq 'macOS'"), ["O'Brien's iPhone", 'MAC-01']);
    assert.deepEqual(matching("not (operatingSystem eq 'Windows')"), ["O'Brien's iPhone", 'MAC-01']);
    assert.deepEqual(matching("(operatingSystem eq 'iOS' or isEncrypted) and complianceState ne 'inGracePeriod'"), ['DESKTOP-ALPHA']);
  });

  it('in (...)', () => {
    assert.deepEqual(matching("complianceState in ('compliant', 'unknown')"), ['DESKTOP-ALPHA', 'MAC-01']);
    assert.deepEqual(matching("operatingSystem in ('ios')"), ["O'Brien's iPhone"]);
  });

  it('a bare boolean property, and boolean literals', () => {
    assert.deepEqual(matching('isEncrypted'), ['DESKTOP-ALPHA', "O'Brien's iPhone"]);
    assert.deepEqual(matching('isEncrypted eq false'), ['desktop-beta', 'MAC-01']);
    assert.deepEqual(matching('true'), records.map((r) => String(r.props['deviceName'])));
  });

  it('any / all over collections, and paths into complex values', () => {
    assert.deepEqual(matching("roleScopeTagIds/any(t: t eq '7')"), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching("roleScopeTagIds/all(t: t eq '0')"), ['desktop-beta', "O'Brien's iPhone", 'MAC-01']);
    assert.deepEqual(matching('roleScopeTagIds/any()'), ['DESKTOP-ALPHA', 'desktop-beta']);
    assert.deepEqual(matching("usersLoggedOn/any(u: u/userId eq 'u1')"), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching('usersLoggedOn/any(u: u/lastLogOnDateTime gt 2024-05-01T00:00:00Z and not (u/userId eq null))'), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching('usersLoggedOn/any(u: u/lastLogOnDateTime lt 2024-05-01T00:00:00Z)'), []);
    assert.deepEqual(matching("roleScopeTagIds/any(t: t in ('7', '9') or startswith(t, 'x'))"), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching("hardwareInformation/serialNumber eq 'hw-1'"), ['DESKTOP-ALPHA']);
    assert.deepEqual(matching('hardwareInformation/batteryLevelPercentage gt 50'), ['DESKTOP-ALPHA']);
  });
});

describe('filter evaluator: enums', () => {
  it('accepts plain and type-qualified enum literals', () => {
    assert.deepEqual(matching("complianceState eq 'inGracePeriod'"), ["O'Brien's iPhone"]);
    assert.deepEqual(matching("complianceState eq microsoft.graph.complianceState'noncompliant'"), ['desktop-beta']);
  });

  it('orders enums by declaration order', () => {
    // v1.0 order: unknown, compliant, noncompliant, conflict, error, inGracePeriod, configManager.
    assert.deepEqual(matching("complianceState gt 'noncompliant'", 'v1.0'), ["O'Brien's iPhone"]);
  });

  it('rejects members that do not exist, and the wrong enum type', () => {
    assertBadRequest(() => matching("complianceState eq 'great'"), "The string 'great' is not a valid enumeration type constant.");
    assertBadRequest(
      () => matching("complianceState eq microsoft.graph.managementAgentType'mdm'"),
      "A binary operator with incompatible types was detected. Found operand types 'microsoft.graph.complianceState' and 'microsoft.graph.managementAgentType' for operator kind 'Equal'.",
    );
  });
});

describe('filter evaluator: null', () => {
  it('eq null and ne null, with unset nullable properties counting as null', () => {
    assert.deepEqual(matching('azureADDeviceId eq null'), ['MAC-01']);
    assert.deepEqual(matching('notes eq null'), ['DESKTOP-ALPHA', 'desktop-beta', 'MAC-01']);
    assert.deepEqual(matching('notes ne null'), ["O'Brien's iPhone"]);
  });

  it('null never satisfies an ordering comparison or a text function', () => {
    assert.deepEqual(matching("notes gt 'a'"), ["O'Brien's iPhone"]);
    assert.deepEqual(matching("contains(notes, 'o')"), ["O'Brien's iPhone"]);
    assert.deepEqual(matching('skuNumber gt null'), []);
  });
});

describe('filter binder: type checks', () => {
  it('rejects literals of the wrong type with the OData message', () => {
    assertBadRequest(
      () => matching("freeStorageSpaceInBytes eq '5'"),
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int64' and 'Edm.String' for operator kind 'Equal'.",
    );
    assertBadRequest(
      () => matching("lastSyncDateTime gt '2024-01-01T00:00:00Z'"),
      "A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThan'.",
    );
    assertBadRequest(
      () => matching('5 lt deviceName'),
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'LessThan'.",
    );
    assertBadRequest(() => matching("isEncrypted eq 'true'"), /operand types 'Edm.Boolean' and 'Edm.String'/);
  });

  it('rejects properties that do not exist', () => {
    assertBadRequest(() => matching("foo eq 'x'"), "Could not find a property named 'foo' on type 'microsoft.graph.managedDevice'.");
    assertBadRequest(() => matching("hardwareInformation/nope eq 'x'"), "Could not find a property named 'nope' on type 'microsoft.graph.hardwareInformation'.");
    // Beta-only property on v1.0.
    assertBadRequest(() => matching("skuFamily eq 'x'", 'v1.0'), "Could not find a property named 'skuFamily' on type 'microsoft.graph.managedDevice'.");
  });

  it('resolves property names case-insensitively, as Graph does', () => {
    assert.deepEqual(matching("DeviceName eq 'MAC-01'"), ['MAC-01']);
  });

  it('rejects text functions on non-strings and unknown functions', () => {
    assertBadRequest(() => matching("contains(skuNumber, '4')"), /^No function signature for the function with name 'contains' matches the specified arguments/);
    assertBadRequest(() => matching("frobnicate(deviceName, 'x')"), /^An unknown function with name 'frobnicate' was found/);
  });

  it('rejects a filter that is not boolean', () => {
    assertBadRequest(() => matching('deviceName'), 'The $filter expression must evaluate to a single boolean value.');
    assertBadRequest(() => matching("'x'"), 'The $filter expression must evaluate to a single boolean value.');
  });
});

describe('filter plan for other entity types', () => {
  it('applies every operator to every primitive property', () => {
    const type = typeOf('v1.0', 'deviceCategory');
    const plan = planFilter("displayName ne 'Kiosk' and startswith(description, 'shared')", { version: 'v1.0', type, count: false });
    assert.equal(plan.ignored.length, 0);
    assert.equal(plan.matches({ id: '1', displayName: 'Lab', description: 'Shared lab devices' }), true);
    assert.equal(plan.matches({ id: '2', displayName: 'Kiosk', description: 'Shared kiosks' }), false);
  });

  it('refuses what it cannot evaluate instead of widening the result', () => {
    const type = typeOf('v1.0', 'deviceCategory');
    assertBadRequest(() => planFilter("tolower(displayName) eq 'lab'", { version: 'v1.0', type, count: false }), /not evaluated by the demo tenant/);
  });

  it('runs as a plain predicate over 100,000 records', () => {
    const type = typeOf('v1.0', 'managedDevice');
    const plan = planFilter("deviceName eq 'DEVICE-99999' and lastSyncDateTime gt 2024-01-01T00:00:00Z", { version: 'v1.0', type, count: false });
    let hits = 0;
    for (let i = 0; i < 100000; i++) if (plan.matches({ deviceName: i === 99999 ? 'device-99999' : 'x', lastSyncDateTime: '2024-06-01T00:00:00Z' })) hits++;
    assert.equal(hits, 1);
  });
});
