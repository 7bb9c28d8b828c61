// The grid's window cache against a scripted host: every answer is released by the test, so the
// order of answers (and stale ones) is under the test's control.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BridgeResult, DeviceListRequest, DeviceRow, DeviceWindow } from '../../src/shared/bridge/api.ts';
import { CACHED_WINDOWS, DeviceWindows, MAX_IN_FLIGHT, WINDOW_ROWS, windowsCovering } from '../../src/renderer/features/devices/device-windows.ts';
import { NO_CHIPS, queryView } from '../../src/renderer/features/devices/device-filter.ts';

const SORT = { column: 'deviceName', direction: 'asc' } as const;

interface Call {
  readonly request: DeviceListRequest;
  answer(total: number, tag?: string): void;
  fail(message: string): void;
}

function scriptedHost() {
  const calls: Call[] = [];
  const fetch = (request: DeviceListRequest): Promise<BridgeResult<DeviceWindow>> =>
    new Promise((resolve) => {
      calls.push({
        request,
        answer: (total, tag = request.search ?? '') => {
          const count = Math.max(0, Math.min(request.limit, total - request.offset));
          const rows = Array.from({ length: count }, (_, i) => ({ id: `${tag}#${request.offset + i}`, deviceName: `${tag} ${request.offset + i}` }) as unknown as DeviceRow);
          resolve({ ok: true, value: { offset: request.offset, rows, total, asOf: '2026-11-26T14:00:00Z' } });
        },
        fail: (message) => resolve({ ok: false, problem: { code: 'storeDamaged', message } }),
      });
    });
  return { calls, fetch };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
const view = (search: string) => queryView(search, NO_CHIPS, 30, SORT);

test('windows covering a range stay inside the total', () => {
  assert.deepEqual(windowsCovering(0, 30, undefined), [0]);
  assert.deepEqual(windowsCovering(95, 130, 100_000), [0, 1]);
  assert.deepEqual(windowsCovering(95, 130, 120), [0, 1]);
  assert.deepEqual(windowsCovering(95, 130, 100), [0]);
  assert.deepEqual(windowsCovering(0, 40, 0), []);
});

test('a query shows nothing until its first window lands, then its rows and total', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setVisible(0, 30);
  rows.setQuery(view(''));
  assert.equal(host.calls.length, 1);
  assert.deepEqual(host.calls[0]?.request, { offset: 0, limit: WINDOW_ROWS, sort: SORT });
  assert.equal(rows.getSnapshot().total, undefined);
  assert.equal(rows.getSnapshot().pending, true);
  host.calls[0]?.answer(100_000);
  await settle();
  const snap = rows.getSnapshot();
  assert.equal(snap.total, 100_000);
  assert.equal(snap.pending, false);
  assert.equal(snap.asOf, '2026-11-26T14:00:00Z');
  assert.equal(rows.rowAt(29)?.id, '#29');
  assert.equal(rows.rowAt(100), undefined);
});

test('keystrokes typed while a query is on its way: only the last is sent after it, and only its rows show', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setQuery(view('s'));
  rows.setQuery(view('su'));
  rows.setQuery(view('sur'));
  rows.setQuery(view('surf'));
  assert.equal(host.calls.length, 1, 'one first-window request at a time');
  host.calls[0]?.answer(5000);
  await settle();
  assert.equal(rows.getSnapshot().total, undefined, 'the answer for "s" is stale and not shown');
  assert.equal(host.calls.length, 2);
  assert.equal(host.calls[1]?.request.search, 'surf', 'the intermediate keystrokes were never sent');
  host.calls[1]?.answer(12);
  await settle();
  assert.equal(rows.getSnapshot().total, 12);
  assert.equal(rows.rowAt(0)?.id, 'surf#0');
});

test('the old rows stay on screen until the new query answers, then swap in one step', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setQuery(view('a'));
  host.calls[0]?.answer(1000);
  await settle();
  const shownKey = rows.getSnapshot().key;
  rows.setQuery(view('ab'));
  assert.equal(rows.rowAt(0)?.id, 'a#0');
  assert.equal(rows.getSnapshot().key, shownKey);
  assert.equal(rows.getSnapshot().query?.search, 'a', 'the count describes the rows shown, not the query typed');
  assert.equal(rows.getSnapshot().pending, true);
  host.calls[1]?.answer(3);
  await settle();
  assert.equal(rows.rowAt(0)?.id, 'ab#0');
  assert.equal(rows.getSnapshot().query?.search, 'ab');
  assert.notEqual(rows.getSnapshot().key, shownKey);
  assert.equal(rows.getSnapshot().total, 3);
});

test('the same query again sends nothing', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setQuery(view('x'));
  host.calls[0]?.answer(10);
  await settle();
  rows.setQuery(view(' x '));
  assert.equal(host.calls.length, 1);
});

