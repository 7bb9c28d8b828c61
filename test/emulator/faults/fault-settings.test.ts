// The admin endpoint passes untrusted JSON to parseFaultSettings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FAULT_SETTINGS, parseFaultSettings } from '../../../src/emulator/faults/fault-settings.ts';

describe('parseFaultSettings', () => {
  it('accepts a full object and merges a partial one over the base', () => {
    const full = { latencyMs: 10, jitterMs: 5, errorRate: 0.25, dropRate: 0, slowBodyRate: 1, slowBodyBytesPerSecond: 100, malformedPageRate: 0.75 };
    assert.deepEqual(parseFaultSettings(full), { ok: true, settings: full });
    assert.deepEqual(parseFaultSettings({ errorRate: 0.2 }, full), { ok: true, settings: { ...full, errorRate: 0.2 } });
    assert.deepEqual(parseFaultSettings({}), { ok: true, settings: DEFAULT_FAULT_SETTINGS });
  });

  it('rejects bad input with a message naming the problem', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /must be a JSON object/],
      ['errorRate=1', /must be a JSON object/],
      [[{ errorRate: 1 }], /must be a JSON object/],
      [{ errorrate: 0.1 }, /Unknown fault setting "errorrate"; allowed: latencyMs, jitterMs, errorRate/],
      [{ errorRate: '0.1' }, /errorRate must be a number from 0 to 1, got "0.1"/],
      [{ dropRate: -0.1 }, /dropRate must be a number from 0 to 1/],
      [{ slowBodyRate: 2 }, /slowBodyRate must be a number from 0 to 1/],
      [{ malformedPageRate: null }, /malformedPageRate must be a number from 0 to 1, got null/],
      [{ latencyMs: -5 }, /latencyMs must be a whole number from 0 to 600000/],
      [{ jitterMs: 1.5 }, /jitterMs must be a whole number/],
      [{ latencyMs: true }, /latencyMs must be a whole number/],
      [{ slowBodyBytesPerSecond: 0 }, /slowBodyBytesPerSecond must be a whole number from 1/],
      [{ errorRate: 0.5, dropRate: 0.3, malformedPageRate: 0.3 }, /must not exceed 1, got 1.1/],
    ];
    for (const [input, message] of cases) {
      const parsed = parseFaultSettings(input);
      assert.equal(parsed.ok, false, JSON.stringify(input));
      if (!parsed.ok) assert.match(parsed.message, message, JSON.stringify(input));
    }
  });
});
