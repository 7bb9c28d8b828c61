// Builds the renderer the way `npm run build:renderer` does (into a temporary folder) and checks
// what the CSP and both ways of serving it need: relative URLs, nothing inline, no eval, the
// JavaScript loaded at start within the UI benchmark's budget, and, in Chromium under the app's
// own Content-Security-Policy, Fluent's styles applied with no violation reported.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src/main/app-protocol/security-headers.ts';
import { CHROMIUM_PATH } from '../helpers/chromium.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'intune-desk-renderer-'));
let html = '';

before(async () => {
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true, sourcemap: false } });
  html = readFileSync(join(out, 'index.html'), 'utf8');
});

after(() => rmSync(out, { recursive: true, force: true }));

const referenced = (): string[] => [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');

test('every URL in index.html is relative, so app://intune-desk/ and http://127.0.0.1:P/ both work', () => {
  const urls = referenced();
  assert.ok(urls.length >= 2);
  for (const url of urls) assert.match(url, /^\.\//, url);
});

test('the built page has no inline script or style', () => {
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(attributes ?? '', /\bsrc="\.\//);
    assert.equal((body ?? '').trim(), '');
  }
  assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i);
});

test('no chunk uses eval or new Function', () => {
  const js = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
  assert.ok(js.length > 3, 'the pages are split into chunks');
  for (const file of js) assert.doesNotMatch(readFileSync(join(out, 'assets', file), 'utf8'), /\beval\(|new Function\(/, file);
});

test('the JavaScript loaded at start (entry and preloaded chunks) is within 300 kB gzip, and the pages load later', () => {
  const initial = referenced().filter((u) => u.endsWith('.js'));
  const kb = initial.reduce((sum, u) => sum + gzipSync(readFileSync(join(out, u))).length / 1024, 0);
  assert.ok(kb <= 300, `initial JS is ${kb.toFixed(1)} kB gzip`);
  const all = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = all.filter((f) => !initial.some((u) => u.endsWith(f)));
  // The Devices page, where the app opens, is part of the start; the other pages are not.
  assert.ok(lazy.some((f) => f.startsWith('SettingsPage')), 'the Settings page is its own chunk');
  assert.ok(lazy.some((f) => f.startsWith('ActivityPage')), 'the Activity page is its own chunk');
  assert.ok(lazy.some((f) => f.startsWith('DevicePanel')), 'the device panel is its own chunk');
});

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

test('in Chromium under the app’s CSP, Fluent’s styles and theme apply and nothing is blocked', async (t) => {
  // Served as the app serves it (the same policy header), without a bridge: the window then
  // shows, in Fluent components, that it was opened outside Intune Desk.
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^[/\\]+/, '') || 'index.html';
    try {
      const body = readFileSync(join(out, path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  t.after(() => server.close());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const complaints: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') complaints.push(m.text());
  });
  page.on('pageerror', (e) => complaints.push(e.message));
  await page.addInitScript({ content: "window.__violations=[];document.addEventListener('securitypolicyviolation',e=>window.__violations.push(e.violatedDirective+' '+e.blockedURI));" });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /opened without Intune Desk/);
  // A string, because this file is typechecked as Node code (no DOM types).
  const applied = await page.evaluate<{
    readonly borderStyle: string;
    readonly display: string;
    readonly themeVariable: string;
    readonly inlineStyleElements: number;
    readonly adopted: number;
    readonly violations: readonly string[];
  }>(`(() => {
    const box = getComputedStyle(document.querySelector('[role="alert"]'));
    const provider = document.querySelector('.fui-FluentProvider');
    return {
      borderStyle: box.borderTopStyle,
      display: box.display,
      themeVariable: getComputedStyle(provider).getPropertyValue('--colorNeutralForeground1').trim(),
      inlineStyleElements: document.querySelectorAll('style').length,
      adopted: document.adoptedStyleSheets.length,
      violations: window.__violations,
    };
  })()`);
  assert.equal(applied.display, 'flex', 'Griffel rules apply');
  assert.equal(applied.borderStyle, 'solid');
  assert.match(applied.themeVariable, /^#[0-9a-f]{6}$/i, 'the theme variables are defined');
  assert.equal(applied.inlineStyleElements, 0, 'no <style> element is ever put in the page');
  assert.ok(applied.adopted > 1);
  assert.deepEqual(applied.violations, []);
  assert.deepEqual(complaints, []);
});
