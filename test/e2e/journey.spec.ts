// A technician's first day with Intune Desk, step by step, in one app on a fresh data folder:
// explore the demo tenant and sign in on its real pages; sync; search and open a device with the
// keyboard; keep working from the offline inventory when the service goes away; switch to the
// partner tenant (Northwind) and see none of Contoso's devices there. axe-core checks every page
// on the way, and at the end nothing that crossed the bridge was a token.
import type { Page } from '@playwright/test';
import type { DeviceRow } from '../../src/shared/bridge/api.ts';
import { checkAccessibility } from './support/accessibility.ts';
import { expect, test } from './support/app-fixture.ts';
import { cachedTokens, DEMO_REFRESH_TOKEN_SHAPE, JWT_SHAPE, readRecording } from './support/bridge-recording.ts';
import { ADELE, signInOnDemoPages } from './support/demo-sign-in.ts';
import { allInventoryRows, deviceGrid, deviceRows, renderedNames } from './support/device-grid.ts';
import { progressSeen, watchSyncProgress } from './support/sync-progress.ts';
import { attachJson, screenshot } from './support/steps.ts';

const CONTOSO = 'Contoso Ltd (demo)';
const NORTHWIND = 'Northwind Traders (demo)';
const ACCOUNT_BUTTON = `Signed in as ${ADELE.upn}. Account`;

// Step 4 takes the demo tenant away.
test.use({ deskLaunch: { controls: true } });

