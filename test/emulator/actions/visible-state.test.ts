// What a technician sees change on the device, and when.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import { compareDeviceKeys, deviceKey } from '../../../src/emulator/graph/model/device-collection.ts';
import { entityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import { navCollection } from '../../../src/emulator/graph/model/tenant-graph.ts';
import { androidFullyManaged, chromebook, coManagedPc, mac, sharedIpad, supervisedIphone, windowsPc } from './helpers/devices.ts';
import { assertAccepted, assertRefused } from './helpers/outcome.ts';
import { assertConforms, entries, entry } from './helpers/results.ts';
import { COMPLETE_MS, START, harness } from './helpers/tenant.ts';

const DONE_AT = new Date(START + COMPLETE_MS).toISOString();

describe('visible state after remote actions', () => {
  it('sync moves lastSyncDateTime to the moment the device checked in', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    const before = pc.props['lastSyncDateTime'];
    assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    assert.equal(pc.props['lastSyncDateTime'], before, 'unchanged while pending');
    scheduler.advance(COMPLETE_MS);
    assert.equal(entry(pc, 'syncDevice')['actionState'], 'done');
    assert.equal(pc.props['lastSyncDateTime'], DONE_AT);
  });

  it('a repeated sync replaces the pending entry and completes once, from the repeat', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    scheduler.advance(10_000);
    assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    assert.equal(entries(pc).length, 1);
    scheduler.advance(COMPLETE_MS - 10_000);
    assert.equal(entry(pc, 'syncDevice')['actionState'], 'pending', "the first sync's timer does not finish the repeat");
    scheduler.advance(10_000);
    assert.equal(entry(pc, 'syncDevice')['actionState'], 'done');
    assert.equal(entry(pc, 'syncDevice')['startDateTime'], new Date(START + 10_000).toISOString());
  });

  it('lost mode turns on and off with lostModeState (beta)', () => {
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([phone]);
    assertAccepted(runDeviceAction(deps, phone, 'enableLostMode', { message: 'Return to Contoso IT' }, 'beta'));
    assert.equal(phone.props['lostModeState'], 'disabled');
    scheduler.advance(COMPLETE_MS);
    assert.equal(phone.props['lostModeState'], 'enabled');
    assertAccepted(runDeviceAction(deps, phone, 'disableLostMode', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    assert.equal(phone.props['lostModeState'], 'disabled');
    assertConforms(phone, 'beta');
  });

  it('an Android passcode reset shows the new passcode once done', () => {
    const phone = androidFullyManaged();
    const { deps, scheduler } = harness([phone]);
    assertAccepted(runDeviceAction(deps, phone, 'resetPasscode', undefined, 'v1.0'));
    const pending = entry(phone, 'resetPasscode');
    assert.equal(pending['@odata.type'], '#microsoft.graph.resetPasscodeActionResult');
    assert.equal(pending['passcode'], null);
    scheduler.advance(COMPLETE_MS);
    const done = entry(phone, 'resetPasscode');
    assert.equal(done['actionState'], 'done');
    assert.match(String(done['passcode']), /^\d{6}$/);
    assertConforms(phone, 'v1.0');
  });

  it('removing an iPhone passcode has no new passcode to show', () => {
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([phone]);
    assertAccepted(runDeviceAction(deps, phone, 'resetPasscode', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    assert.equal(entry(phone, 'resetPasscode')['actionState'], 'done');
    assert.equal(entry(phone, 'resetPasscode')['passcode'], null);
  });

  it('a Mac locks behind a six-digit unlock PIN; an iPhone has none', () => {
    const laptop = mac();
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([laptop, phone]);
    assertAccepted(runDeviceAction(deps, laptop, 'remoteLock', undefined, 'v1.0'));
    assertAccepted(runDeviceAction(deps, phone, 'remoteLock', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    assert.equal(entry(laptop, 'remoteLock')['@odata.type'], '#microsoft.graph.remoteLockActionResult');
    assert.match(String(entry(laptop, 'remoteLock')['unlockPin']), /^\d{6}$/);
    assert.equal(entry(phone, 'remoteLock')['unlockPin'], null);
  });

  it('locating a device reports where it is', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'locateDevice', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    const located = entry(pc, 'locateDevice');
    assert.equal(located['@odata.type'], '#microsoft.graph.locateDeviceActionResult');
    const where = located['deviceLocation'];
    assert.ok(isJsonObject(where));
    assert.equal(typeof where['latitude'], 'number');
    assert.equal(typeof where['longitude'], 'number');
    assert.equal(where['lastCollectedDateTime'], DONE_AT);
    assertConforms(pc, 'v1.0');
  });

  it('an iPhone can be located and made to play a sound only in lost mode', () => {
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([phone]);
    assert.match(assertRefused(runDeviceAction(deps, phone, 'locateDevice', undefined, 'v1.0')).message, /only while it is in lost mode/);
    assert.match(assertRefused(runDeviceAction(deps, phone, 'playLostModeSound', {}, 'beta')).message, /in lost mode/);
    assertAccepted(runDeviceAction(deps, phone, 'enableLostMode', { phoneNumber: '+1 555 0100' }, 'beta'));
    scheduler.advance(COMPLETE_MS);
    assertAccepted(runDeviceAction(deps, phone, 'locateDevice', undefined, 'v1.0'));
    assertAccepted(runDeviceAction(deps, phone, 'playLostModeSound', { durationInMinutes: '3' }, 'beta'));
  });

  it('bypassing Activation Lock uses up the bypass code', () => {
    const phone = supervisedIphone();
    const { deps, scheduler } = harness([phone]);
    assertAccepted(runDeviceAction(deps, phone, 'bypassActivationLock', undefined, 'v1.0'));
    assert.equal(phone.props['activationLockBypassCode'], 'ABCD-EFGH-IJKL');
    scheduler.advance(COMPLETE_MS);
    assert.equal(phone.props['activationLockBypassCode'], null);
  });

  it('renaming keeps managedDevices in deviceName, id order', () => {
    const a = windowsPc('ALPHA');
    const m = windowsPc('MIKE');
    const z = windowsPc('ZULU');
    const { deps, scheduler, devices } = harness([a, m, z]);
    assertAccepted(runDeviceAction(deps, z, 'setDeviceName', { deviceName: 'BRAVO' }, 'beta'));
    assert.equal(z.props['deviceName'], 'ZULU', 'the name changes when the device reports back');
    scheduler.advance(COMPLETE_MS);
    assert.equal(z.props['deviceName'], 'BRAVO');
    assert.deepEqual(devices.values().map((d) => d.props['deviceName']), ['ALPHA', 'BRAVO', 'MIKE']);
    const keys = devices.values().map(deviceKey);
    assert.deepEqual([...keys].sort(compareDeviceKeys), keys);
    assert.equal(devices.startAfter(deviceKey(a)), 1, 'paging after ALPHA resumes at the renamed device');
    assert.equal(devices.values()[devices.startAfter({ name: 'ALPHA', id: 'z' })], z);
  });

  it('refuses names the platform refuses', () => {
    const pc = windowsPc();
    const phone = supervisedIphone();
    const { deps } = harness([pc, phone]);
    assert.match(assertRefused(runDeviceAction(deps, pc, 'setDeviceName', { deviceName: 'Front desk' }, 'beta')).message, /without spaces/);
    assert.match(assertRefused(runDeviceAction(deps, pc, 'setDeviceName', { deviceName: '12345' }, 'beta')).message, /only of numbers/);
    assert.match(assertRefused(runDeviceAction(deps, pc, 'setDeviceName', { deviceName: 'X'.repeat(64) }, 'beta')).message, /at most 63/);
    assert.match(assertRefused(runDeviceAction(deps, phone, 'setDeviceName', { deviceName: '2024' }, 'beta')).message, /at least one letter/);
    assertAccepted(runDeviceAction(deps, phone, 'setDeviceName', { deviceName: 'Front-Desk-2' }, 'beta'));
  });

  it('removing a user from a Shared iPad names the user in the result', () => {
    const ipad = sharedIpad();
    const { deps, scheduler } = harness([ipad]);
    assertAccepted(runDeviceAction(deps, ipad, 'deleteUserFromSharedAppleDevice', { userPrincipalName: 'student1@demo.example' }, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    const result = entry(ipad, 'deleteUserFromSharedAppleDevice');
    assert.equal(result['@odata.type'], '#microsoft.graph.deleteUserFromSharedAppleDeviceActionResult');
    assert.equal(result['userPrincipalName'], 'student1@demo.example');
  });

  it('a Defender scan shows in the protection state when the device has one', () => {
    const pc = windowsPc();
    const protection = entityRecord('windowsProtectionState', { id: 'wps', lastQuickScanDateTime: null, quickScanOverdue: true });
    pc.nav.set('windowsProtectionState', protection);
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'windowsDefenderScan', { quickScan: true }, 'v1.0'));
    assert.equal(entry(pc, 'windowsDefenderScan')['scanType'], 'quickScan');
    scheduler.advance(COMPLETE_MS);
    assert.equal(protection.props['lastQuickScanDateTime'], DONE_AT);
    assert.equal(protection.props['quickScanOverdue'], false);
  });

  it('collecting diagnostics answers 200 with the request, which completes later', () => {
    const pc = windowsPc();
    const { deps, scheduler, changed } = harness([pc], 42, 'helpdesk@demo.example');
    const outcome = runDeviceAction(deps, pc, 'createDeviceLogCollectionRequest', {}, 'beta');
    assert.ok(outcome && outcome.status === 200);
    assert.equal(outcome.context, 'microsoft.graph.deviceLogCollectionResponse');
    assert.ok(isJsonObject(outcome.body));
    assert.equal(outcome.body['status'], 'pending');
    assert.equal(outcome.body['managedDeviceId'], pc.props['id']);
    assert.equal(outcome.body['initiatedByUserPrincipalName'], 'helpdesk@demo.example');
    const requests = navCollection(pc, 'logCollectionRequests');
    assert.ok(requests);
    const stored = requests.values()[0];
    assert.ok(stored);
    const changesBefore = changed.length;
    scheduler.advance(COMPLETE_MS);
    assert.equal(stored.props['status'], 'completed');
    assert.equal(stored.props['receivedDateTimeUTC'], DONE_AT);
    assert.ok(Number(stored.props['sizeInKB']) > 0);
    assert.ok(changed.length > changesBefore, 'the journal heard about the upload');
  });

  it('a compliance override shows at once and is not a device action', () => {
    const pc = windowsPc();
    const { deps, changed } = harness([pc]);
    assert.deepEqual(runDeviceAction(deps, pc, 'overrideComplianceState', { complianceState: 'nonCompliant' }, 'beta'), { status: 204 });
    assert.equal(pc.props['complianceState'], 'noncompliant');
    assert.equal(entries(pc).length, 0);
    assert.equal(changed.length, 1);
  });

  it('a custom notification is sent and not tracked', () => {
    const phone = supervisedIphone();
    const { deps, changed, scheduler } = harness([phone]);
    const body = { notificationTitle: 'Reminder', notificationBody: 'Update iOS tonight.' };
    assert.deepEqual(runDeviceAction(deps, phone, 'sendCustomNotificationToCompanyPortal', body, 'beta'), { status: 204 });
    assert.equal(entries(phone).length, 0);
    assert.equal(changed.length, 0);
    assert.equal(scheduler.pending, 0);
    assert.match(assertRefused(runDeviceAction(deps, phone, 'sendCustomNotificationToCompanyPortal', { ...body, notificationTitle: 'T'.repeat(51) }, 'beta')).message, /at most 50/);
  });

  it('a ChromeOS disable is its lost mode; reenable ends it', () => {
    const book = chromebook();
    const { deps, scheduler } = harness([book]);
    assertAccepted(runDeviceAction(deps, book, 'disable', undefined, 'beta'));
    scheduler.advance(COMPLETE_MS);
    assert.equal(book.props['lostModeState'], 'enabled');
    assertAccepted(runDeviceAction(deps, book, 'reenable', undefined, 'beta'));
    scheduler.advance(COMPLETE_MS);
    assert.equal(book.props['lostModeState'], 'disabled');
  });

  it('a Configuration Manager action is delivered once done', () => {
    const pc = coManagedPc();
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'triggerConfigurationManagerAction', { configurationManagerAction: { action: 'appEvaluation' } }, 'beta'));
    assert.equal(entry(pc, 'triggerConfigurationManagerAction')['actionDeliveryStatus'], 'pendingDelivery');
    scheduler.advance(COMPLETE_MS);
    assert.equal(entry(pc, 'triggerConfigurationManagerAction')['actionDeliveryStatus'], 'deliveredToOnPremisesServer');
    assertConforms(pc, 'beta');
  });
});
