// Beta executeAction: one action on many devices, answered per device in four buckets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BULK_ACTION_CAP, runBulkAction, runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import type { ActionOutcome } from '../../../src/emulator/graph/actions/index.ts';
import { idOf } from '../../../src/emulator/graph/model/entity.ts';
import type { Json } from '../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import { navCollection } from '../../../src/emulator/graph/model/tenant-graph.ts';
import { androidWorkProfile, chromebook, supervisedIphone, windowsPc } from './helpers/devices.ts';
import { assertAccepted, assertRefused } from './helpers/outcome.ts';
import { assertConforms, entry } from './helpers/results.ts';
import { COMPLETE_MS, REMOVE_MS, harness } from './helpers/tenant.ts';

const MISSING = '0f0f0f0f-0000-4000-8000-000000000000';

function buckets(outcome: ActionOutcome): { [key: string]: Json } {
  assert.equal(outcome.status, 200, JSON.stringify(outcome));
  assert.ok(outcome.status === 200);
  assert.equal(outcome.context, 'microsoft.graph.bulkManagedDeviceActionResult');
  assert.ok(isJsonObject(outcome.body));
  return { ...outcome.body };
}

describe('bulk executeAction', () => {
  it('sorts devices into successful, failed, notFound and notSupported', () => {
    const fresh = windowsPc('FRESH');
    const wiping = windowsPc('WIPING');
    const byod = androidWorkProfile();
    const { deps } = harness([fresh, wiping, byod]);
    assertAccepted(runDeviceAction(deps, wiping, 'wipe', {}, 'beta'));
    const result = buckets(runBulkAction(deps, { actionName: 'wipe', keepEnrollmentData: false, keepUserData: false, deviceIds: [idOf(fresh), idOf(wiping), idOf(byod), MISSING] }));
    assert.deepEqual(result, {
      successfulDeviceIds: [idOf(fresh)],
      failedDeviceIds: [idOf(wiping)],
      notFoundDeviceIds: [MISSING],
      notSupportedDeviceIds: [idOf(byod)],
    });
    assert.equal(fresh.props['managementState'], 'wipePending');
    assert.equal(byod.props['managementState'], 'managed');
  });

  it('carries the action out per device, as a single action would', () => {
    const pc = windowsPc();
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([pc, phone]);
    const result = buckets(runBulkAction(deps, { actionName: 'quickScan', deviceIds: [idOf(pc), idOf(phone)] }));
    assert.deepEqual(result['successfulDeviceIds'], [idOf(pc)]);
    assert.deepEqual(result['notSupportedDeviceIds'], [idOf(phone)]);
    assert.equal(entry(pc, 'windowsDefenderScan')['scanType'], 'quickScan');
    scheduler.advance(COMPLETE_MS);
    assert.notEqual(entry(pc, 'windowsDefenderScan')['actionState'], 'pending');
    assertConforms(pc, 'beta');
  });

  it('delete removes devices at once, and a pending wipe on one of them never removes it again', () => {
    const a = windowsPc('A');
    const b = windowsPc('B');
    const keep = windowsPc('KEEP');
    const { deps, scheduler, devices, removed } = harness([a, b, keep]);
    assertAccepted(runDeviceAction(deps, a, 'wipe', {}, 'v1.0'));
    const result = buckets(runBulkAction(deps, { actionName: 'delete', deviceIds: [idOf(a), idOf(b)] }));
    assert.deepEqual(result['successfulDeviceIds'], [idOf(a), idOf(b)]);
    assert.deepEqual(devices.values(), [keep]);
    assert.deepEqual(removed, [idOf(a), idOf(b)]);
    scheduler.advance(COMPLETE_MS + REMOVE_MS);
    assert.deepEqual(removed, [idOf(a), idOf(b)]);
  });

  it('fills {{serialnumber}} and {{rand:x}} into a bulk rename, per device', () => {
    const a = windowsPc('OLD-A');
    const b = windowsPc('OLD-B');
    a.props['serialNumber'] = 'PF3ABC12';
    b.props['serialNumber'] = 'PF3XYZ34';
    const { deps, scheduler, devices } = harness([a, b]);
    const result = buckets(runBulkAction(deps, { actionName: 'setDeviceName', deviceName: 'KIOSK-{{SerialNumber}}-{{rand:3}}', deviceIds: [idOf(a), idOf(b)] }));
    assert.deepEqual(result['successfulDeviceIds'], [idOf(a), idOf(b)]);
    scheduler.advance(COMPLETE_MS);
    assert.match(String(a.props['deviceName']), /^KIOSK-PF3ABC12-\d{3}$/);
    assert.match(String(b.props['deviceName']), /^KIOSK-PF3XYZ34-\d{3}$/);
    assert.deepEqual(devices.values(), [a, b]);
  });

  it('puts a device whose platform refuses the value under failed', () => {
    const pc = windowsPc();
    const phone = supervisedIphone();
    const { deps } = harness([pc, phone]);
    const result = buckets(runBulkAction(deps, { actionName: 'setDeviceName', deviceName: '1234', deviceIds: [idOf(pc), idOf(phone)] }));
    assert.deepEqual(result['failedDeviceIds'], [idOf(pc), idOf(phone)]);
  });

  it('acts on a repeated id once, matching ids without regard to case', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const result = buckets(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: [idOf(pc), idOf(pc).toUpperCase()] }));
    assert.deepEqual(result['successfulDeviceIds'], [idOf(pc)]);
    assert.deepEqual(result['failedDeviceIds'], []);
  });

  it(`targets at most ${BULK_ACTION_CAP} devices`, () => {
    const { deps } = harness([]);
    const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`);
    const notFound = buckets(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: ids(BULK_ACTION_CAP) }))['notFoundDeviceIds'];
    assert.ok(Array.isArray(notFound));
    assert.equal(notFound.length, BULK_ACTION_CAP);
    const error = assertRefused(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: ids(BULK_ACTION_CAP + 1) }));
    assert.match(error.message, /at most 100 devices/);
  });

  it('validates the body like any action', () => {
    const pc = windowsPc();
    const { deps } = harness([pc]);
    const id = idOf(pc);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'explode', deviceIds: [id] })).message, /Cannot convert the literal 'explode' to the expected type 'microsoft\.graph\.managedDeviceRemoteAction'/);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'unknownFutureValue', deviceIds: [id] })).message, /not a bulk device action/);
    assert.match(assertRefused(runBulkAction(deps, { deviceIds: [id] })).message, /missing parameters are: actionName\./);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'syncDevice' })).message, /missing parameters are: deviceIds\./);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: [] })).message, /at least one device/);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: id })).message, /'StartArray' node was expected/);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'syncDevice', deviceIds: [id], force: true })).message, /'force' .* not a valid parameter for the operation 'executeAction'/);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'setDeviceName', deviceIds: [id] })).message, /missing parameters are: deviceName\./);
    assert.match(assertRefused(runBulkAction(deps, { actionName: 'customTextNotification', notificationTitle: 'Hi', deviceIds: [id] })).message, /missing parameters are: notificationBody\./);
    assert.equal(assertRefused(runBulkAction(deps, undefined)).path, '/deviceManagement/managedDevices/microsoft.management.services.api.executeAction');
  });

  it('runs the bulk-only actions and diagnostics collection per device', () => {
    const pc = windowsPc();
    const book = chromebook();
    const { deps } = harness([pc, book]);
    buckets(runBulkAction(deps, { actionName: 'initiateOnDemandProactiveRemediation', deviceIds: [idOf(pc)] }));
    assert.equal(entry(pc, 'initiateOnDemandProactiveRemediation')['actionState'], 'pending');
    assertConforms(pc, 'beta');
    buckets(runBulkAction(deps, { actionName: 'collectDiagnostics', deviceIds: [idOf(pc)] }));
    assert.equal(navCollection(pc, 'logCollectionRequests')?.size, 1);
    const moved = buckets(runBulkAction(deps, { actionName: 'moveDeviceToOrganizationalUnit', organizationalUnitPath: '/Students', deviceIds: [idOf(pc), idOf(book)] }));
    assert.deepEqual(moved['successfulDeviceIds'], [idOf(book)]);
    assert.deepEqual(moved['notSupportedDeviceIds'], [idOf(pc)]);
  });
});
