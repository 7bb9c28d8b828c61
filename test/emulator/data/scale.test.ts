// The full-size tenant: 100,000 devices, every id, serial and IMEI unique. (Speed is a
// benchmark's business; this only checks the result.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { managedDevices } from '../../../src/emulator/graph/model/tenant-graph.ts';
import { contoso } from './fixtures.ts';

test('100,000 devices: counts and uniqueness', () => {
  const data = contoso({ devices: 100_000 });
  const devices = managedDevices(data.graph);
  assert.equal(devices.size, 100_000);
  const list = devices.values();
  assert.equal(list.length, 100_000);
  const unique = (key: string, skipEmpty: boolean): void => {
    const values = list.map((d) => d.props[key]).filter((v) => !skipEmpty || (v !== '' && v !== '00000000-0000-0000-0000-000000000000'));
    assert.equal(new Set(values).size, values.length, `${key} is unique`);
  };
  unique('id', false);
  unique('serialNumber', true);
  unique('imei', true);
  unique('azureADDeviceId', true);
  unique('wiFiMacAddress', true);
  assert.equal(data.users.filter((u) => !u.fromDirectory).length, 62_500);
  // Keyset order holds: sorted by deviceName, then id.
  for (let i = 1; i < list.length; i += 997) {
    const a = list[i - 1];
    const b = list[i];
    assert.ok(a && b && (String(a.props['deviceName']) < String(b.props['deviceName']) || (a.props['deviceName'] === b.props['deviceName'] && String(a.props['id']) < String(b.props['id']))));
  }
});