// One test, its steps in order: each needs what the one before left (a signed-in app, a synced
// inventory), and a defect reported softly in one step should not hide what the next ones find.
test('a technician\'s first day: demo tenant, sync, search, offline, partner tenant, no token on the bridge', async ({ desk: app }, info) => {
  test.setTimeout(170_000);
  const { page } = app;
  /** Contoso's devices as the offline inventory held them after the sync. */
  let contosoDevices: readonly DeviceRow[] = [];
  /** Every token the host held, read from its cache at each sign-in. */
  const tokensSeen = new Set<string>();

  await test.step('1. first run: explore the demo tenant and sign in on its real sign-in and consent pages', async () => {
    await expect(page.getByRole('heading', { name: 'Welcome to Intune Desk' })).toBeVisible();
    const explore = page.getByRole('button', { name: 'Explore the demo tenant' });
    await expect(explore).toBeEnabled();
    await expect(page.getByRole('form', { name: 'Connect your tenant' })).toBeVisible();
    await screenshot(page, info, 'first-run');
    await checkAccessibility(page, info, 'first-run');

    // The app may start a sync as soon as the sign-in ends; note the progress bar from now on.
    await watchSyncProgress(page);
    const signInWindow = app.nextSignInWindow();
    await explore.click();
    const window = await signInWindow;
    expect(new URL(window.url()).protocol).toBe('https:');
    const trace = await signInOnDemoPages(window, ADELE, (shown) => screenshot(window, info, `contoso-sign-in-${shown}`));
    expect(trace.pages.slice(0, 3)).toEqual(['pick', 'password', 'consent']);
    expect(trace.consentLabels).toContain('Read Microsoft Intune devices');
    // Soft: a window left open is a defect to report, not a reason to stop the journey here.
    expect.soft(trace.closed, 'the sign-in window closes itself when the sign-in ends').toBe(true);
    if (!window.isClosed()) await window.close();

    await expect(page.getByRole('button', { name: ACCOUNT_BUTTON })).toBeVisible();
    await expect(page.getByRole('button', { name: `Tenant: ${CONTOSO}. Switch tenant` })).toBeVisible();
    for (const name of ['Devices', 'My devices', 'Activity', 'Settings']) {
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })).toBeVisible();
    }
    await screenshot(page, info, 'signed-in');
  });

  await test.step('2. Sync now: progress shows while the devices arrive, then the rows and the as-of time', async () => {
    const status = page.getByTestId('sync-status');
    const syncNow = status.getByRole('button', { name: 'Sync now' });
    // The app starts the first sync by itself after the sign-in (the inventory was empty); what
    // its progress bar showed was noted from step 1 on.
    await expect(syncNow).toBeVisible({ timeout: 60_000 });
    const automatic = await progressSeen(page);
    await watchSyncProgress(page);
    await syncNow.click();
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeHidden({ timeout: 60_000 });
    await expect(syncNow).toBeVisible();
    const manual = await progressSeen(page);
    await attachJson(info, 'sync-progress-seen', { automatic, manual });
    expect(manual.length, 'Sync now showed the progress bar while the sync ran').toBeGreaterThan(0);
    expect(manual[0]?.label).toMatch(/^(Starting the sync|Opening|Planning|Fetching|Saving)/);
    expect([...automatic, ...manual].some((s) => / of 2,000 devices/.test(s.detail)), 'a sync counted the devices as they arrived').toBe(true);
    await expect(status.getByTestId('sync-as-of')).toHaveText(/^As of /);
    await expect(status).toContainText('2,000 devices');

    const grid = deviceGrid(page);
    await expect(deviceRows(grid).first()).toBeVisible();
    await expect.poll(async () => (await renderedNames(grid)).length).toBeGreaterThan(10);
    await expect(page.getByTestId('result-count')).toHaveText('2,000 devices');
    await screenshot(page, info, 'devices-after-sync');
    await checkAccessibility(page, info, 'devices');
    contosoDevices = await allInventoryRows(page);
    expect(contosoDevices).toHaveLength(2000);
    for (const token of await cachedTokens(app.dataDir)) tokensSeen.add(token);
  });

  await test.step('3. search narrows the grid; Enter opens the device; its panel says each section is live', async () => {
    const grid = deviceGrid(page);
    const first = (await renderedNames(grid))[0] ?? '';
    // A word of the first device's name ("Aaliyah's iPhone" → "Aaliyah").
    const query = first.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4) ?? first;
    const search = page.getByRole('searchbox', { name: 'Search devices' });
    await search.fill(query);
    const count = page.getByTestId('result-count');
    await expect(count).toHaveText(/^[\d,]+ of 2,000 devices$/);
    const matching = Number((await count.textContent())?.split(' ')[0]?.replace(/,/g, ''));
    expect(matching).toBeGreaterThan(0);
    expect(matching).toBeLessThan(2000);
    // A handful of matches are all on screen; more fill it (the grid renders only what is near the screen).
    if (matching <= 20) await expect(deviceRows(grid)).toHaveCount(matching);
    else expect(await deviceRows(grid).count()).toBeLessThanOrEqual(matching);
    for (const text of await deviceRows(grid).allInnerTexts()) expect(text.toLowerCase()).toContain(query.toLowerCase());
    await screenshot(page, info, 'search-narrowed');

    // The keyboard only: Tab from the search box into the grid, then Enter on the row.
    await search.focus();
    const focusedRow = grid.locator('[role="row"]:focus');
    await tabUntil(page, async () => (await focusedRow.count()) === 1);
    const opened = (await focusedRow.textContent()) ?? '';
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: /^Device details: / });
    await expect(panel).toBeVisible();
    const name = (await panel.getByRole('heading', { level: 2 }).textContent()) ?? '';
    expect(opened).toContain(name);
    for (const section of PANEL_SECTIONS) {
      const region = panel.getByRole('region', { name: section, exact: true });
      await expect(region, `the panel has the ${section} section`).toBeVisible();
      await expect(region.getByText('Live', { exact: true }), `${section} says it is live`).toBeVisible();
    }
    await screenshot(page, info, 'device-panel');
    await checkAccessibility(page, info, 'device-panel');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await search.fill('');
  });

  await test.step('3b. My devices, Activity and Settings; the themes', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My devices', exact: true }).click();
    const mine = deviceGrid(page, 'My devices');
    await expect(mine).toBeVisible();
    await expect.poll(async () => (await renderedNames(mine)).length, 'Adele has devices of her own').toBeGreaterThan(0);
    await screenshot(page, info, 'my-devices');
    await checkAccessibility(page, info, 'my-devices');

    await nav.getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(/[Ss]ync/);
    await screenshot(page, info, 'activity');
    await checkAccessibility(page, info, 'activity');

    await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await screenshot(page, info, 'settings');
    await checkAccessibility(page, info, 'settings');

    for (const [label, theme] of [['Dark', 'dark'], ['High contrast', 'highContrast']] as const) {
      // The setting is saved through the host and then shown: click, then wait for it to hold.
      await page.getByRole('radio', { name: label, exact: true }).click();
      await expect(page.getByRole('radio', { name: label, exact: true })).toBeChecked();
      await expect(page.locator(`[data-theme="${theme}"]`).first()).toBeVisible();
      await checkAccessibility(page, info, `settings-${theme}`);
      await nav.getByRole('link', { name: 'Devices', exact: true }).click();
      await expect.poll(async () => (await renderedNames(deviceGrid(page))).length).toBeGreaterThan(10);
      await screenshot(page, info, `devices-${theme}`);
      await checkAccessibility(page, info, `devices-${theme}`);
      await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    }
    await page.getByRole('radio', { name: 'Light', exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Light', exact: true })).toBeChecked();
    await expect(page.locator('[data-theme="light"]').first()).toBeVisible();
    await nav.getByRole('link', { name: 'Devices', exact: true }).click();
  });

  await test.step('4. offline: the demo tenant goes away; the offline inventory still scrolls, searches and opens devices', async () => {
    await app.stopDemoTenant();
    const grid = deviceGrid(page);
    await expect.poll(async () => (await renderedNames(grid)).length).toBeGreaterThan(10);
    // Opening a device reads it live; that read fails, and the app says it is offline.
    await deviceRows(grid).first().click();
    const panel = page.getByRole('complementary', { name: /^Device details: / });
    await expect(panel.getByRole('region', { name: 'Overview', exact: true })).toContainText(/As of /, { timeout: 30_000 });
    const status = page.getByTestId('sync-status');
    await expect(status.getByText('Offline', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(status.getByTestId('sync-as-of')).toHaveText(/^As of /);
    await screenshot(page, info, 'offline-device-panel');
    await page.keyboard.press('Escape');

    // Scroll to the middle of 2,000 rows: the rows there come from the offline inventory.
    await grid.evaluate((g) => {
      const scroller = g as unknown as { scrollTop: number; scrollHeight: number };
      scroller.scrollTop = scroller.scrollHeight / 2;
    });
    await expect.poll(async () => Number(await deviceRows(grid).first().getAttribute('aria-rowindex'))).toBeGreaterThan(800);
    await expect.poll(async () => (await renderedNames(grid)).length).toBeGreaterThan(10);
    await screenshot(page, info, 'offline-scrolled');

    const search = page.getByRole('searchbox', { name: 'Search devices' });
    await search.fill('iPhone');
    await expect(page.getByTestId('result-count')).toHaveText(/^[\d,]+ of 2,000 devices$/);
    await expect.poll(async () => (await renderedNames(grid)).length).toBeGreaterThan(0);
    for (const text of await deviceRows(grid).allInnerTexts()) expect(text.toLowerCase()).toContain('iphone');
    await expect(status.getByText('Offline', { exact: true })).toBeVisible();
    await screenshot(page, info, 'offline-search');
    await checkAccessibility(page, info, 'devices-offline');
    await search.fill('');
  });

  await test.step('5. the partner tenant: switch to Northwind, sign in as Adele (a guest there), sync; no Contoso device shows', async () => {
    await page.getByRole('button', { name: `Tenant: ${CONTOSO}. Switch tenant` }).click();
    await page.getByRole('menuitemradio', { name: new RegExp(NORTHWIND.replace(/[()]/g, '\\$&')) }).click();
    await expect(page.getByRole('button', { name: `Tenant: ${NORTHWIND}. Switch tenant` })).toBeVisible();
    await screenshot(page, info, 'northwind-signed-out');
    const signInWindow = app.nextSignInWindow();
    await page.getByRole('banner').getByRole('button', { name: 'Sign in', exact: true }).click();
    const window = await signInWindow;
    const trace = await signInOnDemoPages(window, ADELE, (shown) => screenshot(window, info, `northwind-sign-in-${shown}`));
    expect(trace.pages.at(-1) === 'done' || trace.closed, `the sign-in ended (${trace.pages.join(', ')})`).toBe(true);
    expect.soft(trace.closed, 'the sign-in window closes itself when the sign-in ends').toBe(true);
    if (!window.isClosed()) await window.close();
    await expect(page.getByRole('button', { name: ACCOUNT_BUTTON })).toBeVisible();

    const status = page.getByTestId('sync-status');
    // The first sync of Northwind starts by itself (its inventory is empty); the service is back.
    await expect(status.getByTestId('sync-as-of')).toHaveText(/^As of /, { timeout: 60_000 });
    await expect(status.getByRole('button', { name: 'Sync now' })).toBeVisible({ timeout: 60_000 });
    await expect(status.getByText('Offline', { exact: true })).toBeHidden({ timeout: 30_000 });
    const northwind = await allInventoryRows(page);
    expect(northwind.length).toBeGreaterThanOrEqual(50);
    expect(northwind.length).toBeLessThan(contosoDevices.length);
    await expect(status).toContainText(`${northwind.length.toLocaleString('en-US')} devices`);

    const contosoIds = new Set(contosoDevices.map((d) => d.id));
    expect(northwind.filter((d) => contosoIds.has(d.id)).map((d) => d.deviceName), 'no Contoso device id in Northwind').toEqual([]);
    // Asset tags carry the company: CONTOSO-LT-0042 in Contoso, NORTH-LT-0042 in Northwind.
    expect(contosoDevices.some((d) => /^CONTOSO-/.test(d.deviceName ?? ''))).toBe(true);
    expect(northwind.filter((d) => /^CONTOSO-/.test(d.deviceName ?? '')).map((d) => d.deviceName)).toEqual([]);
    expect(northwind.some((d) => /^NORTH-/.test(d.deviceName ?? ''))).toBe(true);
    expect(northwind.filter((d) => /contoso/i.test(d.userPrincipalName ?? '')).map((d) => d.userPrincipalName)).toEqual([]);

    const grid = deviceGrid(page);
    const shown = await renderedNames(grid);
    expect(shown.length).toBeGreaterThan(10);
    const contosoOnly = new Set(contosoDevices.map((d) => d.deviceName ?? '').filter((n) => /^CONTOSO-/.test(n)));
    expect(shown.filter((n) => contosoOnly.has(n))).toEqual([]);
    const search = page.getByRole('searchbox', { name: 'Search devices' });
    await search.fill('CONTOSO');
    await expect(page.getByTestId('result-count')).toHaveText(`0 of ${northwind.length.toLocaleString('en-US')} devices`);
    await expect(deviceRows(grid)).toHaveCount(0);
    await search.fill('NORTH');
    await expect.poll(async () => (await renderedNames(grid)).length).toBeGreaterThan(0);
    for (const text of await deviceRows(grid).allInnerTexts()) expect(text.toLowerCase()).toContain('north');
    await screenshot(page, info, 'northwind-devices');
    await checkAccessibility(page, info, 'devices-northwind');
    for (const token of await cachedTokens(app.dataDir)) tokensSeen.add(token);
  });

  await test.step('6. nothing that crossed the bridge was a token', async () => {
    const recordingPath = app.recordingPath;
    test.skip(recordingPath === undefined, 'This shell keeps no record of bridge messages; the scan runs in the chromium-harness project, whose harness records them.');
    if (recordingPath === undefined) return;
    await info.attach('bridge-recording.jsonl', { path: recordingPath, contentType: 'application/x-ndjson' });
    const recording = await readRecording(recordingPath);
    expect(recording.messages.length).toBeGreaterThan(100);
    for (const channel of JOURNEY_CHANNELS) expect(recording.channels, `the recording has ${channel}`).toContain(channel);
    expect(recording.text).not.toMatch(JWT_SHAPE);
    expect(recording.text).not.toMatch(DEMO_REFRESH_TOKEN_SHAPE);
    // The tokens this run really issued (Contoso and Northwind, access, ID and refresh).
    expect(tokensSeen.size).toBeGreaterThanOrEqual(6);
    const crossed = [...tokensSeen].filter((token) => recording.text.includes(token));
    expect(crossed.length, 'tokens found in the bridge recording').toBe(0);
  });
});

const PANEL_SECTIONS = ['Overview', 'Hardware', 'Compliance', 'Configuration', 'Detected apps', 'Primary user', 'Action history'] as const;

/** Channels and events the journey used: a recording without them recorded something else. */
const JOURNEY_CHANNELS = [
  'tenants.setup', 'tenants.useDemo', 'tenants.switchTo', 'session.signIn', 'sync.start', 'devices.window', 'devices.detail', 'devices.mine',
  'activity.list', 'settings.update', 'event.syncState', 'event.sessionChanged', 'event.setupChanged', 'event.settingsChanged',
] as const;

/** Presses Tab until `reached()` (at most 30 times): how a keyboard user gets somewhere. */
async function tabUntil(page: Page, reached: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await reached()) return;
  }
  throw new Error('Tab never reached the target');
}
