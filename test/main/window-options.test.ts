// Every window's web preferences: the secure set, always, and created in one place only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoSignInWindowOptions, insecurePreferences, mainWindowOptions, SECURE_WEB_PREFERENCES } from '../../src/main/security/window-options.ts';

const SRC_MAIN = fileURLToPath(new URL('../../src/main/', import.meta.url));

test('the secure set is what the brief and the Electron checklist ask for', () => {
  assert.deepEqual(SECURE_WEB_PREFERENCES, {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    safeDialogs: true,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  });
});

test('the main window: secure preferences, our preload, DevTools only when asked', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist/preload/index.cjs', devTools: false });
  assert.deepEqual(insecurePreferences(options.webPreferences), []);
  assert.equal(options.webPreferences?.preload, '/app/dist/preload/index.cjs');
  assert.equal(options.webPreferences?.devTools, false);
  assert.equal(options.show, false, 'shown on ready-to-show');
  assert.equal(mainWindowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools, true);
});

test('the demo sign-in window: secure preferences, no preload, its own partition', () => {
  const options = demoSignInWindowOptions({ partition: 'demo-sign-in', devTools: false });
  assert.deepEqual(insecurePreferences(options.webPreferences), []);
  assert.equal(options.webPreferences?.preload, undefined, 'the sign-in page gets no bridge');
  assert.equal(options.webPreferences?.partition, 'demo-sign-in');
  assert.ok(!options.webPreferences?.partition?.startsWith('persist:'), 'its cookies live in memory only');
});

test('insecurePreferences names every preference that falls short', () => {
  assert.deepEqual(insecurePreferences(undefined), Object.keys(SECURE_WEB_PREFERENCES));
  assert.deepEqual(insecurePreferences({ ...SECURE_WEB_PREFERENCES, sandbox: false }), ['sandbox']);
  assert.deepEqual(insecurePreferences({ ...SECURE_WEB_PREFERENCES, contextIsolation: false, nodeIntegration: true }), ['contextIsolation', 'nodeIntegration']);
  assert.deepEqual(insecurePreferences({ ...SECURE_WEB_PREFERENCES, webSecurity: undefined }), ['webSecurity'], 'left to the default is not good enough');
  assert.deepEqual(insecurePreferences({ ...SECURE_WEB_PREFERENCES, enableBlinkFeatures: 'CSSPseudoHas' }), ['enableBlinkFeatures']);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('src/main creates windows only through create-window.ts, which checks the preferences', () => {
  const creators = sourceFiles(SRC_MAIN)
    .filter((file) => /new\s+(?:electron\.)?BrowserWindow\s*\(|new\s+BrowserView\s*\(|new\s+WebContentsView\s*\(/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC_MAIN, file).replaceAll('\\', '/'));
  assert.deepEqual(creators, ['windows/create-window.ts']);
  const creator = readFileSync(join(SRC_MAIN, 'windows', 'create-window.ts'), 'utf8');
  const check = creator.indexOf('insecurePreferences(options.webPreferences)');
  const create = creator.indexOf('new BrowserWindow(options)');
  assert.ok(check > 0 && create > check, 'the preferences are checked before the window is created');
  assert.match(creator, /if \(missing\.length > 0\) throw/);
  // Every caller of createWindow passes options from window-options.ts, not a literal of its own.
  for (const file of sourceFiles(SRC_MAIN)) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/createWindow\(([^;]*)\);/g)) {
      if (file.endsWith('create-window.ts')) continue;
      assert.match(call[1] ?? '', /^(mainWindowOptions|demoSignInWindowOptions)\(/, `${relative(SRC_MAIN, file)} passes ${call[1]}`);
    }
  }
});
