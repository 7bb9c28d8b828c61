import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityRecord } from '../../../../src/emulator/graph/model/entity.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import { serializeComplex, serializeEntity } from '../../../../src/emulator/graph/odata/serialize.ts';
import { device } from './helpers.ts';

const NON_DEFAULT = ['activationLockBypassCode', 'ethernetMacAddress', 'iccid', 'notes', 'physicalMemoryInBytes', 'remoteAssistanceSessionUrl', 'udid'];

/** A device that stores every non-default property and some beta-only ones. */
function richDevice() {
  return device(1, {
    activationLockBypassCode: 'ALBC',
    ethernetMacAddress: '001122334455',
    iccid: '8901',
    notes: 'in the safe',
    physicalMemoryInBytes: 17179869184,
    remoteAssistanceSessionUrl: 'https://ra.example',
    udid: 'UDID-1',
    hardwareInformation: { serialNumber: 'HW1', batteryLevelPercentage: 55, notAProperty: 'x' },
    skuFamily: 'Enterprise',
    chassisType: 'laptop',
    roleScopeTagIds: ['0'],
    configurationManagerClientEnabledFeatures: { inventory: true, notAProperty: 1 },
    deviceActionResults: [{ actionName: 'syncDevice', actionState: 'done', startDateTime: '2024-06-01T00:00:00Z', lastUpdatedDateTime: '2024-06-01T00:01:00Z' }],
    somethingNoVersionHas: 'dropped',
  });
}

function keysOf(version: GraphVersion, type: string): string[] {
  const t = intuneSchema.type(version, type);
  assert.ok(t);
  return [...t.properties.keys()].sort();
}

describe('serializeEntity: exact property sets per version', () => {
  it('emits a v1.0 managedDevice with exactly id + its 55 properties, none beta-only', () => {
    const json = serializeEntity(richDevice(), { version: 'v1.0', inList: false });
    assert.ok(json);
    const keys = Object.keys(json).sort();
    assert.equal(keys.length, 56);
    assert.deepEqual(keys, keysOf('v1.0', 'managedDevice'));
    for (const betaOnly of ['hardwareInformation', 'skuFamily', 'chassisType', 'roleScopeTagIds', 'somethingNoVersionHas']) assert.ok(!(betaOnly in json), betaOnly);
  });

  it('emits a beta managedDevice with exactly id + its 83 properties', () => {
    const json = serializeEntity(richDevice(), { version: 'beta', inList: false });
    assert.ok(json);
    assert.equal(Object.keys(json).length, 84);
    assert.deepEqual(Object.keys(json).sort(), keysOf('beta', 'managedDevice'));
    assert.equal(json['skuFamily'], 'Enterprise');
  });

  it('puts id first, as Graph does', () => {
    assert.equal(Object.keys(serializeEntity(richDevice(), { version: 'v1.0', inList: true }) ?? {})[0], 'id');
  });

  it('fills defaults: null if nullable, zero / first member / empty object if not, [] for collections', () => {
    const json = serializeEntity(entityRecord('managedDevice', { id: 'x' }), { version: 'v1.0', inList: false });
    assert.ok(json);
    assert.equal(json['deviceName'], null);
    assert.equal(json['freeStorageSpaceInBytes'], 0);
    assert.equal(json['isEncrypted'], false);
    assert.equal(json['complianceState'], 'unknown');
    assert.equal(json['easActivationDateTime'], '0001-01-01T00:00:00Z');
    assert.deepEqual(json['deviceActionResults'], []);
    assert.equal(json['configurationManagerClientEnabledFeatures'], null);
  });

  it('gives beta enums whose declaration order was lost a sensible zero value', () => {
    const json = serializeEntity(entityRecord('managedDevice', { id: 'x' }), { version: 'beta', inList: false });
    assert.ok(json);
    for (const name of ['deviceEnrollmentType', 'managementAgent', 'deviceType', 'managementState']) assert.equal(typeof json[name], 'string', name);
    assert.equal(json['deviceEnrollmentType'], 'unknown');
  });

  it('emits complex values with exactly their properties, recursively', () => {
    const json = serializeEntity(richDevice(), { version: 'beta', inList: false });
    assert.ok(json);
    const features = json['configurationManagerClientEnabledFeatures'];
    assert.deepEqual(Object.keys(features as object).sort(), keysOf('beta', 'configurationManagerClientEnabledFeatures'));
    assert.equal((features as Record<string, unknown>)['inventory'], true);
    // The schema declares no non-nullable members on this complex type, so unset ones are null.
    assert.equal((features as Record<string, unknown>)['modernApps'], null);
    const hw = json['hardwareInformation'] as Record<string, unknown>;
    assert.equal(hw['serialNumber'], 'HW1');
    assert.ok(!('notAProperty' in hw));
    assert.deepEqual(Object.keys(hw).sort(), keysOf('beta', 'hardwareInformation'));
  });

  it('returns undefined for a type the version does not have', () => {
    assert.equal(serializeEntity(entityRecord('roleScopeTag', { id: '0', displayName: 'Default' }), { version: 'v1.0', inList: false }), undefined);
    assert.ok(serializeEntity(entityRecord('roleScopeTag', { id: '0', displayName: 'Default' }), { version: 'beta', inList: false }));
  });
});

