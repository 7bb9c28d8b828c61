// Retire and wipe: pending at once, done after the completion delay, and the device leaves
// managedDevices after the removal delay; never carried out twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import { idOf } from '../../../src/emulator/graph/model/entity.ts';
import { androidWorkProfile, supervisedIphone, windowsPc } from './helpers/devices.ts';
import { assertAccepted, assertRefused } from './helpers/outcome.ts';
import { assertConforms, entries, entry } from './helpers/results.ts';
import { COMPLETE_MS, REMOVE_MS, START, harness } from './helpers/tenant.ts';

describe('retire and wipe', () => {
  for (const action of ['retire', 'wipe'] as const) {
    it(`${action} marks the device pending, finishes, then removes it once`, () => {
      const target = windowsPc('TARGET');
      const other = windowsPc('OTHER');
      const { deps, scheduler, devices, removed, changed } = harness([target, other]);
      assertAccepted(runDeviceAction(deps, target, action, {}, 'v1.0'));
      assert.equal(target.props['managementState'], `${action}Pending`);
      assert.equal(entry(target, action)['actionState'], 'pending');
      assert.deepEqual(changed, [idOf(target)]);

      scheduler.advance(COMPLETE_MS);
      assert.equal(entry(target, action)['actionState'], 'done');
      assert.equal(devices.size, 2, 'still listed right after it is done');
      assert.equal(target.props['managementState'], `${action}Pending`);
      assertConforms(target, 'v1.0');

      scheduler.advance(REMOVE_MS - 1);
      assert.equal(devices.size, 2);
      scheduler.advance(1);
      assert.equal(devices.size, 1);
      assert.equal(devices.get(idOf(target)), undefined);
      assert.deepEqual(devices.values(), [other]);
      assert.deepEqual(removed, [idOf(target)]);

      scheduler.advance(10 * REMOVE_MS);
      assert.deepEqual(removed, [idOf(target)], 'removed exactly once');
      assert.equal(scheduler.pending, 0);
    });
  }

  it('a Windows wipe that keeps enrollment data brings the device back instead of removing it', () => {
    const pc = windowsPc();
    const { deps, scheduler, devices, removed } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'wipe', { keepEnrollmentData: true, keepUserData: false }, 'v1.0'));
    assert.equal(pc.props['managementState'], 'wipePending');
    scheduler.advance(COMPLETE_MS + REMOVE_MS);
    assert.equal(devices.get(idOf(pc)), pc);
    assert.deepEqual(removed, []);
    assert.equal(pc.props['managementState'], 'managed');
    assert.equal(pc.props['lastSyncDateTime'], new Date(START + COMPLETE_MS + REMOVE_MS).toISOString());
    assert.deepEqual(pc.props['usersLoggedOn'], [], 'the people who had signed in are gone');
    assert.equal(entry(pc, 'wipe')['actionState'], 'done');
  });

  it('keeping user data as well keeps who had signed in', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    const users = pc.props['usersLoggedOn'];
    assertAccepted(runDeviceAction(deps, pc, 'wipe', { keepEnrollmentData: true, keepUserData: true }, 'beta'));
    scheduler.advance(COMPLETE_MS + REMOVE_MS);
    assert.equal(pc.props['managementState'], 'managed');
    assert.deepEqual(pc.props['usersLoggedOn'], users);
  });

  it('keepEnrollmentData does not keep an iPhone: it has no such wipe', () => {
    const phone = supervisedIphone();
    const { deps, scheduler, devices } = harness([phone]);
    assertAccepted(runDeviceAction(deps, phone, 'wipe', { keepEnrollmentData: true }, 'v1.0'));
    scheduler.advance(COMPLETE_MS + REMOVE_MS);
    assert.equal(devices.size, 0);
  });

  it('never starts a second wipe while one is pending, nor after it finished', () => {
    const pc = windowsPc();
    const { deps, scheduler, removed } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'wipe', {}, 'v1.0'));
    const first = entry(pc, 'wipe');
    const timers = scheduler.pending;
    const again = assertRefused(runDeviceAction(deps, pc, 'wipe', {}, 'v1.0'));
    assert.match(again.message, /already has a wipePending action/);
    assert.equal(entry(pc, 'wipe'), first, 'the pending entry is untouched');
    assert.equal(entries(pc).length, 1);
    assert.equal(scheduler.pending, timers, 'nothing new scheduled');
    assertRefused(runDeviceAction(deps, pc, 'retire', {}, 'beta'));
    scheduler.advance(COMPLETE_MS);
    assertRefused(runDeviceAction(deps, pc, 'wipe', {}, 'beta'));
    scheduler.advance(REMOVE_MS);
    assert.deepEqual(removed, [idOf(pc)]);
  });

  it('a device being retired carries out nothing else: other actions wait and are cancelled', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    const lastSync = pc.props['lastSyncDateTime'];
    assertAccepted(runDeviceAction(deps, pc, 'retire', {}, 'v1.0'));
    scheduler.advance(1_000);
    assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS - 1_000);
    assert.equal(entry(pc, 'retire')['actionState'], 'done');
    assert.equal(entry(pc, 'syncDevice')['actionState'], 'canceled');
    scheduler.advance(COMPLETE_MS);
    assert.equal(entry(pc, 'syncDevice')['actionState'], 'canceled');
    assert.equal(pc.props['lastSyncDateTime'], lastSync);
    assertConforms(pc, 'v1.0');
  });

  it('an action sent between a kept wipe and the device coming back is cancelled', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'wipe', { keepEnrollmentData: true, keepUserData: true }, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    assertAccepted(runDeviceAction(deps, pc, 'rebootNow', undefined, 'v1.0'));
    scheduler.advance(REMOVE_MS);
    assert.equal(pc.props['managementState'], 'managed');
    assert.equal(entry(pc, 'rebootNow')['actionState'], 'canceled');
    assertAccepted(runDeviceAction(deps, pc, 'rebootNow', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    assert.notEqual(entry(pc, 'rebootNow')['actionState'], 'pending', 'a managed device runs actions again');
  });

  it('answers 404 for a device that has already left the list', () => {
    const pc = windowsPc();
    const { deps, scheduler } = harness([pc]);
    assertAccepted(runDeviceAction(deps, pc, 'retire', {}, 'v1.0'));
    scheduler.advance(COMPLETE_MS + REMOVE_MS);
    const gone = assertRefused(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'), 404);
    assert.equal(gone.code, 'ResourceNotFound');
  });

  it('a personally owned Android work profile can be retired but not wiped', () => {
    const phone = androidWorkProfile();
    const { deps } = harness([phone]);
    assertRefused(runDeviceAction(deps, phone, 'wipe', {}, 'v1.0'));
    assertAccepted(runDeviceAction(deps, phone, 'retire', {}, 'v1.0'));
  });

  it('never fails a wipe, whatever the seed', () => {
    for (let seed = 0; seed < 300; seed++) {
      const pc = windowsPc();
      const { deps, scheduler } = harness([pc], seed);
      assertAccepted(runDeviceAction(deps, pc, 'wipe', {}, 'v1.0'));
      scheduler.advance(COMPLETE_MS);
      assert.equal(entry(pc, 'wipe')['actionState'], 'done', `seed ${seed}`);
    }
  });
});
