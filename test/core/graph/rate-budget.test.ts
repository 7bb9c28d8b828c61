// The rate budget on its own, in virtual time: Intune's published per-app figures at 90%, any
// 20-second window, writes held to their own budget without holding up reads, and a 429 pause
// that stops every caller.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INTUNE_PUBLISHED_LIMITS, RateBudget } from '../../../src/core/graph/rate-budget.ts';
import type { BudgetUnit, BudgetWait } from '../../../src/core/graph/rate-budget.ts';
import { VirtualTime } from '../../helpers/virtual-time.ts';

const DEVICE_READ: BudgetUnit = { area: 'devices', kind: 'any' };
const DEVICE_WRITE: BudgetUnit = { area: 'devices', kind: 'write' };
const POLICY_READ: BudgetUnit = { area: 'other', kind: 'any' };

async function sendTimes(budget: RateBudget, time: VirtualTime, units: readonly BudgetUnit[]): Promise<number[]> {
  return Promise.all(units.map(async (unit) => {
    await budget.acquire([unit]);
    return time.now();
  }));
}

function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('RateBudget', () => {
  it('allows 90% of the published figures per 20 s: 1800 device reads, 900 other reads, 180 and 90 writes', () => {
    const budget = new RateBudget();
    assert.equal(budget.allowance(DEVICE_READ), 1800);
    assert.equal(budget.allowance(POLICY_READ), 900);
    assert.equal(budget.allowance(DEVICE_WRITE), 180);
    assert.equal(budget.allowance({ area: 'other', kind: 'write' }), 90);
    assert.equal(new RateBudget({ limits: { ...INTUNE_PUBLISHED_LIMITS, safetyMargin: 1 } }).allowance(DEVICE_READ), 2000);
  });

  it('keeps every 20-second window within the allowance, however many callers ask at once', async () => {
    const time = new VirtualTime(0);
    const budget = new RateBudget({ time });
    const times = await sendTimes(budget, time, Array.from({ length: 5000 }, () => POLICY_READ));
    assert.equal(busiestWindow(times, 20_000), 900);
    assert.equal(times.filter((t) => t === 0).length, 900, 'the first window\'s worth goes at once');
    assert.ok(Math.max(...times) >= 100_000, '5000 at 900 per 20 s takes over 100 s');
  });

  it('holds writes to the write budget without making reads wait behind them', async () => {
    const time = new VirtualTime(0);
    const budget = new RateBudget({ time });
    const writes = sendTimes(budget, time, Array.from({ length: 400 }, () => DEVICE_WRITE));
    const reads = sendTimes(budget, time, Array.from({ length: 100 }, () => DEVICE_READ));
    const [w, r] = await Promise.all([writes, reads]);
    assert.equal(busiestWindow(w, 20_000), 180);
    assert.ok(r.every((t) => t === 0), 'reads went at once, though 220 writes were still waiting');
  });

  it('reports its waits, and a 429 pause stops every caller until it ends', async () => {
    const time = new VirtualTime(1_000);
    const budget = new RateBudget({ time });
    budget.pauseUntil(6_000);
    budget.pauseUntil(3_000); // never shortens a pause
    const waits: BudgetWait[] = [];
    await Promise.all([budget.acquire([DEVICE_READ], undefined, (w) => waits.push(w)), budget.acquire([POLICY_READ], undefined, (w) => waits.push(w))]);
    assert.equal(time.now(), 6_000);
    assert.deepEqual(waits.map((w) => [w.reason, w.ms]), [['retryAfter', 5_000], ['retryAfter', 5_000]]);
  });

  it('gives up waiting when cancelled', async () => {
    const time = new VirtualTime(0);
    const budget = new RateBudget({ time });
    budget.pauseUntil(60_000);
    const controller = new AbortController();
    const pending = budget.acquire([DEVICE_READ], controller.signal);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
  });

  it('refuses limits that cannot work', () => {
    assert.throws(() => new RateBudget({ limits: { ...INTUNE_PUBLISHED_LIMITS, safetyMargin: 0 } }), RangeError);
    assert.throws(() => new RateBudget({ limits: { ...INTUNE_PUBLISHED_LIMITS, windowMs: 0 } }), RangeError);
  });
});
