// A person on the demo tenant's real sign-in pages (src/emulator/identity/pages.ts), in the
// window the app opened: pick the account (or type it when it is not listed), type the password,
// accept the permissions when asked. Whatever pages come is recorded, so a test can assert which
// appeared, and each can be screenshotted.
import type { Locator, Page } from '@playwright/test';

export interface DemoAccount {
  readonly upn: string;
  readonly password: string;
}

export const ADELE: DemoAccount = { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026' };
export const MEGAN: DemoAccount = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };

export type SignInPage = 'pick' | 'password' | 'consent' | 'error' | 'done';

export interface SignInTrace {
  /** The pages in the order they appeared. */
  readonly pages: readonly SignInPage[];
  /** The permissions the consent page listed, if it appeared. */
  readonly consentLabels: readonly string[];
  /** The window closed itself when the sign-in ended. */
  readonly closed: boolean;
}

const PAGE_TIMEOUT_MS = 30_000;
/** How long the window may stay on the last page before it is taken to stay open. */
const CLOSE_TIMEOUT_MS = 20_000;

/** Called on each page as it appears, before acting on it (a test takes a screenshot). */
export type OnSignInPage = (page: SignInPage) => Promise<void>;

/** Drives the window until it closes or shows the end of the sign-in; throws on Entra's error page. */
export async function signInOnDemoPages(window: Page, account: DemoAccount, onPage: OnSignInPage = async () => undefined): Promise<SignInTrace> {
  const pages: SignInPage[] = [];
  let consentLabels: string[] = [];
  let closed = window.isClosed();
  const closedNow = window.waitForEvent('close', { timeout: 0 }).then(() => {
    closed = true;
  }, () => undefined);
  for (let turn = 0; turn < 8 && !closed; turn++) {
    const page = await nextPage(window, closedNow);
    if (page === 'closed') break;
    pages.push(page);
    try {
      await onPage(page);
    } catch (error) {
      // The window closes itself once the sign-in is answered, which can happen while the
      // last page is being screenshotted; that is the end of the sign-in, not a failure.
      if (!window.isClosed()) throw error;
      closed = true;
      break;
    }
    switch (page) {
      case 'pick':
        await pickAccount(window, account);
        break;
      case 'password':
        await window.getByLabel('Password').fill(account.password);
        await submit(window, window.getByRole('button', { name: 'Sign in' }));
        break;
      case 'consent':
        consentLabels = (await window.locator('ul.permissions li').allTextContents()).map((t) => t.trim());
        await submit(window, window.getByRole('button', { name: 'Accept' }));
        break;
      case 'error':
        throw new Error(`The demo tenant refused the sign-in: ${await window.locator('body').innerText()}`);
      case 'done':
        // MSAL's loopback page: the sign-in is over, and the window closes itself once the app
        // has answered the call it was opened for (which may still have Graph to ask first).
        await Promise.race([closedNow, window.waitForTimeout(CLOSE_TIMEOUT_MS)]);
        return { pages, consentLabels, closed };
    }
  }
  return { pages, consentLabels, closed };
}

async function pickAccount(window: Page, account: DemoAccount): Promise<void> {
  const listed = window.getByRole('button', { name: new RegExp(escapeRegExp(account.upn), 'i') });
  if ((await listed.count()) > 0) {
    await submit(window, listed.first());
    return;
  }
  await window.getByLabel('Or sign in with another account').fill(account.upn);
  await submit(window, window.getByRole('button', { name: 'Next' }));
}

/** Which page the window shows once it settles (or that it closed). */
async function nextPage(window: Page, closedNow: Promise<void>): Promise<SignInPage | 'closed'> {
  const candidates: readonly (readonly [SignInPage, Locator])[] = [
    ['pick', window.getByRole('heading', { name: 'Pick an account' })],
    ['password', window.getByRole('heading', { name: 'Enter password' })],
    ['consent', window.getByRole('heading', { name: 'Permissions requested' })],
    ['error', window.getByRole('heading', { name: /having trouble signing you in/ })],
    ['done', window.getByRole('heading', { name: /signed in to Intune Desk|did not complete/ })],
  ];
  const anyOfThem = candidates.map(([, locator]) => locator).reduce((a, b) => a.or(b));
  const shown = anyOfThem.first().waitFor({ state: 'visible', timeout: PAGE_TIMEOUT_MS });
  try {
    const first = await Promise.race([shown.then(() => 'shown' as const), closedNow.then(() => 'closed' as const)]);
    if (first === 'closed') return 'closed';
    for (const [name, locator] of candidates) if (await locator.isVisible()) return name;
    return await nextPage(window, closedNow);
  } catch (error) {
    if (window.isClosed()) return 'closed';
    throw new Error(`The sign-in window showed none of the demo tenant's pages within ${PAGE_TIMEOUT_MS / 1000} s (it is at ${window.url()})`, { cause: error });
  }
}

/** Clicks a submit button and waits for the next document (or for the window to close). */
async function submit(window: Page, button: Locator): Promise<void> {
  const next = window.waitForEvent('load', { timeout: PAGE_TIMEOUT_MS }).catch(() => undefined);
  await button.click();
  await next;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
