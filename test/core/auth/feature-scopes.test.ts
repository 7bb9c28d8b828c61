// Incremental consent: each feature asks for Intune scopes that exist, the least that suffice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURE_SCOPES, FEATURES, INTUNE_SCOPE_NAMES, isFeature, scopesFor } from '../../../src/core/auth/feature-scopes.ts';
import { INTUNE_SCOPES } from '../../../src/emulator/directory/demo-directory.ts';
import { scopeRequirement } from '../../../src/emulator/graph/authorization/scopes.ts';

describe('FEATURE_SCOPES', () => {
  test('names only scopes of the shared Intune contract, and the default client is configured for all of them', () => {
    assert.equal(INTUNE_SCOPE_NAMES.length, 11);
    assert.deepEqual([...INTUNE_SCOPE_NAMES].sort(), [...INTUNE_SCOPES].sort());
    for (const feature of FEATURES) {
      assert.ok(scopesFor(feature).length > 0, feature);
      for (const scope of scopesFor(feature)) assert.ok(INTUNE_SCOPE_NAMES.includes(scope), `${feature}: ${scope}`);
    }
    assert.deepEqual(FEATURE_SCOPES.browseDevices, ['DeviceManagementManagedDevices.Read.All']);
    assert.deepEqual(FEATURE_SCOPES.remoteActions, ['DeviceManagementManagedDevices.PrivilegedOperations.All']);
    assert.deepEqual(FEATURE_SCOPES.apps, ['DeviceManagementApps.Read.All']);
    assert.ok(isFeature('wipeRetire'));
    assert.ok(!isFeature('toString'));
  });

  test('each feature\'s scopes let its Graph calls through, by Microsoft\'s permission map', () => {
    const calls: readonly [keyof typeof FEATURE_SCOPES, string, string][] = [
      ['browseDevices', 'GET', '/devicemanagement/manageddevices'],
      ['browseDevices', 'GET', '/devicemanagement/manageddevices/{id}'],
      ['remoteActions', 'POST', '/devicemanagement/manageddevices/{id}/syncdevice'],
      ['remoteActions', 'POST', '/devicemanagement/manageddevices/{id}/rebootnow'],
      ['remoteActions', 'POST', '/devicemanagement/manageddevices/{id}/remotelock'],
      ['remoteActions', 'POST', '/devicemanagement/manageddevices/{id}/resetpasscode'],
      ['wipeRetire', 'POST', '/devicemanagement/manageddevices/{id}/wipe'],
      ['wipeRetire', 'POST', '/devicemanagement/manageddevices/{id}/retire'],
      ['editDevices', 'DELETE', '/devicemanagement/manageddevices/{id}'],
      ['apps', 'GET', '/deviceappmanagement/mobileapps'],
      ['policies', 'GET', '/devicemanagement/deviceconfigurations'],
      ['policies', 'GET', '/devicemanagement/devicecompliancepolicies'],
      ['roles', 'GET', '/devicemanagement/roleassignments'],
      ['roles', 'GET', '/devicemanagement/roledefinitions'],
    ];
    for (const [feature, method, path] of calls) {
      const needed = scopeRequirement(method, path);
      assert.ok(needed, `${method} ${path} is in the permission map`);
      assert.ok(needed.accepted.some((s) => (FEATURE_SCOPES[feature] as readonly string[]).includes(s)), `${feature} cannot ${method} ${path}: needs one of ${needed.accepted.join(', ')}`);
    }
  });
});
