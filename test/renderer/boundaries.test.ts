// The renderer's boundaries, checked on its source: it talks to the host only through
// window.intuneDesk (read in one module), never imports Node, Electron or runtime code of the
// services, and never builds code or markup from strings (the CSP forbids eval and inline code).
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'src/renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) found.push({ file, specifier: m[2] ?? '', typeOnly: m[1] !== undefined });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ file, specifier: m[1] ?? '', typeOnly: false });
  return found;
}

const files = sourceFiles(RENDERER);
const imports = files.flatMap(importsOf);
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

test('the renderer has source files to check (the scan itself works)', () => {
  assert.ok(files.length > 30);
  assert.ok(imports.some((i) => i.specifier === 'react'));
  assert.ok(imports.some((i) => i.typeOnly && i.specifier.includes('shared/bridge/api.ts')));
});

test('no Node built-in and no Electron in the window', () => {
  const bad = imports.filter((i) => NODE.has(i.specifier) || i.specifier === 'electron' || i.specifier.startsWith('electron/'));
  assert.deepEqual(bad.map((i) => `${relative(ROOT, i.file)}: ${i.specifier}`), []);
});

test('services, host and main process code reach the window as types only', () => {
  const bad = imports.filter((i) => {
    if (i.typeOnly || !i.specifier.startsWith('.')) return false;
    const target = relative(ROOT, resolve(join(i.file, '..'), i.specifier));
    return /^src\/(core|host|main|preload|cli|emulator|harness)\//.test(target);
  });
  assert.deepEqual(bad.map((i) => `${relative(ROOT, i.file)}: ${i.specifier}`), []);
});

test('imports outside the renderer go only to the shared contract (types; the scopes, the features\' scopes and permission names)', () => {
  const outside = imports
    .filter((i) => i.specifier.startsWith('.') && !resolve(join(i.file, '..'), i.specifier).startsWith(RENDERER))
    .filter((i) => !i.typeOnly)
    .map((i) => relative(ROOT, resolve(join(i.file, '..'), i.specifier)));
  assert.deepEqual([...new Set(outside)].sort(), ['src/shared/intune/feature-scopes.ts', 'src/shared/intune/permission-categories.ts', 'src/shared/intune/scopes.json']);
});

test('only bridge/bridge.ts reads window.intuneDesk', () => {
  const readers = files.filter((f) => /\bintuneDesk\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(RENDERER, f));
  assert.deepEqual(readers, ['bridge/bridge.ts']);
});

test('no code or markup from strings: no eval, new Function, innerHTML or dangerouslySetInnerHTML', () => {
  const bad = files.filter((f) => /\beval\s*\(|new Function\s*\(|\.innerHTML\b|dangerouslySetInnerHTML|\.outerHTML\b|document\.write\b/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(bad.map((f) => relative(ROOT, f)), []);
});

test('index.html holds no inline script, style or event handler', () => {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0);
  for (const [, attributes, body] of scripts) {
    assert.match(attributes ?? '', /\bsrc=/);
    assert.equal((body ?? '').trim(), '');
  }
  assert.doesNotMatch(html, /<style\b/i);
  assert.doesNotMatch(html, /\sstyle\s*=/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
});
