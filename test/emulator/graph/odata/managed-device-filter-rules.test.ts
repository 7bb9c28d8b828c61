// The real service's $filter rules on managedDevices (FACTS §3), end to end through planFilter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion, StructuredType } from '../../../../src/emulator/graph/model/schema.ts';
import { planFilter } from '../../../../src/emulator/graph/odata/filter/filter-plan.ts';
import type { FilterPlan } from '../../../../src/emulator/graph/odata/filter/filter-plan.ts';
import { MANAGED_DEVICE_FILTER_RULES } from '../../../../src/emulator/graph/odata/managed-device-filter-rules.ts';
import { ODataError } from '../../../../src/emulator/graph/odata/odata-error.ts';
import { assertBadRequest, device } from './helpers.ts';

function deviceType(version: GraphVersion): StructuredType {
  const t = intuneSchema.type(version, 'managedDevice');
  assert.ok(t);
  return t;
}

const fleet = [
  device(1, { deviceName: 'DESKTOP-1', operatingSystem: 'Windows', complianceState: 'compliant', userId: 'u1', userPrincipalName: 'ana@contoso.com', enrolledDateTime: '2024-01-10T00:00:00Z', managedDeviceOwnerType: 'company', skuFamily: 'Enterprise' }),
  device(2, { deviceName: 'DESKTOP-2', operatingSystem: 'Windows', complianceState: 'noncompliant', userId: 'u2', userPrincipalName: 'bo@contoso.com', enrolledDateTime: '2024-03-10T00:00:00Z', managedDeviceOwnerType: 'personal' }),
  device(3, { deviceName: 'IPHONE-3', operatingSystem: 'iOS', complianceState: 'compliant', userId: 'u1', userPrincipalName: 'ana@contoso.com', enrolledDateTime: '2024-05-10T00:00:00Z', model: 'iPhone 15', phoneNumber: '+1 555 0100' }),
];

function plan(filter: string, options: { count?: boolean; version?: GraphVersion } = {}): FilterPlan {
  const version = options.version ?? 'v1.0';
  return planFilter(filter, { version, type: deviceType(version), count: options.count ?? false });
}

function names(p: FilterPlan): string[] {
  return fleet.filter((d) => p.matches(d.props)).map((d) => String(d.props['deviceName']));
}

const ALL = ['DESKTOP-1', 'DESKTOP-2', 'IPHONE-3'];

describe('managedDevice filter rules: the operator table', () => {
  // One supported clause per row of managedDeviceQueryNotes.filterOperatorsByProperty.
  const rows: readonly (readonly [string, string, readonly string[]])[] = [
    ['azureADDeviceId', `azureADDeviceId eq '${String(fleet[1]?.props['azureADDeviceId'])}'`, ['DESKTOP-2']],
    ['complianceGracePeriodExpirationDateTime', 'complianceGracePeriodExpirationDateTime lt 2000-01-01T00:00:00Z', ALL],
    ['complianceState', "complianceState eq 'noncompliant'", ['DESKTOP-2']],
    ['deviceCategoryDisplayName', "deviceCategoryDisplayName eq 'x'", []],
    ['deviceName', "deviceName eq 'desktop-1'", ['DESKTOP-1']],
    ['emailAddress', "contains(emailAddress, 'user3')", ['IPHONE-3']],
    ['enrolledDateTime', 'enrolledDateTime gt 2024-02-01T00:00:00Z', ['DESKTOP-2', 'IPHONE-3']],
    ['exchangeAccessState', "exchangeAccessState eq 'none'", ALL],
    ['imei', "imei eq '1'", []],
    ['jailBroken', "jailBroken eq 'Unknown'", ALL],
    ['lastSyncDateTime', 'lastSyncDateTime lt 2024-01-01T00:00:00Z', []],
    ['managementAgent', "managementAgent eq 'mdm'", ALL],
    ['managementState', "managementState eq 'managed'", ALL],
    ['manufacturer', "manufacturer eq 'Microsoft Corporation'", ALL],
    ['model', "contains(model, 'iphone')", ['IPHONE-3']],
    ['operatingSystem', "operatingSystem eq 'iOS'", ['IPHONE-3']],
    ['osVersion', "contains(osVersion, '22631')", ALL],
    ['phoneNumber', "contains(phoneNumber, '555')", ['IPHONE-3']],
    ['serialNumber', "serialNumber eq 'SN2'", ['DESKTOP-2']],
    ['userPrincipalName', "userPrincipalName ne 'ana@contoso.com'", ['DESKTOP-2']],
  ];

  it('covers every property the schema notes list', () => {
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...MANAGED_DEVICE_FILTER_RULES.keys()].sort());
  });

  for (const [property, filter, expected] of rows) {
    it(`applies ${filter}`, () => {
      const p = plan(filter);
      assert.deepEqual(p.ignored, [], `${property} should not be ignored`);
      assert.deepEqual(names(p), expected);
    });
  }

  it("allows 'or' on a property whose row says 'or'", () => {
    const p = plan("operatingSystem eq 'iOS' or operatingSystem eq 'Windows' and complianceState eq 'noncompliant'");
    // and binds tighter: iOS, or (Windows and noncompliant) → an 'or' across properties → ignored.
    assert.equal(p.ignored.length, 1);
    const same = plan("(complianceState eq 'noncompliant' or complianceState eq 'compliant') and operatingSystem eq 'Windows'");
    assert.deepEqual(same.ignored, []);
    assert.deepEqual(names(same), ['DESKTOP-1', 'DESKTOP-2']);
    const list = plan("operatingSystem in ('iOS', 'macOS')");
    assert.deepEqual(list.ignored, []);
    assert.deepEqual(names(list), ['IPHONE-3']);
  });

  it("accepts startswith on deviceName (observed), and the 'and' of supported clauses", () => {
    const p = plan("startswith(deviceName,'DESK') and complianceState eq 'compliant'");
    assert.deepEqual(p.ignored, []);
    assert.deepEqual(names(p), ['DESKTOP-1']);
  });
});

