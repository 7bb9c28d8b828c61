// What the UI benchmark measures inside the window, timed by the page itself: from the input
// event's own timestamp (when Chromium received the click or key) to just after the frame that
// shows the result (a requestAnimationFrame callback, then a message posted from it, which runs
// once that frame has been produced). Playwright's round trips are not in the figures.
import type { CDPSession, Page } from 'playwright-core';

/** The little of the DOM the page functions below use (this file is compiled without DOM types). */
interface BenchElement {
  readonly textContent: string | null;
  readonly value?: string;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): BenchElement | null;
  querySelectorAll(selector: string): { readonly length: number };
  addEventListener(type: string, listener: (event: { readonly timeStamp: number }) => void, options?: { readonly capture?: boolean }): void;
  scrollTop: number;
  readonly scrollHeight: number;
}

interface BenchMutation {
  readonly type: string;
  readonly attributeName: string | null;
}

interface BenchGlobals {
  readonly document: { readonly body: object; querySelector(selector: string): BenchElement | null };
  readonly performance: { now(): number };
  requestAnimationFrame(callback: () => void): void;
  readonly MessageChannel: new () => { readonly port1: { onmessage: (() => void) | null }; readonly port2: { postMessage(message: unknown): void } };
  readonly MutationObserver: new (callback: (records: readonly BenchMutation[]) => void) => { observe(target: object, options: Record<string, boolean | string[]>): void; disconnect(): void };
  benchFirstRows?: { clickAt?: number; paintedAt?: number };
  benchKeys?: { pending?: { at: number; busySeen: boolean }; durations: number[] };
}

/**
 * Clicks the Devices link (the page must show another page) and returns the milliseconds from the
 * click to the frame that shows the first device rows (rows with data, not "Loading…").
 */
export async function firstRowsAfterNavigation(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = globalThis as unknown as BenchGlobals;
    const state: { clickAt?: number; paintedAt?: number } = {};
    w.benchFirstRows = state;
    const link = w.document.querySelector('nav a[href="#/devices"]');
    if (link === null) throw new Error('No Devices link in the navigation.');
    link.addEventListener('click', (event) => {
      state.clickAt = event.timeStamp;
    }, { capture: true });
    const afterFrame = (): void => {
      w.requestAnimationFrame(() => {
        const channel = new w.MessageChannel();
        channel.port1.onmessage = () => {
          state.paintedAt = w.performance.now();
        };
        channel.port2.postMessage(null);
      });
    };
    const observer = new w.MutationObserver(() => {
      if (state.clickAt === undefined) return;
      const cell = w.document.querySelector('[role="grid"][aria-label="Devices"] [role="row"][aria-rowindex="2"] [role="gridcell"]');
      const text = cell?.textContent?.trim() ?? '';
      if (text === '' || text === 'Loading…') return;
      observer.disconnect();
      afterFrame();
    });
    observer.observe(w.document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices', exact: true }).click();
  await page.waitForFunction(() => (globalThis as unknown as BenchGlobals).benchFirstRows?.paintedAt !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const state = (globalThis as unknown as BenchGlobals).benchFirstRows;
    if (state?.clickAt === undefined || state.paintedAt === undefined) throw new Error('The click or the rows were not seen.');
    return state.paintedAt - state.clickAt;
  });
}

/**
 * Starts timing every key typed in the search box: from the keydown to the frame showing that
 * query's results (the result count stops being busy with the new query and the first row, if
 * any, has data).
 */
export async function watchKeystrokes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as BenchGlobals;
    const keys: { pending?: { at: number; busySeen: boolean }; durations: number[] } = { durations: [] };
    w.benchKeys = keys;
    const search = w.document.querySelector('input[aria-label="Search devices"]');
    const count = w.document.querySelector('[data-testid="result-count"]');
    if (search === null || count === null) throw new Error('The Devices page has no search box or result count.');
    search.addEventListener('keydown', (event) => {
      keys.pending = { at: event.timeStamp, busySeen: false };
    }, { capture: true });
    const settled = (): boolean => {
      if (count.hasAttribute('aria-busy')) return false;
      const grid = w.document.querySelector('[role="grid"][aria-label="Devices"]');
      if (grid === null || grid.hasAttribute('aria-busy')) return false;
      const cell = grid.querySelector('[role="row"][aria-rowindex="2"] [role="gridcell"]');
      return cell === null || (cell.textContent?.trim() ?? '') !== 'Loading…';
    };
    const observer = new w.MutationObserver((records) => {
      const pending = keys.pending;
      if (pending === undefined) return;
      // The record of aria-busy being set stays in the list even when it is already cleared.
      if (records.some((r) => r.type === 'attributes' && r.attributeName === 'aria-busy')) pending.busySeen = true;
      if (!pending.busySeen || !settled()) return;
      keys.pending = undefined;
      w.requestAnimationFrame(() => {
        const channel = new w.MessageChannel();
        channel.port1.onmessage = () => keys.durations.push(w.performance.now() - pending.at);
        channel.port2.postMessage(null);
      });
    });
    observer.observe(w.document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
}

/** Types one character in the search box and returns the milliseconds until its results were shown. */
export async function timeKeystroke(page: Page, key: string): Promise<number> {
  const before = await page.evaluate(() => (globalThis as unknown as BenchGlobals).benchKeys?.durations.length ?? 0);
  await page.getByRole('searchbox', { name: 'Search devices' }).press(key);
  await page.waitForFunction((n) => ((globalThis as unknown as BenchGlobals).benchKeys?.durations.length ?? 0) > n, before, { timeout: 30_000 });
  return page.evaluate((n) => (globalThis as unknown as BenchGlobals).benchKeys?.durations[n] ?? Number.NaN, before);
}

/** Scrolls the Devices grid to the middle and counts its row elements once the rows there have data. */
export async function rowsInDomAtMiddle(page: Page): Promise<{ readonly rows: number; readonly firstIndex: number }> {
  const grid = page.getByRole('grid', { name: 'Devices', exact: true });
  await grid.evaluate((element) => {
    const scroller = element as unknown as BenchElement;
    scroller.scrollTop = scroller.scrollHeight / 2;
  });
  const rows = grid.getByRole('rowgroup').nth(1).getByRole('row');
  await page.waitForFunction(() => {
    const w = globalThis as unknown as BenchGlobals;
    const cell = w.document.querySelector('[role="grid"][aria-label="Devices"] [role="rowgroup"]:last-of-type [role="row"] [role="gridcell"]');
    return cell !== null && (cell.textContent?.trim() ?? '') !== 'Loading…' && (cell.textContent?.trim() ?? '') !== '';
  }, undefined, { timeout: 30_000 });
  const firstIndex = Number(await rows.first().getAttribute('aria-rowindex'));
  return { rows: await rows.count(), firstIndex };
}

/** The page's JavaScript heap in use after a full garbage collection, in MB (CDP HeapProfiler, Runtime). */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize / (1024 * 1024);
}
