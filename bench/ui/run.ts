// `npm run bench:ui`: the window with 100,000 devices in its offline inventory, measured in
// Debian's Chromium through the browser harness. The harness starts on a fresh data folder with
// a 100,000-device demo tenant; the benchmark signs in on the demo tenant's real pages and lets
// the app's first sync fill the inventory, as a technician's first start would; then:
//
//   firstRowsMs      Activity → Devices in the running window: the click to the frame showing
//                    the first device rows (median of 5); firstRowsColdMs the same right after
//                    the window was reloaded on Activity (the Devices page's code and its first
//                    rows not loaded yet), as on the first visit after a start
//   keystrokeMs      one character typed in the search box to the frame showing its results
//                    (p95 of 20 keystrokes over 5 words)
//   domRows          row elements in the grid's DOM, scrolled to the middle of the 100,000
//   heapMb           the page's JavaScript heap after garbage collection (CDP)
//   initialJsKbGzip  the JavaScript index.html loads before the first paint, gzipped
//
// Prints a table and writes bench/ui-results.json.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { percentile } from '../results-file.ts';
import { ensureBuilds, snapshotRenderer } from '../../test/e2e/support/builds.ts';
import { CHROMIUM_PATH, chromiumArgs } from '../../test/e2e/support/chromium.ts';
import { ADELE, signInOnDemoPages } from '../../test/e2e/support/demo-sign-in.ts';
import { startHarnessProcess } from '../../test/e2e/support/harness-process.ts';
import type { HarnessProcess } from '../../test/e2e/support/harness-process.ts';
import { initialJs } from './initial-js.ts';
import { firstRowsAfterNavigation, heapAfterGc, rowsInDomAtMiddle, timeKeystroke, watchKeystrokes } from './page-measures.ts';

const DEVICES = 100_000;
const RESULTS_PATH = join(import.meta.dirname, '..', 'ui-results.json');
const FIRST_ROWS_TRIES = 5;
/** 4 keystrokes each: "i", "ip", "iph", "ipho", then the next word from an empty box. */
const WORDS = ['iphone', 'desktop', 'adele', 'surface', 'android'] as const;
const KEYS_PER_WORD = 4;
const SYNC_TIMEOUT_MS = 15 * 60_000;

interface Figures {
  readonly firstRowsMs: number;
  readonly firstRowsColdMs: number;
  readonly keystrokeMs: number;
  readonly domRows: number;
  readonly heapMb: number;
  readonly initialJsKbGzip: number;
}

const TARGETS: Readonly<Record<keyof Figures, { readonly max: number; readonly unit: string }>> = {
  firstRowsMs: { max: 300, unit: 'ms' },
  firstRowsColdMs: { max: 300, unit: 'ms' },
  keystrokeMs: { max: 100, unit: 'ms' },
  domRows: { max: 80, unit: '' },
  heapMb: { max: 150, unit: 'MB' },
  initialJsKbGzip: { max: 300, unit: 'KB' },
};

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function signInAndSync(page: Page): Promise<void> {
  const signInWindow = page.waitForEvent('popup', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Explore the demo tenant' }).click();
  const window = await signInWindow;
  await signInOnDemoPages(window, ADELE);
  if (!window.isClosed()) await window.close();
  await page.getByRole('button', { name: `Signed in as ${ADELE.upn}. Account` }).waitFor({ timeout: 60_000 });
  const status = page.getByTestId('sync-status');
  // The first sync starts by itself after the sign-in, the inventory being empty; if it has not, start it.
  const syncNow = status.getByRole('button', { name: 'Sync now' });
  if ((await status.getByTestId('sync-as-of').textContent()) === 'Not synced yet' && (await syncNow.isVisible())) await syncNow.click();
  const started = Date.now();
  // The count beside the as-of time once the sync is over (while it runs: "… of 100,000 devices").
  await status.getByText(`${DEVICES.toLocaleString('en-US')} devices`, { exact: true }).waitFor({ timeout: SYNC_TIMEOUT_MS });
  await syncNow.waitFor({ timeout: SYNC_TIMEOUT_MS });
  if (!/^As of /.test((await status.getByTestId('sync-as-of').textContent()) ?? '')) throw new Error('The sync ended without an as-of time.');
  log(`Inventory filled: ${DEVICES.toLocaleString('en-US')} devices (${((Date.now() - started) / 1000).toFixed(0)} s of it after the sign-in window was done).`);
}

/** Activity → Devices, FIRST_ROWS_TRIES times; `cold`: the window reloaded on Activity before each. */
async function measureFirstRows(page: Page, cold: boolean): Promise<readonly number[]> {
  const samples: number[] = [];
  const activity = page.getByRole('heading', { level: 1, name: 'Activity' });
  for (let i = 0; i < FIRST_ROWS_TRIES; i++) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity', exact: true }).click();
    await activity.waitFor();
    if (cold) {
      await page.reload();
      await activity.waitFor();
    }
    // Let the page settle (its reads answered) so the click is all that is timed.
    await page.waitForTimeout(500);
    samples.push(await firstRowsAfterNavigation(page));
  }
  return samples;
}

