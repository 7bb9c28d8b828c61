// npm run security:electron: Electronegativity finds nothing above informational in src/, it
// does find the classic mistakes when they are there (so a clean report means something), and
// every suppression in src/ says why.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanElectronSecurity } from '../../scripts/security-electron.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

test('src/ has no finding above informational and every file was scanned', async () => {
  const report = await scanElectronSecurity(SRC);
  assert.ok(report.checks >= 35, `only ${report.checks} checks loaded`);
  assert.deepEqual(report.unscanned, []);
  assert.deepEqual(report.findings, [], report.findings.map((f) => `${f.check} ${f.file}:${f.line}`).join('\n'));
});

test('the scanner, as run here, catches an insecure window, open navigation and a loose openExternal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eng-fixture-'));
  try {
    writeFileSync(join(dir, 'main.ts'), [
      "import { app, BrowserWindow, shell } from 'electron';",
      'app.whenReady().then(() => {',
      "  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });",
      "  win.loadURL('http://example.com/');",
      '  win.webContents.on(\'did-finish-load\', () => shell.openExternal(String(process.argv[2])));',
      '});',
      '',
    ].join('\n'));
    const report = await scanElectronSecurity(dir);
    const checks = new Set(report.findings.map((f) => f.check));
    for (const expected of ['CONTEXT_ISOLATION_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      assert.ok(checks.has(expected), `${expected} not reported; got ${[...checks].join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|html)$/.test(entry.name) ? [path] : [];
  });
}

test('every eng-disable in src/ carries its reason', () => {
  const suppressions: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.includes('eng-disable')) return;
      const where = `${relative(SRC, file)}:${index + 1}`;
      suppressions.push(where);
      const inline = /eng-disable[\w \t]+:\s*\S.{20,}/.test(line);
      const before = (lines[index - 1] ?? '').trimStart().startsWith('//');
      assert.ok(inline || before, `${where} suppresses a check without saying why`);
    });
  }
  // The shell's own, named here so a new one is a change someone reviews.
  assert.deepEqual(suppressions.map((s) => s.replace(/:\d+$/, '')).filter((s) => /^(main|preload)\//.test(s)).sort(), [
    'main/app-protocol/security-headers.ts',
    'main/electron-platform.ts',
    'main/windows/create-window.ts',
    'main/windows/demo-sign-in-window.ts',
  ]);
});
