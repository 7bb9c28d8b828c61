// What a person does on the demo tenant's sign-in pages, done by Playwright in a real browser:
// pick the account, type the password, accept consent if asked, then wait for the app's page.
import type { Page } from 'playwright-core';

export interface BrowserSignInSteps {
  /** The sign-in name to pick in the account list; omit when single sign-on needs no picking. */
  readonly upn?: string;
  readonly password?: string;
  /** Press Accept (or Cancel) when the permissions page appears; fail if it was expected and did not. */
  readonly consent?: 'accept' | 'cancel' | 'not-expected';
  /** Text that shows the flow ended, e.g. MSAL's loopback success page. */
  readonly doneText: string | RegExp;
  /** The window closes itself once the sign-in is over (the app's and the harness's do): its closing counts as done. */
  readonly closesWhenDone?: boolean;
}

export interface BrowserSignInTrace {
  /** Permission labels shown on the consent page, if it appeared. */
  readonly consentLabels: readonly string[];
  /** Page headings in order, for asserting which pages were shown. */
  readonly headings: readonly string[];
}

export async function completeSignIn(page: Page, steps: BrowserSignInSteps): Promise<BrowserSignInTrace> {
  const headings: string[] = [];
  let consentLabels: string[] = [];
  const heading = async (): Promise<string> => {
    const h = (await page.locator('h1').first().textContent({ timeout: 10_000 }))?.trim() ?? '';
    headings.push(h);
    return h;
  };
  if (steps.upn) {
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    await heading();
    await page.getByRole('button', { name: new RegExp(escapeRegExp(steps.upn), 'i') }).click();
  }
  if (steps.password !== undefined) {
    await page.getByRole('heading', { name: 'Enter password' }).waitFor();
    await heading();
    await page.getByLabel('Password').fill(steps.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const done = page.getByText(steps.doneText).first();
  const consentHeading = page.getByRole('heading', { name: 'Permissions requested' });
  await done.or(consentHeading).waitFor({ timeout: 15_000 });
  if (await consentHeading.isVisible()) {
    await heading();
    consentLabels = (await page.locator('ul.permissions li').allTextContents()).map((t) => t.trim());
    if (steps.consent === 'not-expected' || steps.consent === undefined) throw new Error(`Unexpected consent page: ${consentLabels.join('; ')}`);
    await page.getByRole('button', { name: steps.consent === 'accept' ? 'Accept' : 'Cancel' }).click();
  } else if (steps.consent === 'accept' || steps.consent === 'cancel') {
    throw new Error('The consent page was expected but did not appear');
  }
  await done.waitFor({ timeout: 15_000 }).catch((error: unknown) => {
    // A window the app opened for the sign-in may close itself once the sign-in is over.
    if (!(steps.closesWhenDone && page.isClosed())) throw error;
  });
  return { consentLabels, headings };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