async function measureKeystrokes(page: Page): Promise<readonly number[]> {
  const search = page.getByRole('searchbox', { name: 'Search devices' });
  await watchKeystrokes(page);
  const samples: number[] = [];
  for (const word of WORDS) {
    await search.fill('');
    await page.getByTestId('result-count').filter({ hasText: /^[\d,]+ devices$/ }).waitFor();
    for (const key of word.slice(0, KEYS_PER_WORD)) samples.push(await timeKeystroke(page, key));
  }
  await search.fill('');
  await page.getByTestId('result-count').filter({ hasText: /^[\d,]+ devices$/ }).waitFor();
  return samples;
}

function table(figures: Figures): string {
  const rows = (Object.keys(TARGETS) as (keyof Figures)[]).map((key) => {
    const target = TARGETS[key];
    const value = figures[key];
    const shown = key === 'domRows' ? String(value) : value.toFixed(1);
    return `| ${key} | ${shown}${target.unit ? ` ${target.unit}` : ''} | ≤${target.max}${target.unit ? ` ${target.unit}` : ''} | ${value <= target.max ? 'yes' : 'NO'} |`;
  });
  return ['| Measure | Measured | Target | Met |', '|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  ensureBuilds({ electron: false });
  const scratch = await mkdtemp(join(tmpdir(), 'intune-desk-bench-ui-'));
  const rendererDir = join(scratch, 'renderer');
  snapshotRenderer(rendererDir);
  let harness: HarnessProcess | undefined;
  let browser: Browser | undefined;
  try {
    log(`Starting the harness with a ${DEVICES.toLocaleString('en-US')}-device demo tenant…`);
    harness = await startHarnessProcess({ dataDir: join(scratch, 'host'), devices: DEVICES, recordingPath: undefined, logPath: join(scratch, 'harness.log'), controls: false, rendererDir });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(harness.ready.demoCertificateSpkiSha256) });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.ready.url);
    await signInAndSync(page);

    log('Measuring: Activity → Devices…');
    const firstRows = await measureFirstRows(page, false);
    const firstRowsCold = await measureFirstRows(page, true);
    log('Measuring: keystrokes in the search box…');
    const keystrokes = await measureKeystrokes(page);
    log('Measuring: rows in the DOM at the middle of the grid, then the heap…');
    const middle = await rowsInDomAtMiddle(page);
    const heapMb = await heapAfterGc(await context.newCDPSession(page));
    const js = initialJs(rendererDir);

    const figures: Figures = {
      firstRowsMs: round(percentile(firstRows, 50)),
      firstRowsColdMs: round(percentile(firstRowsCold, 50)),
      keystrokeMs: round(percentile(keystrokes, 95)),
      domRows: middle.rows,
      heapMb: round(heapMb),
      initialJsKbGzip: round(js.kbGzip),
    };
    process.stdout.write(`### UI with ${DEVICES.toLocaleString('en-US')} devices (Chromium ${browser.version()}, browser harness)\n\n${table(figures)}\n\n`);
    process.stdout.write([
      `firstRowsMs samples: ${firstRows.map(round).join(', ')} (median reported)`,
      `firstRowsColdMs samples: ${firstRowsCold.map(round).join(', ')} (median reported)`,
      `keystrokeMs samples (${keystrokes.length}): ${keystrokes.map(round).join(', ')} (p50 ${round(percentile(keystrokes, 50))}, p95 reported)`,
      `domRows: ${middle.rows} rows in the DOM with the grid at row ${middle.firstIndex - 1} of ${DEVICES.toLocaleString('en-US')}`,
      `initialJsKbGzip: ${js.files.map((f) => `${f.file} ${f.kbGzip.toFixed(1)}`).join(', ')}`,
    ].join('\n') + '\n');
    await writeFile(RESULTS_PATH, `${JSON.stringify({ ...figures, measuredAt: new Date().toISOString() }, null, 2)}\n`);
    process.stdout.write(`Figures written to ${RESULTS_PATH}\n`);
  } finally {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

main().catch((error: unknown) => {
  process.stderr.write(`The UI benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
