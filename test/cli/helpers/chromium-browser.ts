// A "system browser" for the CLI's $BROWSER: run as `node chromium-browser.ts <url>`, it opens the
// URL in the real Chromium and does what the person would on the demo tenant's pages (pick the
// account, type the password, accept consent), then waits for the CLI's loopback page. The CLI
// starts it detached with no output, so it reports to the file named in its settings.
//
// Settings come from CLI_TEST_BROWSER (JSON): { spki, upn, password, resultFile }.
import { writeFile } from 'node:fs/promises';
import { completeSignIn } from '../../helpers/browser-sign-in.ts';
import { ChromiumSignIns } from '../../helpers/chromium-sign-ins.ts';

interface Settings {
  readonly spki: string;
  readonly upn: string;
  readonly password: string;
  readonly resultFile: string;
}

const settings = JSON.parse(process.env['CLI_TEST_BROWSER'] ?? '{}') as Settings;
const url = process.argv[2] ?? '';
const browser = await ChromiumSignIns.launch(settings.spki);
try {
  const page = await browser.newPage();
  await page.goto(url);
  const trace = await completeSignIn(page, { upn: settings.upn, password: settings.password, consent: 'accept', doneText: 'You are signed in to Intune Desk' });
  await writeFile(settings.resultFile, JSON.stringify({ ok: true, url, trace }));
} catch (error) {
  await writeFile(settings.resultFile, JSON.stringify({ ok: false, url, error: error instanceof Error ? error.message : String(error) }));
} finally {
  await browser.close();
}
