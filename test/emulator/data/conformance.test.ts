// Every stored record, and the on-demand device detail, must pass the schema check in
// beta (as stored) and in v1.0 (as a v1.0 client reads it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceDetail } from '../../../src/emulator/data/device-detail.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { intuneSchema } from '../../../src/emulator/graph/model/schema.ts';
import { contoso, devicesOf, northwind } from './fixtures.ts';
import { problemsOf, walk } from './walk.ts';

const tenants = [['Contoso', contoso()], ['Northwind', northwind()]] as const;

for (const [name, data] of tenants) {
  test(`${name}: every stored record conforms to beta and v1.0`, () => {
    const problems: string[] = [];
    let checked = 0;
    let checkedV1 = 0;
    for (const { path, record, declared, inV1 } of walk(data.graph)) {
      if (declared && !intuneSchema.isDerivedFrom('beta', record.type, declared)) problems.push(`${path}: ${record.type} is not a ${declared}`);
      problems.push(...problemsOf('beta', record, path));
      checked++;
      if (inV1) {
        problems.push(...problemsOf('v1.0', record, `${path} (v1.0)`));
        checkedV1++;
      }
      for (const link of record.links.keys()) {
        if (!intuneSchema.type('beta', record.type)?.navigation.has(link)) problems.push(`${path}: link ${link} is not a navigation of ${record.type}`);
      }
    }
    assert.deepEqual(problems.slice(0, 20), []);
    // Every device plus the rest of the tenant, and all but the beta-only collections in v1.0.
    const devices = devicesOf(data).length;
    assert.ok(checked > devices + 300 && checkedV1 > devices + 300, `walked ${checked} records, ${checkedV1} in v1.0`);
  });

  test(`${name}: device detail conforms to beta and v1.0`, () => {
    const problems: string[] = [];
    const check = (r: EntityRecord, path: string): void => {
      problems.push(...problemsOf('beta', r, path), ...problemsOf('v1.0', r, `${path} (v1.0)`));
      for (const [nav, child] of r.nav) {
        const children = 'elementType' in child ? child.values() : [child];
        for (const c of children) check(c, `${path}/${nav}/${String(c.props['id'])}`);
      }
    };
    for (const device of devicesOf(data).slice(0, 600)) {
      const detail = deviceDetail(device, data.graph, data.seed);
      const id = String(device.props['id']);
      for (const s of detail.compliancePolicyStates) check(s, `${id}/deviceCompliancePolicyStates`);
      for (const s of detail.configurationStates) check(s, `${id}/deviceConfigurationStates`);
      if (detail.windowsProtectionState) check(detail.windowsProtectionState, `${id}/windowsProtectionState`);
    }
    assert.deepEqual(problems.slice(0, 20), []);
  });
}

test('the check catches what it should: a wrong enum, a beta-only type in v1.0, a missing property', () => {
  const device = devicesOf(contoso({ devices: 20 }))[0];
  assert.ok(device);
  const broken = { ...device, props: { ...device.props, complianceState: 'mostlyFine' } };
  assert.ok(problemsOf('beta', broken, 'd').some((p) => p.includes('complianceState')));
  const renamed = { ...device, props: { ...device.props, lastSync: '2025-01-01T00:00:00Z' } };
  assert.ok(problemsOf('beta', renamed, 'd').some((p) => p.includes('lastSync')));
  const scopeTag = { ...device, type: 'roleScopeTag', props: { id: '0', displayName: 'Default', isBuiltIn: true } };
  assert.deepEqual(problemsOf('beta', scopeTag, 't'), []);
  assert.ok(problemsOf('v1.0', scopeTag, 't').length > 0);
});

test('singletons carry the collections the brief names, under their schema names', () => {
  const data = contoso();
  const dm = data.graph.singletons.get('devicemanagement');
  const dam = data.graph.singletons.get('deviceappmanagement');
  assert.ok(dm && dam);
  for (const nav of ['managedDevices', 'deviceCategories', 'detectedApps', 'windowsMalwareInformation', 'deviceConfigurations', 'deviceCompliancePolicies',
    'notificationMessageTemplates', 'roleDefinitions', 'roleAssignments', 'resourceOperations', 'deviceEnrollmentConfigurations', 'exchangeConnectors',
    'termsAndConditions', 'mobileThreatDefenseConnectors', 'deviceManagementPartners', 'depOnboardingSettings', 'intuneBrandingProfiles', 'roleScopeTags',
    'applePushNotificationCertificate']) {
    assert.ok(dm.nav.has(nav), `deviceManagement/${nav}`);
  }
  for (const nav of ['mobileApps', 'mobileAppCategories', 'iosManagedAppProtections', 'androidManagedAppProtections', 'defaultManagedAppProtections',
    'targetedManagedAppConfigurations', 'mobileAppConfigurations', 'vppTokens']) {
    assert.ok(dam.nav.has(nav), `deviceAppManagement/${nav}`);
  }
});