test('scrolling fetches only the windows on screen, a few at a time, skipping those scrolled past', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setVisible(0, 30);
  rows.setQuery(view(''));
  host.calls[0]?.answer(100_000);
  await settle();
  // A fast drag: the grid passes through many places before stopping at row 50,000.
  rows.setVisible(180, 260);
  assert.equal(host.calls.length, 1 + MAX_IN_FLIGHT, 'windows 1 and 2 requested, no more than the limit');
  for (let at = 300; at < 50_000; at += 700) rows.setVisible(at, at + 40);
  rows.setVisible(50_000, 50_040);
  assert.equal(host.calls.length, 1 + MAX_IN_FLIGHT, 'nothing more while both slots are busy');
  host.calls[1]?.answer(100_000);
  host.calls[2]?.answer(100_000);
  await settle();
  assert.equal(host.calls.length, 4, 'only the window now on screen was asked for');
  assert.equal(host.calls[3]?.request.offset, 50_000);
  host.calls[3]?.answer(100_000);
  await settle();
  assert.equal(rows.rowAt(50_039)?.id, '#50039');
});

test('the cache holds a bounded number of windows, never dropping the ones on screen', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setVisible(0, 30);
  rows.setQuery(view(''));
  let answered = 0;
  const answerAll = async (): Promise<void> => {
    while (answered < host.calls.length) host.calls[answered++]?.answer(100_000);
    await settle();
  };
  await answerAll();
  for (let w = 1; w <= CACHED_WINDOWS + 5; w++) {
    rows.setVisible(w * WINDOW_ROWS, w * WINDOW_ROWS + 30);
    await answerAll();
  }
  const held = Array.from({ length: CACHED_WINDOWS + 6 }, (_, w) => rows.rowAt(w * WINDOW_ROWS) !== undefined).filter(Boolean).length;
  assert.equal(held, CACHED_WINDOWS);
  assert.notEqual(rows.rowAt((CACHED_WINDOWS + 5) * WINDOW_ROWS), undefined, 'the window on screen is kept');
  assert.equal(rows.rowAt(0), undefined, 'the least recently seen went first');
  // Scrolling back asks for it again.
  const before = host.calls.length;
  rows.setVisible(0, 30);
  assert.equal(host.calls.length, before + 1);
  assert.equal(host.calls.at(-1)?.request.offset, 0);
});

test('a failure is shown, not retried in a loop, and a refresh tries again keeping the rows', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setVisible(0, 30);
  rows.setQuery(view(''));
  host.calls[0]?.answer(1000);
  await settle();
  rows.setVisible(500, 530);
  host.calls[1]?.fail('The inventory file was damaged and has been rebuilt.');
  await settle();
  assert.equal(rows.getSnapshot().problem?.code, 'storeDamaged');
  rows.setVisible(501, 531);
  rows.setVisible(500, 530);
  assert.equal(host.calls.length, 2, 'the failed window is not asked for again on its own');
  rows.refresh();
  assert.equal(host.calls.length, 3);
  assert.equal(host.calls[2]?.request.offset, 500, 'a refresh starts where the grid is');
  assert.equal(rows.rowAt(0)?.id, '#0', 'the rows shown stay until the refresh answers');
  host.calls[2]?.answer(990);
  await settle();
  assert.equal(rows.getSnapshot().problem, undefined);
  assert.equal(rows.getSnapshot().total, 990);
  assert.equal(rows.rowAt(0), undefined, 'a refresh replaces the cache');
  assert.equal(rows.rowAt(500)?.id, '#500');
});

test('a bridge that throws becomes a problem, not an unhandled rejection', async () => {
  const rows = new DeviceWindows(() => Promise.reject(new Error('socket closed')));
  rows.setQuery(view(''));
  await settle();
  assert.match(rows.getSnapshot().problem?.message ?? '', /socket closed/);
  assert.equal(rows.getSnapshot().pending, false);
});

test('listeners hear every change and can unsubscribe', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  let heard = 0;
  const off = rows.subscribe(() => heard++);
  rows.setQuery(view(''));
  host.calls[0]?.answer(10);
  await settle();
  const versions = rows.getSnapshot().version;
  assert.ok(heard >= 2 && versions >= 2);
  off();
  const after = heard;
  rows.refresh();
  host.calls[1]?.answer(10);
  await settle();
  assert.equal(heard, after);
});

test('when the first window of a refresh fails, the old rows go with it (they came from an inventory that is gone)', async () => {
  const host = scriptedHost();
  const rows = new DeviceWindows(host.fetch);
  rows.setQuery(view(''));
  host.calls[0]?.answer(2000);
  await settle();
  rows.refresh();
  assert.equal(rows.rowAt(0)?.id, '#0');
  host.calls[1]?.fail('Nobody is signed in.');
  await settle();
  assert.equal(rows.rowAt(0), undefined);
  assert.equal(rows.getSnapshot().total, undefined);
  assert.equal(rows.getSnapshot().problem?.message, 'Nobody is signed in.');
  assert.equal(rows.getSnapshot().pending, false);
});
