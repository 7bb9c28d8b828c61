import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyncProgress, SyncState } from '../../src/shared/bridge/api.ts';
import { progressWording, syncEndWording } from '../../src/renderer/features/sync/sync-wording.ts';

const EN = { locale: 'en-US' } as const;

const fetching: SyncProgress = { kind: 'full', phase: 'fetching', pagesFetched: 12, devicesFetched: 11500, estimatedTotal: 100000, devicesPerSecond: 2300.4, secondsLeft: 38.5, elapsedSeconds: 5 };

test('progress while fetching names pages, devices of the total, rate and time left', () => {
  const words = progressWording(fetching, EN);
  assert.equal(words.label, 'Fetching devices (full sync)');
  assert.equal(words.detail, 'page 12 · 11,500 of 100,000 devices · 2,300 devices/s · about 39 s left');
  assert.equal(words.fraction, 0.115);
});

test('without a total the bar is indeterminate and the count stands alone', () => {
  const words = progressWording({ ...fetching, kind: 'incremental', estimatedTotal: undefined, secondsLeft: undefined }, EN);
  assert.equal(words.fraction, undefined);
  assert.equal(words.label, 'Fetching devices (refresh)');
  assert.equal(words.detail, 'page 12 · 11,500 devices · 2,300 devices/s');
});

test('phases before fetching say what is happening and nothing more', () => {
  const words = progressWording({ kind: 'full', phase: 'opening', pagesFetched: 0, devicesFetched: 0, devicesPerSecond: 0, elapsedSeconds: 0 }, EN);
  assert.equal(words.label, 'Opening the offline inventory (full sync)');
  assert.equal(words.detail, '');
  // Time left only while fetching: the commit comes after and has no estimate.
  assert.doesNotMatch(progressWording({ ...fetching, phase: 'committing' }, EN).detail, /left/);
});

test('a fraction never leaves 0–1, even when more devices arrive than counted', () => {
  assert.equal(progressWording({ ...fetching, devicesFetched: 100500 }, EN).fraction, 1);
});

const state = (running: boolean, extra: Partial<SyncState> = {}): SyncState => ({ profileId: 'p', running, deviceCount: 100000, offline: false, ...extra });

test('the end of a sync is announced once, with the count or the problem', () => {
  assert.equal(syncEndWording(state(true), state(false), EN), 'Sync finished: 100,000 devices.');
  assert.equal(syncEndWording(state(true), state(false, { lastProblem: { code: 'offline', message: 'Intune could not be reached.' } }), EN), 'Sync stopped: Intune could not be reached.');
  assert.equal(syncEndWording(state(false), state(false), EN), undefined);
  assert.equal(syncEndWording(undefined, state(false), EN), undefined);
  assert.equal(syncEndWording(state(true), state(true), EN), undefined);
});

test('the last second of fetching says "almost done", not "about 0 s left"', () => {
  assert.match(progressWording({ ...fetching, secondsLeft: 0.3 }, EN).detail, /almost done$/);
});