describe('serializeEntity: non-default managedDevice properties', () => {
  it('are null (or 0 when non-nullable) in lists, even when selected', () => {
    for (const version of ['v1.0', 'beta'] as const) {
      const all = serializeEntity(richDevice(), { version, inList: true });
      const selected = serializeEntity(richDevice(), { version, inList: true, select: [...NON_DEFAULT, 'deviceName'] });
      for (const json of [all, selected]) {
        assert.ok(json);
        for (const name of NON_DEFAULT) assert.equal(json[name], name === 'physicalMemoryInBytes' ? 0 : null, `${version} ${name}`);
        assert.equal(json['deviceName'], 'DEVICE-00001');
      }
    }
    assert.equal(serializeEntity(richDevice(), { version: 'beta', inList: true })?.['hardwareInformation'], null);
  });

  it('keep their values on a single GET', () => {
    const json = serializeEntity(richDevice(), { version: 'v1.0', inList: false, select: NON_DEFAULT });
    assert.ok(json);
    assert.deepEqual(Object.keys(json).sort(), ['id', ...NON_DEFAULT].sort());
    assert.equal(json['notes'], 'in the safe');
    assert.equal(json['physicalMemoryInBytes'], 17179869184);
  });
});

describe('serializeEntity: $select', () => {
  it('emits id and the selected properties only, in schema order', () => {
    const json = serializeEntity(richDevice(), { version: 'v1.0', inList: true, select: ['operatingSystem', 'deviceName'] });
    assert.deepEqual(Object.keys(json ?? {}), ['id', 'deviceName', 'operatingSystem']);
  });
});

describe('serializeEntity: polymorphic sets', () => {
  const config = entityRecord('windows10GeneralConfiguration', { id: 'c1', displayName: 'Baseline', version: 3, createdDateTime: '2024-01-01T00:00:00Z', lastModifiedDateTime: '2024-01-02T00:00:00Z', passwordRequired: true });

  it('tags records of a derived type with @odata.type, first', () => {
    const json = serializeEntity(config, { version: 'v1.0', inList: true, declaredType: 'deviceConfiguration' });
    assert.ok(json);
    assert.equal(Object.keys(json)[0], '@odata.type');
    assert.equal(json['@odata.type'], '#microsoft.graph.windows10GeneralConfiguration');
    assert.deepEqual(Object.keys(json).filter((k) => k !== '@odata.type').sort(), keysOf('v1.0', 'windows10GeneralConfiguration'));
  });

  it('does not tag records of the declared type', () => {
    assert.ok(!('@odata.type' in (serializeEntity(device(1), { version: 'v1.0', inList: true, declaredType: 'managedDevice' }) ?? {})));
  });

  it('keeps @odata.type on complex values of a derived type, and drops unknown keys', () => {
    const assignment = entityRecord('deviceConfigurationAssignment', { id: 'a1', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1', bogus: 1 } });
    const v1 = serializeEntity(assignment, { version: 'v1.0', inList: true, declaredType: 'deviceConfigurationAssignment' });
    assert.deepEqual(v1?.['target'], { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g1' });
    const beta = serializeEntity(assignment, { version: 'beta', inList: true, declaredType: 'deviceConfigurationAssignment' });
    assert.deepEqual(beta?.['target'], { '@odata.type': '#microsoft.graph.groupAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: null, groupId: 'g1' });
  });

  it('does not tag a complex value whose stored type is the declared one', () => {
    assert.deepEqual(serializeComplex('v1.0', { '@odata.type': '#microsoft.graph.mimeContent', type: 'image/png', value: 'AAAA' }, 'mimeContent'), { type: 'image/png', value: 'AAAA' });
  });
});

describe('serializeEntity: conformance', () => {
  const samples = [
    { record: richDevice(), declared: 'managedDevice' },
    { record: entityRecord('managedDevice', { id: 'bare' }), declared: 'managedDevice' },
    { record: entityRecord('windows10GeneralConfiguration', { id: 'c1', displayName: 'x' }), declared: 'deviceConfiguration' },
    { record: entityRecord('win32LobApp', { id: 'app', displayName: 'App', largeIcon: { type: 'image/png', value: 'AAAA' } }), declared: 'mobileApp' },
    { record: entityRecord('mobileAppAssignment', { id: 'ma', intent: 'required', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }), declared: 'mobileAppAssignment' },
    { record: entityRecord('iosManagedAppProtection', { id: 'p' }), declared: 'managedAppPolicy' },
    { record: entityRecord('roleDefinition', { id: 'r', rolePermissions: [{ resourceActions: [{ allowedResourceActions: ['a'] }] }] }), declared: 'roleDefinition' },
  ];

  for (const version of ['v1.0', 'beta'] as const) {
    for (const inList of [true, false]) {
      it(`every ${version} ${inList ? 'list' : 'single'} output passes checkObject`, () => {
        for (const { record, declared } of samples) {
          const json = serializeEntity(record, { version, inList, declaredType: declared });
          assert.ok(json, record.type);
          assert.deepEqual(intuneSchema.checkObject(version, declared, json, record.type), []);
        }
      });
    }
  }
});

describe('serializeEntity: outputs are independent', () => {
  it('does not share arrays or objects between outputs or with the store', () => {
    const record = device(1, { roleScopeTagIds: ['0'], configurationManagerClientEnabledFeatures: { inventory: true } });
    const a = serializeEntity(record, { version: 'beta', inList: false }) as Record<string, unknown>;
    const b = serializeEntity(record, { version: 'beta', inList: false }) as Record<string, unknown>;
    (a['roleScopeTagIds'] as string[]).push('changed');
    (a['deviceActionResults'] as unknown[]).push('changed');
    (a['configurationManagerClientEnabledFeatures'] as Record<string, unknown>)['inventory'] = false;
    assert.deepEqual(record.props['roleScopeTagIds'], ['0']);
    assert.deepEqual(b['roleScopeTagIds'], ['0']);
    assert.deepEqual(b['deviceActionResults'], []);
    assert.equal((b['configurationManagerClientEnabledFeatures'] as Record<string, unknown>)['inventory'], true);
  });
});
