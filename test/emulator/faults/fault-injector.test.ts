// Fault decisions must replay exactly under a seed and honour their rates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FaultInjector } from '../../../src/emulator/faults/fault-injector.ts';
import type { FaultDecision } from '../../../src/emulator/faults/fault-decision.ts';
import { DEFAULT_FAULT_SETTINGS } from '../../../src/emulator/faults/fault-settings.ts';
import type { FaultSettings } from '../../../src/emulator/faults/fault-settings.ts';

const BUSY: FaultSettings = {
  latencyMs: 40,
  jitterMs: 25,
  errorRate: 0.1,
  dropRate: 0.05,
  slowBodyRate: 0.2,
  slowBodyBytesPerSecond: 512,
  malformedPageRate: 0.1,
};

/** A fixed mix of page reads and other requests. */
function kinds(count: number): { isCollectionGet: boolean }[] {
  return Array.from({ length: count }, (_, i) => ({ isCollectionGet: i % 3 !== 0 }));
}

function run(seed: number, settings: FaultSettings, count: number): FaultDecision[] {
  const injector = new FaultInjector(seed, settings);
  return kinds(count).map((k) => injector.decide(k));
}

function fraction(decisions: readonly FaultDecision[], test: (d: FaultDecision) => boolean): number {
  return decisions.filter(test).length / decisions.length;
}

describe('FaultInjector', () => {
  it('gives the same decisions for the same seed and request sequence', () => {
    assert.deepEqual(run(7, BUSY, 500), run(7, BUSY, 500));
  });

  it('gives different decisions for different seeds', () => {
    assert.notDeepEqual(run(7, BUSY, 200), run(8, BUSY, 200));
  });

  it('decides nothing when every switch is off', () => {
    for (const d of run(3, DEFAULT_FAULT_SETTINGS, 1000)) {
      assert.deepEqual(d, { delayMs: 0, outcome: { kind: 'none' }, slowBodyBytesPerSecond: undefined });
    }
  });

  it('honours each rate over 10,000 decisions', () => {
    const decisions = run(42, BUSY, 10_000);
    const near = (actual: number, expected: number, label: string): void => {
      assert.ok(Math.abs(actual - expected) < 0.015, `${label}: ${actual} vs ${expected}`);
    };
    near(fraction(decisions, (d) => d.outcome.kind === 'drop'), BUSY.dropRate, 'drop');
    near(fraction(decisions, (d) => d.outcome.kind === 'serverError'), BUSY.errorRate, 'error');
    const pages = kinds(10_000)
      .map((k, i) => [k, decisions[i]] as const)
      .filter(([k]) => k.isCollectionGet)
      .map(([, d]) => d as FaultDecision);
    near(fraction(pages, (d) => d.outcome.kind === 'malformedPage'), BUSY.malformedPageRate, 'malformed page');
    const notDropped = decisions.filter((d) => d.outcome.kind !== 'drop');
    near(fraction(notDropped, (d) => d.slowBodyBytesPerSecond === 512), BUSY.slowBodyRate, 'slow body');
  });

  it('never malforms anything but a collection GET, and never slows a dropped request', () => {
    const injector = new FaultInjector(5, { ...BUSY, malformedPageRate: 0.8, errorRate: 0, dropRate: 0.2 });
    for (let i = 0; i < 2000; i++) {
      const d = injector.decide({ isCollectionGet: false });
      assert.notEqual(d.outcome.kind, 'malformedPage');
      if (d.outcome.kind === 'drop') assert.equal(d.slowBodyBytesPerSecond, undefined);
    }
  });

  it('draws latency from latencyMs to latencyMs + jitterMs, covering the range', () => {
    const delays = run(11, BUSY, 5000).map((d) => d.delayMs);
    assert.ok(delays.every((ms) => Number.isInteger(ms) && ms >= 40 && ms <= 65));
    assert.equal(new Set(delays).size, 26);
  });

  it('picks every 5xx, with Retry-After only on 503 and 504, in whole seconds', () => {
    const errors = run(9, { ...DEFAULT_FAULT_SETTINGS, errorRate: 1 }, 4000).map((d) => d.outcome);
    const statuses = new Set<number>();
    let withRetryAfter = 0;
    for (const outcome of errors) {
      assert.equal(outcome.kind, 'serverError');
      if (outcome.kind !== 'serverError') continue;
      statuses.add(outcome.status);
      if (outcome.retryAfterSeconds !== undefined) {
        withRetryAfter++;
        assert.ok(outcome.status === 503 || outcome.status === 504);
        assert.ok(Number.isInteger(outcome.retryAfterSeconds) && outcome.retryAfterSeconds >= 1 && outcome.retryAfterSeconds <= 10);
      }
    }
    assert.deepEqual([...statuses].sort(), [500, 502, 503, 504]);
    // About half of the 503/504 half carry it.
    assert.ok(withRetryAfter > 800 && withRetryAfter < 1200, String(withRetryAfter));
  });

  it('takes an update from the next decision on, without shifting the stream', () => {
    const changed = new FaultInjector(21, DEFAULT_FAULT_SETTINGS);
    const steady = new FaultInjector(21, { ...DEFAULT_FAULT_SETTINGS, errorRate: 1 });
    for (let i = 0; i < 10; i++) assert.equal(changed.decide({ isCollectionGet: true }).outcome.kind, 'none');
    for (let i = 0; i < 10; i++) steady.decide({ isCollectionGet: true });
    changed.update({ errorRate: 1 });
    assert.equal(changed.settings().errorRate, 1);
    for (let i = 0; i < 10; i++) assert.deepEqual(changed.decide({ isCollectionGet: true }), steady.decide({ isCollectionGet: true }));
  });

  it('refuses invalid settings in the constructor and in update', () => {
    assert.throws(() => new FaultInjector(1, { ...DEFAULT_FAULT_SETTINGS, errorRate: 1.5 }), /errorRate/);
    const injector = new FaultInjector(1, DEFAULT_FAULT_SETTINGS);
    assert.throws(() => injector.update({ latencyMs: -1 }), /latencyMs/);
    assert.throws(() => injector.update({ dropRate: 0.6, errorRate: 0.6 }), /must not exceed 1/);
    assert.deepEqual(injector.settings(), DEFAULT_FAULT_SETTINGS);
  });
});
