import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntityCollection, entityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import type { EntityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import type { NavigationResolver } from '../../../../src/emulator/graph/odata/expand.ts';
import { listPage } from '../../../../src/emulator/graph/odata/paging.ts';
import { parseQuery } from '../../../../src/emulator/graph/odata/query.ts';
import type { CollectionQuery } from '../../../../src/emulator/graph/odata/query.ts';
import { serializeSingle } from '../../../../src/emulator/graph/odata/single.ts';
import { assertBadRequest, device, devices, guid } from './helpers.ts';

function parse(query: string, options: { version?: GraphVersion; type?: string; inList?: boolean } = {}): CollectionQuery {
  return parseQuery(new URLSearchParams(query), { version: options.version ?? 'v1.0', declaredType: options.type ?? 'managedDevice', inList: options.inList ?? true });
}

function collectionOf(type: string, records: readonly EntityRecord[]): EntityCollection {
  const c = new EntityCollection(type);
  for (const r of records) c.put(r);
  return c;
}

/** A device with a category, compliance states, detected apps (beta) and a user held elsewhere. */
function wiredDevice(): EntityRecord {
  const d = device(1);
  d.nav.set('deviceCategory', entityRecord('deviceCategory', { id: guid(50), displayName: 'Kiosk', description: null }));
  d.nav.set('deviceCompliancePolicyStates', collectionOf('deviceCompliancePolicyState', [entityRecord('deviceCompliancePolicyState', { id: guid(60), displayName: 'Baseline', state: 'compliant', platformType: 'windows10AndLater', settingCount: 3, version: 1 })]));
  d.nav.set('detectedApps', collectionOf('detectedApp', [entityRecord('detectedApp', { id: 'app1', displayName: 'Notepad++', deviceCount: 1, sizeInByte: 100 })]));
  d.links.set('users', ['user-1']);
  return d;
}

const users: NavigationResolver = (record, navigation) =>
  navigation === 'users' ? (record.links.get('users') ?? []).map((id) => entityRecord('user', { id, userPrincipalName: `${id}@contoso.com`, displayName: 'Ana' })) : null;

describe('$expand: what the service expands', () => {
  it('accepts the expansions Intune supports', () => {
    assert.deepEqual(parse('$expand=deviceCategory,deviceCompliancePolicyStates,deviceConfigurationStates,users').expand.map((e) => e.navigation), ['deviceCategory', 'deviceCompliancePolicyStates', 'deviceConfigurationStates', 'users']);
    assert.deepEqual(parse('$expand=assignments', { type: 'deviceConfiguration' }).expand.map((e) => e.navigation), ['assignments']);
    assert.deepEqual(parse('$expand=assignments,scheduledActionsForRule', { type: 'deviceCompliancePolicy' }).expand.map((e) => e.navigation), ['assignments', 'scheduledActionsForRule']);
    assert.deepEqual(parse('$expand=assignments,categories', { type: 'mobileApp' }).expand.map((e) => e.navigation), ['assignments', 'categories']);
    assert.deepEqual(parse('$expand=roleAssignments', { type: 'roleDefinition' }).expand.map((e) => e.navigation), ['roleAssignments']);
    for (const type of ['targetedManagedAppConfiguration', 'iosManagedAppProtection', 'androidManagedAppProtection']) {
      assert.deepEqual(parse('$expand=apps,assignments', { type }).expand.map((e) => e.navigation), ['apps', 'assignments'], type);
    }
  });

  it('matches navigation names case-insensitively', () => {
    assert.deepEqual(parse('$expand=DeviceCategory').expand.map((e) => e.navigation), ['deviceCategory']);
  });

  it('rejects navigation the type does not have, with Graph\'s message', () => {
    assertBadRequest(() => parse('$expand=assignments', { type: 'deviceCategory' }), "Parsing OData Select and Expand failed: Could not find a property named 'assignments' on type 'microsoft.graph.deviceCategory'.");
    assertBadRequest(() => parse('$expand=detectedApps'), "Parsing OData Select and Expand failed: Could not find a property named 'detectedApps' on type 'microsoft.graph.managedDevice'.");
  });

  it('rejects navigation the service does not expand', () => {
    assertBadRequest(() => parse('$expand=logCollectionRequests'), /Could not find a property named 'logCollectionRequests'/);
    assertBadRequest(() => parse('$expand=deviceStatuses', { type: 'deviceConfiguration' }), /Could not find a property named 'deviceStatuses'/);
  });

  it('follows list rules for detectedApps ↔ managedDevices', () => {
    assert.equal(parse('$expand=detectedApps', { version: 'beta' }).expand[0]?.behaviour, 'empty');
    assert.equal(parse('$expand=detectedApps', { version: 'beta', inList: false }).expand[0]?.behaviour, 'expand');
    assertBadRequest(() => parse('$expand=managedDevices', { type: 'detectedApp' }), /Could not find a property named 'managedDevices' on type 'microsoft.graph.detectedApp'/);
    assert.equal(parse('$expand=managedDevices', { type: 'detectedApp', version: 'beta' }).expand[0]?.behaviour, 'omit');
    assert.equal(parse('$expand=managedDevices', { type: 'detectedApp', inList: false }).expand[0]?.behaviour, 'expand');
  });

  it('reads a nested $select and refuses other nested options', () => {
    assert.deepEqual(parse('$expand=deviceCategory($select=displayName)').expand[0]?.select, ['displayName']);
    assertBadRequest(() => parse('$expand=deviceCategory($select=nope)'), "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type 'microsoft.graph.deviceCategory'.");
    assertBadRequest(() => parse("$expand=deviceCompliancePolicyStates($filter=state eq 'compliant')"), /not supported inside \$expand/);
    assertBadRequest(() => parse('$expand=deviceCategory($select=displayName'), /^Syntax error at position/);
  });

  it('expands everything allowed for *', () => {
    assert.deepEqual(parse('$expand=*', { type: 'mobileApp' }).expand.map((e) => e.navigation), ['assignments', 'categories']);
    assert.deepEqual(parse('$expand=*', { type: 'detectedApp' }).expand, [], 'v1.0 lists cannot expand managedDevices');
    assert.deepEqual(parse('$expand=*', { type: 'detectedApp', inList: false }).expand.map((e) => e.navigation), ['managedDevices']);
  });
});

describe('$expand: serialized output', () => {
  it('expands contained single and collection navigation and resolves links through the caller', () => {
    const query = parse('$expand=deviceCategory($select=displayName),deviceCompliancePolicyStates,users', { inList: false });
    const json = serializeSingle(wiredDevice(), query, { version: 'v1.0', declaredType: 'managedDevice', resolve: users });
    assert.ok(json);
    assert.deepEqual(json['deviceCategory'], { id: guid(50), displayName: 'Kiosk' });
    const states = json['deviceCompliancePolicyStates'] as readonly Record<string, unknown>[];
    assert.equal(states.length, 1);
    assert.equal(states[0]?.['state'], 'compliant');
    assert.deepEqual(json['users'], [{ id: 'user-1', userPrincipalName: 'user-1@contoso.com', displayName: 'Ana' }]);
    // `user` lies outside the Intune schema, so only the rest is checked against it.
    const intune = Object.fromEntries(Object.entries(json).filter(([k]) => k !== 'users'));
    assert.deepEqual(intuneSchema.checkObject('v1.0', 'managedDevice', intune, 'device', true), []);
  });

  it('answers a missing single navigation with null and a missing collection with []', () => {
    const json = serializeSingle(device(2), parse('$expand=deviceCategory,deviceConfigurationStates', { inList: false }), { version: 'v1.0', declaredType: 'managedDevice' });
    assert.equal(json?.['deviceCategory'], null);
    assert.deepEqual(json?.['deviceConfigurationStates'], []);
  });

  it('gives every listed device an empty detectedApps, but expands it on a single GET (beta)', () => {
    const list = listPage(devices([wiredDevice()]), parse('$expand=detectedApps', { version: 'beta' }), { version: 'beta', baseUrl: 'https://x', requestPath: '/deviceManagement/managedDevices', declaredType: 'managedDevice' });
    assert.deepEqual(list.value[0]?.['detectedApps'], []);
    const single = serializeSingle(wiredDevice(), parse('$expand=detectedApps', { version: 'beta', inList: false }), { version: 'beta', declaredType: 'managedDevice' });
    assert.deepEqual((single?.['detectedApps'] as readonly Record<string, unknown>[]).map((a) => a['displayName']), ['Notepad++']);
  });

  it('tags derived targets inside expanded assignments', () => {
    const config = entityRecord('windows10GeneralConfiguration', { id: 'c1', displayName: 'Baseline' });
    config.nav.set('assignments', collectionOf('deviceConfigurationAssignment', [entityRecord('deviceConfigurationAssignment', { id: 'a1', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'g' } })]));
    const configs = collectionOf('deviceConfiguration', [config]);
    const page = listPage(configs, parse('$expand=assignments', { type: 'deviceConfiguration' }), { version: 'v1.0', baseUrl: 'https://x', requestPath: '/deviceManagement/deviceConfigurations', declaredType: 'deviceConfiguration' });
    const item = page.value[0];
    assert.ok(item);
    assert.equal(item['@odata.type'], '#microsoft.graph.windows10GeneralConfiguration');
    assert.deepEqual(item['assignments'], [{ id: 'a1', target: { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'g' } }]);
    assert.deepEqual(intuneSchema.checkObject('v1.0', 'deviceConfiguration', item, 'config', true), []);
  });
});
