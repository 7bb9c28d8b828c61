// What the header showed while a sync ran. A sync of a few thousand devices can finish between
// two polls of a locator, so the page itself notes every state of the progress bar the moment it
// changes (a MutationObserver), and the test reads the notes afterwards.
import type { Page } from '@playwright/test';

/** One look at the progress bar: its label ("Fetching devices (full sync)") and detail ("page 1 · 1,000 of 2,000 devices"). */
export interface ProgressSeen {
  readonly label: string;
  readonly detail: string;
  readonly value: string | null;
}

interface WatchedPage {
  readonly document: {
    readonly body: object;
    querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null; closest(selector: string): { textContent: string | null } | null } | null;
  };
  e2eProgressSeen?: ProgressSeen[];
  e2eProgressObserver?: { disconnect(): void };
  MutationObserver: new (callback: () => void) => { observe(target: object, options: Record<string, boolean>): void; disconnect(): void };
}

/** Starts (or restarts) noting the sync progress bar's states in the page. */
export async function watchSyncProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as WatchedPage;
    w.e2eProgressObserver?.disconnect();
    const seen: ProgressSeen[] = [];
    w.e2eProgressSeen = seen;
    const look = (): void => {
      const bar = w.document.querySelector('[role="progressbar"][aria-label="Sync progress"]');
      if (bar === null) return;
      const status = bar.closest('[data-testid="sync-status"]');
      const entry = { label: status?.textContent?.replace(/Cancel$/, '').trim() ?? '', detail: bar.getAttribute('aria-valuetext') ?? '', value: bar.getAttribute('aria-valuenow') };
      const last = seen.at(-1);
      if (last === undefined || last.label !== entry.label || last.detail !== entry.detail || last.value !== entry.value) seen.push(entry);
    };
    const observer = new w.MutationObserver(look);
    observer.observe(w.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    w.e2eProgressObserver = observer;
    look();
  });
}

/** The progress bar states noted since watchSyncProgress. */
export function progressSeen(page: Page): Promise<readonly ProgressSeen[]> {
  return page.evaluate(() => (globalThis as unknown as WatchedPage).e2eProgressSeen ?? []);
}
