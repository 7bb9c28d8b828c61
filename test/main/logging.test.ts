// The main process's log: tokens never reach the file; files rotate by size and keep N.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { redactFields, redactText } from '../../src/main/logging/redact.ts';
import { RotatingLog } from '../../src/main/logging/rotating-log.ts';

// A JWT-shaped token: header {"alg":"RS256","typ":"JWT"}, a payload, a signature.
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGVsZSIsInNjcCI6IkRldmljZU1hbmFnZW1lbnRNYW5hZ2VkRGV2aWNlcy5SZWFkLkFsbCJ9.c2lnbmF0dXJlLWJ5dGVz_-';

test('JWTs are redacted wherever they appear in text', () => {
  assert.equal(redactText(`token ${JWT} used`), 'token [redacted] used');
  assert.equal(redactText(`Authorization: Bearer ${JWT}`).includes('eyJ'), false);
  assert.equal(redactText(`"${JWT}","${JWT}"`), '"[redacted]","[redacted]"');
  // An unsigned token (alg none) has an empty third part.
  assert.equal(redactText('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'), '[redacted]');
});

test('token fields and parameters are redacted, other fields stay readable', () => {
  const body = JSON.stringify({ token_type: 'Bearer', access_token: 'opaque-at-value', refresh_token: '0.AXoA-refresh', id_token: 'x.y.z', expires_in: 3599, code: 'forbidden' });
  const redacted = redactText(body);
  assert.doesNotMatch(redacted, /opaque-at-value|0\.AXoA-refresh/);
  assert.match(redacted, /"access_token":"\[redacted\]"/);
  assert.match(redacted, /"refresh_token":"\[redacted\]"/);
  assert.match(redacted, /"expires_in":3599/);
  assert.match(redacted, /"code":"forbidden"/, 'a Problem code is not a secret');
  const form = redactText('grant_type=refresh_token&refresh_token=0.AXoA-secret&client_id=abc&scope=openid');
  assert.equal(form, 'grant_type=refresh_token&refresh_token=[redacted]&client_id=abc&scope=openid');
  const redirect = redactText('POST http://localhost:53117/?code=0.AUoA-authcode&state=s1&client_info=ci');
  assert.doesNotMatch(redirect, /authcode/);
  assert.match(redirect, /state=s1/);
  assert.equal(redactText('{"refreshToken" : "abc\\"def"}'), '{"refreshToken" : "[redacted]"}');
  assert.equal(redactText('Basic dXNlcjpwYXNzd29yZA=='), 'Basic [redacted]');
});

test('structured fields: secret-named keys are dropped, strings redacted, errors flattened', () => {
  const fields = redactFields({
    accessToken: 'abc',
    nested: { refresh_token: 'r', list: [`x ${JWT}`], clientSecret: 's', password: 'Contoso-Admin-2026' },
    url: `https://graph.example/v1.0/me?access_token=${JWT}`,
    error: new Error(`failed with ${JWT}`),
    count: 3,
    code: 'throttled',
  }) as Record<string, unknown>;
  const text = JSON.stringify(fields);
  assert.doesNotMatch(text, /eyJ|Contoso-Admin-2026|"abc"|"r"|"s"/);
  assert.equal(fields['accessToken'], '[redacted]');
  assert.equal(fields['count'], 3);
  assert.equal(fields['code'], 'throttled');
  assert.deepEqual(fields['error'], { name: 'Error', message: 'failed with [redacted]' });
});

test('log lines are JSON, redacted, and never hold a token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-log-'));
  try {
    const log = new RotatingLog({ dir, now: () => new Date('2026-11-26T10:00:00Z') });
    log.write('info', `signed in with ${JWT}`, { account: 'adele.vance@contoso.onmicrosoft.com', access_token: JWT, response: { refresh_token: '0.AXoA' } });
    log.write('warn', 'second');
    const lines = readFileSync(log.currentPath, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2);
    const first = JSON.parse(lines[0] ?? '') as { at: string; level: string; message: string; fields: Record<string, unknown> };
    assert.deepEqual(first, {
      at: '2026-11-26T10:00:00.000Z',
      level: 'info',
      message: 'signed in with [redacted]',
      fields: { account: 'adele.vance@contoso.onmicrosoft.com', access_token: '[redacted]', response: { refresh_token: '[redacted]' } },
    });
    assert.doesNotMatch(readFileSync(log.currentPath, 'utf8'), /eyJ|0\.AXoA/);
    if (process.platform !== 'win32') assert.equal(statSync(log.currentPath).mode & 0o077, 0, 'the log is readable by its owner only');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files rotate by size and only `keep` of them are kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-log-'));
  try {
    const log = new RotatingLog({ dir, name: 'main', maxBytes: 400, keep: 3 });
    for (let i = 0; i < 40; i++) log.write('info', `entry ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ['main.1.log', 'main.2.log', 'main.log']);
    for (const file of files) assert.ok(statSync(join(dir, file)).size <= 400, `${file} is over the limit`);
    // Newest in main.log, older in main.1, older still in main.2; the oldest are gone.
    const numbers = (file: string): number[] => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').map((l) => Number(/entry (\d+)/.exec(l)?.[1]));
    const newest = numbers('main.log');
    const older = numbers('main.1.log');
    const oldest = numbers('main.2.log');
    assert.equal(newest.at(-1), 39);
    assert.ok((older.at(-1) ?? 0) < (newest[0] ?? 0));
    assert.ok((oldest.at(-1) ?? 0) < (older[0] ?? 0));
    assert.ok((oldest[0] ?? 0) > 0, 'the first entries were rotated out');
    // A new writer on the same folder continues the current file rather than truncating it.
    const again = new RotatingLog({ dir, name: 'main', maxBytes: 400, keep: 3 });
    again.write('info', 'entry 040');
    assert.equal(numbers('main.log').at(-1), 40);
    assert.ok(existsSync(join(dir, 'main.2.log')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a log folder that cannot be written does not throw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intune-desk-log-'));
  try {
    // A file where the log folder's parent should be: mkdir fails with ENOTDIR.
    const blocked = join(dir, 'file-not-folder');
    writeFileSync(blocked, 'not a folder');
    const log = new RotatingLog({ dir: join(blocked, 'logs') });
    const originalWrite = process.stderr.write.bind(process.stderr);
    let complaint = '';
    process.stderr.write = ((chunk: string) => {
      complaint += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      assert.doesNotThrow(() => log.write('info', 'lost'));
    } finally {
      process.stderr.write = originalWrite;
    }
    assert.match(complaint, /could not write its log/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
