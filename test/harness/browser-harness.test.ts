// The browser harness in the real Chromium: the page gets window.intuneDesk before its own
// modules run, the secret leaves the address bar at once, sign-in happens in a window the page
// opens on the harness's word (the demo tenant's real pages, MSAL's own loopback), and the record
// of every bridge message holds no token.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { KeyFileEncryptor } from '../../src/core/auth/index.ts';
import { buildHarnessClient } from '../../src/harness/build-client.ts';
import { startHarness } from '../../src/harness/start-harness.ts';
import type { RunningHarness } from '../../src/harness/start-harness.ts';
import type { BridgeResult, DeviceWindow, IntuneDeskApi, SessionState, SyncState } from '../../src/shared/bridge/api.ts';
import { decryptCacheFile } from '../core/auth/auth-fixture.ts';
import { completeSignIn } from '../helpers/browser-sign-in.ts';
import { CHROMIUM_PATH } from '../helpers/chromium.ts';
import { stubWindow } from './helpers/stub-window.ts';

/** The page's global, as the code given to evaluate() sees it (this file runs in Node, without DOM types). */
declare const window: { readonly intuneDesk: IntuneDeskApi } & Record<string, unknown>;

const SIGNED_IN = 'You are signed in to Intune Desk';
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/;

let scratch: string;
let rendererDir: string;
let recordFile: string;
let harness: RunningHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'intune-desk-browser-harness-'));
  const clientFile = await buildHarnessClient(join(scratch, 'harness-build'));
  rendererDir = await stubWindow();
  recordFile = join(scratch, 'bridge.jsonl');
  harness = await startHarness({
    rendererDir,
    clientFile,
    devices: 300,
    env: { INTUNE_DESK_RECORD_BRIDGE: recordFile, INTUNE_DESK_POLICY_FILE: '' },
    log: () => undefined,
    host: { serviceCheckMs: 500 },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--ignore-certificate-errors-spki-list=${harness.demoCertificateSpkiSha256}`],
  });
  context = await browser.newContext();
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

after(async () => {
  await browser?.close();
  await harness?.close();
  await rm(scratch, { recursive: true, force: true });
  await rm(rendererDir, { recursive: true, force: true });
});

/** Calls window.intuneDesk.<namespace>.<method>(args) in the page. */
function call<T>(target: Page, channel: string, args: unknown = {}): Promise<BridgeResult<T>> {
  return target.evaluate(async ([name, value]) => {
    const [namespace, method] = (name as string).split('.') as [string, string];
    const api = window.intuneDesk as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>;
    return api[namespace]?.[method]?.(value);
  }, [channel, args] as const) as Promise<BridgeResult<T>>;
}

async function value<T>(channel: string, args: unknown = {}): Promise<T> {
  const result = await call<T>(page, channel, args);
  if (!result.ok) assert.fail(`${channel}: ${result.problem.code}: ${result.problem.message}`);
  return result.value;
}

describe('the window in a browser, on the harness', () => {
  test('window.intuneDesk is there before the window\'s module runs, and the secret has left the address bar', async () => {
    await page.goto(harness.url);
    const body = page.locator('body');
    await body.waitFor();
    assert.equal(await body.getAttribute('data-bridge-at-start'), 'present');
    assert.equal(await body.getAttribute('data-methods'), 'activity,app,devices,on,session,settings,sync,tenants');
    assert.equal(await body.getAttribute('data-hash'), '', 'the module never saw the secret');
    assert.equal(new URL(page.url()).hash, '');
    const info = await value<{ shell: string }>('app.info');
    assert.equal(info.shell, 'web');
    assert.equal(await page.evaluate(() => Object.isFrozen(window.intuneDesk) && Object.getOwnPropertyDescriptor(window, 'intuneDesk')?.writable === false), true);
  });

  test('signing in opens the demo tenant\'s page in a window of the page; the answer comes back over the bridge', async () => {
    const setup = await value<{ currentProfileId: string }>('tenants.useDemo');
    assert.equal(setup.currentProfileId, 'demo-contoso');
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seenSync: unknown[] }).seenSync = seen;
      (window as unknown as { stopSync: () => void }).stopSync = window.intuneDesk.on.syncState((s: SyncState) => seen.push(s));
    });
    const popup = context.waitForEvent('page');
    const signingIn = call<SessionState>(page, 'session.signIn');
    const signInPage = await popup;
    assert.equal(new URL(signInPage.url()).origin, harness.host.demo.endpoint?.baseUrl);
    const closed = signInPage.waitForEvent('close', { timeout: 15_000 });
    const trace = await completeSignIn(signInPage, { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026', consent: 'accept', doneText: SIGNED_IN, closesWhenDone: true });
    assert.deepEqual(trace.consentLabels[0], 'Read Microsoft Intune devices');
    const signedIn = await signingIn;
    assert.ok(signedIn.ok && signedIn.value.account?.username === 'adele.vance@contoso.onmicrosoft.com', JSON.stringify(signedIn));
    // As the app's own sign-in window does, the page's window closes once the sign-in is answered.
    await closed;
  });

  test('the sync\'s progress arrives as events; windows, export and unsubscribe work from the page', async () => {
    await value<SyncState>('sync.start');
    await page.waitForFunction(() => ((window as unknown as { seenSync: { running: boolean; deviceCount: number }[] }).seenSync).some((s) => !s.running && s.deviceCount === 300), undefined, { timeout: 20_000 });
    const grid = await value<DeviceWindow>('devices.window', { offset: 250, limit: 100, sort: { column: 'deviceName', direction: 'desc' } });
    assert.deepEqual([grid.total, grid.rows.length, grid.offset], [300, 50, 250]);
    const exported = await value<{ kind: string; rows: number; content: string }>('devices.exportCsv', { columns: ['deviceName'] });
    assert.deepEqual([exported.kind, exported.rows], ['content', 300]);
    const heard = await page.evaluate(async () => {
      const w = window as unknown as { seenSync: unknown[]; stopSync: () => void };
      w.stopSync();
      const before = w.seenSync.length;
      await window.intuneDesk.sync.start({ kind: 'full' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return w.seenSync.length - before;
    });
    assert.equal(heard, 0, 'no event after unsubscribe');
    await harness.host.sync.idle('demo-contoso');
    assert.deepEqual(consoleErrors, [], 'no CSP violation or script error in the page');
  });

  test('a reload keeps working (the secret is kept for the tab); a page without it is refused', async () => {
    await page.reload();
    assert.equal((await call(page, 'app.info')).ok, true);
    const stranger = await browser.newPage();
    await stranger.goto(harness.origin);
    const refused = await call(stranger, 'app.info');
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.match(refused.problem.message, /opened without the harness secret/);
    await stranger.close();
  });

  test('the record of every bridge message holds no access, ID or refresh token', async () => {
    const { msal } = await decryptCacheFile(join(harness.dataDir, 'token-cache.bin'), new KeyFileEncryptor(join(harness.dataDir, 'token-cache.key')));
    const tokens = [msal.RefreshToken, msal.AccessToken, msal.IdToken].flatMap((kind) => Object.values(kind).map((t) => t.secret));
    assert.ok(tokens.length >= 3);
    const record = await readFile(recordFile, 'utf8');
    const lines = record.trimEnd().split('\n');
    assert.ok(lines.length > 20, `${lines.length} messages recorded`);
    assert.ok(lines.some((l) => l.includes('"direction":"toPage"') && l.includes('event.syncState')));
    assert.doesNotMatch(record, JWT);
    for (const token of tokens) assert.ok(!record.includes(token), 'a token crossed the bridge');
  });
});
