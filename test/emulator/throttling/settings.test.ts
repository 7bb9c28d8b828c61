// Throttle settings arrive as untrusted JSON from the admin endpoint.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_THROTTLE_SETTINGS, parseThrottleSettings } from '../../../src/emulator/graph/throttling/settings.ts';

describe('parseThrottleSettings', () => {
  it('merges a partial object over the current settings', () => {
    const parsed = parseThrottleSettings({ omitRetryAfter: true }, { enabled: false, omitRetryAfter: false, rateMultiplier: 0.5 });
    assert.deepEqual(parsed, { ok: true, settings: { enabled: false, omitRetryAfter: true, rateMultiplier: 0.5 } });
    assert.deepEqual(parseThrottleSettings({}), { ok: true, settings: DEFAULT_THROTTLE_SETTINGS });
  });

  it('rejects anything else with a message that says what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [null, /JSON object/],
      [[], /JSON object/],
      [{ enable: true }, /Unknown throttle setting "enable"/],
      [{ enabled: 'yes' }, /enabled must be true or false/],
      [{ rateMultiplier: '2' }, /rateMultiplier must be a number/],
      [{ rateMultiplier: 0 }, /rateMultiplier must be a number from/],
      [{ rateMultiplier: 5000 }, /rateMultiplier/],
    ];
    for (const [input, message] of cases) {
      const parsed = parseThrottleSettings(input);
      assert.equal(parsed.ok, false, JSON.stringify(input));
      if (!parsed.ok) assert.match(parsed.message, message);
    }
  });
});
