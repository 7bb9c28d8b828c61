// npm run start:app: what it rebuilds, and how it finds (or does not find) the Electron binary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { electronBinary, needsBuild, newestSource } from '../../scripts/start-app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('outputs are rebuilt when missing or older than a source, and only then', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-start-'));
  try {
    const src = join(dir, 'src', 'deep', 'er');
    mkdirSync(src, { recursive: true });
    const source = join(src, 'a.ts');
    const out = join(dir, 'out.cjs');
    writeFileSync(source, 'x');
    utimesSync(source, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    assert.equal(needsBuild([out], [join(dir, 'src')]), true, 'missing output');
    writeFileSync(out, 'built');
    utimesSync(out, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    assert.equal(needsBuild([out], [join(dir, 'src')]), false, 'output newer than its sources');
    utimesSync(source, new Date('2026-01-03T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    assert.equal(needsBuild([out], [join(dir, 'src')]), true, 'a source changed since');
    assert.equal(newestSource([join(dir, 'src'), join(dir, 'absent')]), new Date('2026-01-03T00:00:00Z').getTime());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Electron binary is found only when installed, without starting a download', () => {
  const installed = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'));
  const started = Date.now();
  const binary = electronBinary();
  assert.ok(Date.now() - started < 2_000, 'no download was attempted');
  if (installed) assert.ok(binary && existsSync(binary));
  else assert.equal(binary, undefined);
});

test('start:electron without the binary says so in one line and stops with status 1', { skip: electronBinary() !== undefined ? 'Electron is installed here' : false }, () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start-app.ts'), '--electron-only'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 1);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /The Electron binary is not installed on this machine/);
  assert.equal(result.stdout, '');
});
