// The system browser, for code that takes a browser opener `(url) => Promise<void>` (the auth
// service): the real Chromium opens the URL MSAL gives it and a script does what the person would
// on the demo tenant's pages. Like shell.openExternal, the opener returns once the page is
// launched; the script runs on, and a failing script fails the sign-in it was driving instead of
// leaving it waiting for a browser that gave up.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeSignIn } from './browser-sign-in.ts';
import type { BrowserSignInSteps, BrowserSignInTrace } from './browser-sign-in.ts';
import { CHROMIUM_PATH } from './chromium.ts';

export class ChromiumSignIns {
  private readonly browser: Browser;
  private context: BrowserContext;
  private steps: BrowserSignInSteps | undefined;
  private driving: Promise<BrowserSignInTrace> | undefined;
  private fail: (reason: unknown) => void = () => undefined;
  /** URLs the opener was given, in order. */
  readonly opened: string[] = [];

  private constructor(browser: Browser, context: BrowserContext) {
    this.browser = browser;
    this.context = context;
  }

  /** Chromium trusting the demo tenant's server certificate by its public key (from the ready line). */
  static async launch(serverCertificateSpkiSha256: string): Promise<ChromiumSignIns> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        `--ignore-certificate-errors-spki-list=${serverCertificateSpkiSha256}`,
      ],
    });
    return new ChromiumSignIns(browser, await browser.newContext());
  }

  /** The browser opener to hand to the code under test. */
  readonly openBrowser = async (url: string): Promise<void> => {
    this.opened.push(url);
    const steps = this.steps;
    this.steps = undefined;
    if (!steps) {
      this.fail(new Error(`The browser was opened unexpectedly at ${url}`));
      return;
    }
    const page = await this.context.newPage();
    this.driving = drive(page, url, steps);
    this.driving.catch((error: unknown) => this.fail(error));
  };

  /**
   * Runs `action`, which should open the browser once, while the script performs `steps` there.
   * `signal` fires if the script fails, so the action can stop waiting for the browser.
   */
  async during<T>(steps: BrowserSignInSteps, action: (signal: AbortSignal) => Promise<T>): Promise<{ readonly result: T; readonly trace: BrowserSignInTrace }> {
    this.steps = steps;
    this.driving = undefined;
    const stop = new AbortController();
    const failure = new Promise<never>((_, reject) => {
      this.fail = (reason) => {
        stop.abort(reason);
        reject(reason instanceof Error ? reason : new Error(String(reason)));
      };
    });
    failure.catch(() => undefined);
    // The action's own rejection (after an abort) must not go unhandled while the failure wins the race.
    const running = action(stop.signal);
    running.catch(() => undefined);
    try {
      const result = await Promise.race([running, failure]);
      if (!this.driving) throw new Error('The browser was never opened');
      return { result, trace: await this.driving };
    } finally {
      this.steps = undefined;
      this.fail = () => undefined;
    }
  }

  /** A page of its own for flows that start elsewhere (device code). */
  newPage(): Promise<Page> {
    return this.context.newPage();
  }

  /** Forgets the browser's session at the identity provider, as a different person's browser would. */
  async newSession(): Promise<void> {
    await this.context.close();
    this.context = await this.browser.newContext();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

async function drive(page: Page, url: string, steps: BrowserSignInSteps): Promise<BrowserSignInTrace> {
  try {
    await page.goto(url);
    return await completeSignIn(page, steps);
  } finally {
    await page.close().catch(() => undefined);
  }
}
