// Outcomes come from the seeded stream: the same seed and the same requests give the same
// passcodes, locations and rare failures; a failed action changes nothing it would have.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_SHARE, runDeviceAction } from '../../../src/emulator/graph/actions/index.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import type { Json } from '../../../src/emulator/graph/model/json.ts';
import { androidFullyManaged, windowsPc } from './helpers/devices.ts';
import { assertAccepted } from './helpers/outcome.ts';
import { assertConforms, entry } from './helpers/results.ts';
import { COMPLETE_MS, harness } from './helpers/tenant.ts';

const FLEET = 400;

/** Resets passcodes on a fleet of Android phones; returns each phone's result. */
function resetFleet(seed: number): Json[] {
  const phones: EntityRecord[] = Array.from({ length: FLEET }, (_, i) => androidFullyManaged(`PHONE-${String(i).padStart(4, '0')}`));
  const { deps, scheduler } = harness(phones, seed);
  for (const phone of phones) assertAccepted(runDeviceAction(deps, phone, 'resetPasscode', undefined, 'v1.0'));
  scheduler.advance(COMPLETE_MS);
  return phones.map((p) => {
    const e = entry(p, 'resetPasscode');
    return [e['actionState'] ?? null, e['passcode'] ?? null, e['errorCode'] ?? null];
  });
}

describe('deterministic outcomes', () => {
  it('replays the same outcomes for the same seed', () => {
    assert.deepEqual(resetFleet(7), resetFleet(7));
  });

  it('gives other outcomes for another seed', () => {
    assert.notDeepEqual(resetFleet(7), resetFleet(8));
  });

  it(`fails about ${FAILURE_SHARE * 100}% of ordinary actions, with an error code and no passcode`, () => {
    const results = resetFleet(11);
    const failed = results.filter((r) => Array.isArray(r) && r[0] === 'failed');
    assert.ok(failed.length >= 1 && failed.length <= FLEET * FAILURE_SHARE * 3, `${failed.length} of ${FLEET} failed`);
    for (const r of failed) assert.deepEqual(r, ['failed', null, 1]);
    const done = results.filter((r) => Array.isArray(r) && r[0] === 'done');
    assert.equal(done.length + failed.length, FLEET);
  });

  it('a failed sync leaves lastSyncDateTime where it was', () => {
    const pcs = Array.from({ length: FLEET }, (_, i) => windowsPc(`PC-${String(i).padStart(4, '0')}`));
    const { deps, scheduler } = harness(pcs, 11);
    const before = pcs.map((p) => p.props['lastSyncDateTime']);
    for (const pc of pcs) assertAccepted(runDeviceAction(deps, pc, 'syncDevice', undefined, 'v1.0'));
    scheduler.advance(COMPLETE_MS);
    const failed = pcs.filter((p) => entry(p, 'syncDevice')['actionState'] === 'failed');
    assert.ok(failed.length > 0, 'the seed gives at least one failure');
    for (const pc of pcs) {
      const synced = entry(pc, 'syncDevice')['actionState'] === 'done';
      assert.equal(pc.props['lastSyncDateTime'] !== before[pcs.indexOf(pc)], synced);
      assertConforms(pc, 'v1.0');
    }
  });
});
