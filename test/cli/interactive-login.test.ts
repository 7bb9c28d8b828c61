// Interactive sign-in through the system browser: the CLI prints the address and starts $BROWSER
// with it (here a script driving the real Chromium through the demo tenant's pages), and MSAL's
// loopback server receives the answer. Without a browser, the address is still printed, and
// Ctrl-C cancels the wait.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { spkiHash } from '../helpers/chromium.ts';
import { cliHome, runCli, shown, startCli } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';
import { startDemoCommand } from './helpers/demo-process.ts';
import type { RunningDemo } from './helpers/demo-process.ts';

const BROWSER_SCRIPT = fileURLToPath(new URL('./helpers/chromium-browser.ts', import.meta.url));
const MEGAN = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };

describe('intune-desk login in the system browser', () => {
  let home: CliHome;
  let demo: RunningDemo;
  before(async () => {
    home = await cliHome();
    demo = await startDemoCommand(home.env, ['--devices', '100']);
  });
  after(async () => {
    await demo.stop();
    await home.remove();
  });

  test('opens $BROWSER at the sign-in page, prints the address, and finishes on the loopback', async () => {
    const resultFile = join(home.configDir, 'browser-result.json');
    const server = await readFile(join(home.configDir, 'demo-tenant', 'tls', 'localhost.pem'), 'utf8');
    const env = {
      ...home.env,
      BROWSER: `${process.execPath} ${BROWSER_SCRIPT}`,
      CLI_TEST_BROWSER: JSON.stringify({ spki: spkiHash(server), ...MEGAN, resultFile }),
    };
    const result = await runCli(['login'], env, 90_000);
    // The sign-in ends when the loopback gets its answer; the browser script reports just after.
    const browser = await browserReport(resultFile, result.code === 0);
    assert.equal(result.code, 0, `${shown(result)}\nbrowser: ${JSON.stringify(browser)}`);
    assert.equal(browser?.ok, true, JSON.stringify(browser));
    assert.match(result.stderr, /Opening the sign-in page in your browser\. If it does not open, go to:\n {2}https:\/\/127\.0\.0\.1:\d+\/organizations\/oauth2\/v2\.0\/authorize\?/);
    assert.ok(result.stderr.includes(browser?.url ?? '<no url>'), 'the address printed is the one the browser was given');
    assert.match(result.stdout, /Signed in to Demo tenant as megan\.bowen@contoso\.onmicrosoft\.com/);
  });

  test('with no browser to open, the address is printed and Ctrl-C cancels the wait', async () => {
    const login = startCli(['login'], { ...home.env, BROWSER: join(home.configDir, 'no-such-browser') });
    await login.waitFor('stderr', /No browser could be opened .*Open the address above yourself, or sign in with --device-code\./);
    assert.match(login.stderr(), /go to:\n {2}https:\/\/127\.0\.0\.1:\d+\/organizations\/oauth2\/v2\.0\/authorize\?/);
    const result = await login.stop('SIGINT');
    assert.equal(result.code, 130, shown(result));
    assert.match(result.stderr, /Sign-in to Demo tenant was cancelled/);
    const tenants = await runCli(['tenants'], home.env);
    assert.match(tenants.stdout, /megan\.bowen@contoso\.onmicrosoft\.com/, 'the earlier sign-in stands');
  });
});

async function browserReport(file: string, expected: boolean): Promise<{ readonly ok: boolean; readonly url: string; readonly error?: string } | undefined> {
  for (let i = 0; expected && i < 300 && !existsSync(file); i++) await sleep(100);
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as { ok: boolean; url: string; error?: string }) : undefined;
}