describe('managedDevice filter rules: unsupported clauses are ignored', () => {
  it('ignores a clause on a property that is not filterable (userId eq)', () => {
    const p = plan("userId eq 'u1'");
    assert.deepEqual(names(p), ALL);
    assert.deepEqual(p.ignored, [{ clause: "userId eq 'u1'", reason: "'userId' is not filterable on managedDevices" }]);
  });

  it('ignores an operator the property does not allow (ne on operatingSystem) but keeps the rest', () => {
    const p = plan("operatingSystem ne 'Windows' and complianceState eq 'compliant'");
    assert.deepEqual(names(p), ['DESKTOP-1', 'IPHONE-3']);
    assert.deepEqual(p.ignored.map((i) => i.clause), ["operatingSystem ne 'Windows'"]);
  });

  it('ignores ne on managedDeviceOwnerType, beta-only skuFamily, ge on a lt/gt property, endswith', () => {
    for (const filter of ["managedDeviceOwnerType ne 'personal'", 'enrolledDateTime ge 2024-02-01T00:00:00Z', "endswith(deviceName,'1')", "contains(deviceName,'x') eq false"]) {
      const p = plan(filter);
      assert.equal(p.ignored.length, 1, filter);
      assert.deepEqual(names(p), ALL, filter);
    }
    const beta = plan("skuFamily eq 'Enterprise'", { version: 'beta' });
    assert.deepEqual(names(beta), ALL);
  });

  it("ignores 'or' across different properties as a whole", () => {
    const p = plan("operatingSystem eq 'iOS' or complianceState eq 'noncompliant'");
    assert.deepEqual(names(p), ALL);
    assert.deepEqual(p.ignored, [{ clause: "operatingSystem eq 'iOS' or complianceState eq 'noncompliant'", reason: "'or' across different properties is not supported on managedDevices" }]);
  });

  it("ignores 'or' on a property whose row lacks 'or' (deviceName)", () => {
    const p = plan("deviceName eq 'DESKTOP-1' or deviceName eq 'DESKTOP-2'");
    assert.deepEqual(names(p), ALL);
    assert.equal(p.ignored.length, 1);
  });

  it("ignores the whole 'or' when one alternative is itself unsupported", () => {
    const p = plan("operatingSystem eq 'iOS' or operatingSystem ne 'Windows'");
    assert.deepEqual(names(p), ALL);
    assert.equal(p.ignored.length, 1);
  });

  it('ignores not, any/all, paths into complex values and functions it does not evaluate', () => {
    for (const filter of ["not (operatingSystem eq 'iOS')", "deviceActionResults/any(a: a/actionName eq 'wipe')", "configurationManagerClientEnabledFeatures/inventory eq true", "tolower(deviceName) eq 'desktop-1'", "deviceCategory/displayName eq 'x'"]) {
      const p = plan(filter);
      assert.deepEqual(names(p), ALL, filter);
      assert.equal(p.ignored.length, 1, filter);
    }
  });

  it('still rejects a property that does not exist (OData binding comes first)', () => {
    assertBadRequest(() => plan("nonsense eq 'x'"), "Could not find a property named 'nonsense' on type 'microsoft.graph.managedDevice'.");
  });

  it('still rejects type errors in clauses it would ignore', () => {
    assertBadRequest(() => plan("physicalMemoryInBytes eq 'lots'"), /incompatible types/);
  });
});

describe('managedDevice filter rules: azureADDeviceId', () => {
  const a = String(fleet[0]?.props['azureADDeviceId']);
  const b = String(fleet[1]?.props['azureADDeviceId']);

  it("applies only the first alternative of an 'or'", () => {
    const p = plan(`azureADDeviceId eq '${a}' or azureADDeviceId eq '${b}'`);
    assert.deepEqual(names(p), ['DESKTOP-1']);
    assert.deepEqual(p.ignored.map((i) => i.clause), [`azureADDeviceId eq '${b}'`]);
  });

  it('applies only the first value of an in-list', () => {
    const p = plan(`azureADDeviceId in ('${b}', '${a}')`);
    assert.deepEqual(names(p), ['DESKTOP-2']);
  });

  it('cannot be combined with $count=true (a 400 from the service)', () => {
    const error = assertBadRequest(() => plan(`azureADDeviceId eq '${a}'`, { count: true }), /azureADDeviceId/);
    assert.ok(error instanceof ODataError);
    assert.equal(error.source, 'intune');
    // Without $count it is fine, and with $count other properties are fine.
    assert.deepEqual(names(plan(`azureADDeviceId eq '${a}'`)), ['DESKTOP-1']);
    assert.deepEqual(names(plan("operatingSystem eq 'iOS'", { count: true })), ['IPHONE-3']);
  });
});
