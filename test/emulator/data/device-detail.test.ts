// deviceDetail agrees with the device: compliant devices pass, noncompliant ones fail a
// setting, silent ones fail "Is active", and only Windows has a protection state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceDetail } from '../../../src/emulator/data/device-detail.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { navCollection } from '../../../src/emulator/graph/model/tenant-graph.ts';
import { ANCHOR, collectionOf, contoso, devicesOf, text } from './fixtures.ts';

const data = contoso();
const devices = devicesOf(data);
const DAY = 86_400_000;
const states = (list: readonly EntityRecord[]): string[] => list.map((s) => text(s, 'state'));
const detail = (d: EntityRecord): ReturnType<typeof deviceDetail> => deviceDetail(d, data.graph, data.seed);

test('compliant devices pass every policy that applies', () => {
  const compliant = devices.filter((d) => d.props['complianceState'] === 'compliant');
  for (const d of compliant.slice(0, 300)) {
    assert.deepEqual(states(detail(d).compliancePolicyStates).filter((s) => s !== 'compliant'), [], text(d, 'id'));
  }
});

test('noncompliant devices fail at least one policy, with a failing setting', () => {
  for (const d of devices.filter((x) => x.props['complianceState'] === 'noncompliant')) {
    const failing = detail(d).compliancePolicyStates.filter((s) => s.props['state'] === 'nonCompliant');
    assert.ok(failing.length > 0, `${text(d, 'id')} (${text(d, 'operatingSystem')})`);
    const settings = failing.flatMap((s) => s.props['settingStates'] as { state: string }[]);
    assert.ok(settings.some((s) => s.state === 'nonCompliant'));
  }
});

test('Windows policies reference the tenant\'s real compliance policies and configurations', () => {
  const policies = collectionOf(data, 'deviceManagement', 'deviceCompliancePolicies');
  const configs = collectionOf(data, 'deviceManagement', 'deviceConfigurations');
  const windows = devices.filter((d) => d.props['operatingSystem'] === 'Windows').slice(0, 200);
  let seen = 0;
  for (const d of windows) {
    const { compliancePolicyStates, configurationStates } = detail(d);
    for (const s of compliancePolicyStates.slice(1)) {
      assert.equal(policies.get(text(s, 'id'))?.props['displayName'], s.props['displayName']);
      seen++;
    }
    for (const s of configurationStates) assert.equal(configs.get(text(s, 'id'))?.props['displayName'], s.props['displayName']);
    assert.ok(configurationStates.length > 0);
  }
  assert.ok(seen > windows.length * 2);
  // The built-in policy comes first on every device, Windows or not.
  assert.equal(detail(devices.find((d) => d.props['operatingSystem'] === 'iOS') as EntityRecord).compliancePolicyStates[0]?.props['displayName'], 'Default Device Compliance Policy');
});

test('a device silent for over 30 days fails "Is active"', () => {
  const silent = devices.filter((d) => ANCHOR - Date.parse(text(d, 'lastSyncDateTime')) > 31 * DAY && d.props['complianceState'] === 'noncompliant').slice(0, 20);
  assert.ok(silent.length > 0);
  for (const d of silent) {
    const builtIn = detail(d).compliancePolicyStates[0];
    assert.ok(builtIn);
    const isActive = (builtIn.props['settingStates'] as { settingName: string; state: string }[]).find((s) => s.settingName === 'Is active');
    assert.equal(isActive?.state, 'nonCompliant');
  }
});

test('only Windows devices have a protection state, and infected ones list their detections', () => {
  const ios = devices.find((d) => d.props['operatingSystem'] === 'iOS');
  assert.ok(ios && detail(ios).windowsProtectionState === undefined && detail(ios).configurationStates.length === 0);
  const infected = devices.filter((d) => (d.props['windowsActiveMalwareCount'] as number) + (d.props['windowsRemediatedMalwareCount'] as number) > 0);
  assert.ok(infected.length > 0);
  for (const d of infected) {
    const protection = detail(d).windowsProtectionState;
    assert.ok(protection);
    const detections = navCollection(protection, 'detectedMalwareState');
    assert.equal(detections?.size, (d.props['windowsActiveMalwareCount'] as number) + (d.props['windowsRemediatedMalwareCount'] as number));
    if ((d.props['windowsActiveMalwareCount'] as number) > 0) assert.notEqual(protection.props['deviceState'], 'clean');
  }
});

test('the tenant protection overview adds up to the Windows devices', () => {
  const dm = data.graph.singletons.get('devicemanagement');
  const overview = dm?.props['deviceProtectionOverview'] as { [k: string]: number };
  const windows = devices.filter((d) => d.props['operatingSystem'] === 'Windows');
  assert.equal(overview['totalReportedDeviceCount'], windows.length);
  const clean = windows.filter((d) => detail(d).windowsProtectionState?.props['deviceState'] === 'clean').length;
  assert.equal(overview['cleanDeviceCount'], clean);
});
