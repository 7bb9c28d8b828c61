// What every end-to-end spec gets: `launchDesk()`, which starts Intune Desk on a fresh data
// folder in the project's shell and returns a DeskApp: the window's page, a way to catch the
// demo sign-in window, a way to take the demo tenant away, and the bridge's recording.
//
// - web (project chromium-harness): the browser harness in a child process and Debian's
//   Chromium at its page; the demo sign-in opens as a popup of the page.
// - electron (project electron): the built app under Playwright's _electron; the demo sign-in
//   opens as a BrowserWindow the app owns. Skipped where no Electron binary is installed.
//
// `desk` is a fresh app for one test (test.use({ deskLaunch }) sets its options). launchDesk is
// worker-scoped, so a spec may also start an app in beforeAll and share it across a serial
// group; whatever a spec leaves open is closed when the worker ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test as base } from '@playwright/test';
import type { Browser, BrowserContext, ElectronApplication, Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from './chromium.ts';
import { ELECTRON_MISSING, electronBinary, launchElectron } from './electron-app.ts';
import { RENDERER_SNAPSHOT, startHarnessProcess } from './harness-process.ts';
import type { HarnessProcess } from './harness-process.ts';

export type DeskShell = 'web' | 'electron';

export interface DeskShellOptions {
  /** Which shell the project drives. */
  readonly deskShell: DeskShell;
}

export interface LaunchOptions {
  /** Devices in the demo tenant (Contoso; Northwind gets a tenth, at least 50). */
  readonly devices?: number;
  /** The test needs stopDemoTenant(). */
  readonly controls?: boolean;
}

export interface DeskApp {
  readonly shell: DeskShell;
  readonly page: Page;
  readonly context: BrowserContext;
  /** The app's data folder (fresh for each launch). */
  readonly dataDir: string;
  /** Every bridge message, one JSON line each; undefined where the shell does not record them. */
  readonly recordingPath: string | undefined;
  /** The next window the app opens for a sign-in. Call before the click that opens it. */
  nextSignInWindow(): Promise<Page>;
  /** Takes the demo tenant away behind the app's back, as a network outage would. */
  stopDemoTenant(): Promise<void>;
  close(): Promise<void>;
}

export type LaunchDesk = (options?: LaunchOptions) => Promise<DeskApp>;

const DEFAULT_DEVICES = 2000;

interface DeskFixtures {
  /** What the `desk` fixture launches with: test.use({ deskLaunch: { controls: true } }). */
  readonly deskLaunch: LaunchOptions;
  /** A fresh app for one test. */
  readonly desk: DeskApp;
}

export const test = base.extend<DeskFixtures, DeskShellOptions & { launchDesk: LaunchDesk }>({
  deskShell: ['web', { scope: 'worker', option: true }],
  deskLaunch: [{}, { option: true }],
  launchDesk: [
    async ({ deskShell }, use) => {
      const open = new Set<DeskApp>();
      let launches = 0;
      await use(async (options = {}) => {
        if (deskShell === 'electron' && electronBinary() === undefined) {
          // In beforeAll this skips the whole group; in a test, the test.
          test.skip(true, ELECTRON_MISSING);
        }
        const run = ++launches;
        const app = deskShell === 'web' ? await launchWeb(options, run) : await launchDeskElectron();
        open.add(app);
        return { ...app, close: async () => { open.delete(app); await app.close(); } };
      });
      for (const app of open) await app.close();
    },
    { scope: 'worker' },
  ],
  desk: async ({ launchDesk, deskLaunch }, use) => {
    const app = await launchDesk(deskLaunch);
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';

async function launchWeb(options: LaunchOptions, run: number): Promise<DeskApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intune-desk-e2e-'));
  const info = test.info();
  const recordingPath = join(dataDir, 'bridge-recording.jsonl');
  let harness: HarnessProcess | undefined;
  let browser: Browser | undefined;
  try {
    harness = await startHarnessProcess({
      dataDir: join(dataDir, 'host'),
      devices: options.devices ?? DEFAULT_DEVICES,
      recordingPath,
      logPath: info.outputPath(`harness-${run}.log`),
      controls: options.controls ?? false,
      rendererDir: RENDERER_SNAPSHOT,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: info.project.use.headless ?? true,
      args: chromiumArgs(harness.ready.demoCertificateSpkiSha256),
    });
    const context = await browser.newContext({ viewport: info.project.use.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.ready.url);
    const started = harness;
    const openedBrowser = browser;
    return {
      shell: 'web',
      page,
      context,
      dataDir: harness.ready.dataDir,
      recordingPath,
      nextSignInWindow: () => page.waitForEvent('popup', { timeout: 30_000 }),
      stopDemoTenant: () => started.stopDemoTenant(),
      async close() {
        await openedBrowser.close().catch(() => undefined);
        await started.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The Electron app on a fresh config folder; it starts its demo tenant with the app's defaults (2,000 devices). */
async function launchDeskElectron(): Promise<DeskApp> {
  const binary = electronBinary();
  if (binary === undefined) throw new Error(ELECTRON_MISSING);
  const dataDir = await mkdtemp(join(tmpdir(), 'intune-desk-e2e-electron-'));
  let electronApp: ElectronApplication | undefined;
  try {
    const launched = await launchElectron(binary, dataDir);
    electronApp = launched.app;
    const app = electronApp;
    return {
      shell: 'electron',
      page: launched.page,
      context: app.context(),
      dataDir: join(dataDir, 'desktop'),
      // The main process keeps no record of IPC messages.
      recordingPath: undefined,
      nextSignInWindow: () => app.waitForEvent('window', { timeout: 30_000 }),
      stopDemoTenant: () => {
        throw new Error('The Electron app offers no way to stop its demo tenant from a test (the harness does, with --controls).');
      },
      async close() {
        await app.close().catch(() => undefined);
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await electronApp?.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
