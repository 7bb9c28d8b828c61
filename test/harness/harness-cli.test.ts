// `npm run start:web` as a developer or an end-to-end test runs it: its options, its refusal to
// start without the builds it serves, its one ready line, and a clean stop.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildHarnessClient } from '../../src/harness/build-client.ts';
import { HarnessSetupError, startHarness } from '../../src/harness/start-harness.ts';
import { stubWindow } from './helpers/stub-window.ts';

const CLI = fileURLToPath(new URL('../../src/harness/cli.ts', import.meta.url));
let rendererDir: string;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, INTUNE_DESK_POLICY_FILE: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`harness did not exit: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

before(async () => {
  rendererDir = await stubWindow();
});

after(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

describe('npm run start:web', () => {
  test('--help explains the options; a wrong option is refused with exit 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: npm run start:web -- \[--port P\] \[--data-dir D\] \[--devices N\] \[--open\]/);
    const bad = await run(['--port', 'eighty']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, '--port must be a whole number from 0 to 65535, not "eighty".\n');
    const unknown = await run(['--secret', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option "--secret"/);
  });

  test('without the window\'s build it says what to run and exits 2', async () => {
    const missing = await run(['--renderer-dir', join(rendererDir, 'no-such-build')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^The window is not built: .*no-such-build\/index\.html is missing\. Run "npm run build:renderer" first/);
    assert.equal(missing.stdout, '');
    await assert.rejects(startHarness({ rendererDir, clientFile: join(rendererDir, 'none.js') }), (error: unknown) => error instanceof HarnessSetupError && /Run "npm run build:harness" first/.test(error.message));
  });

  test('prints one ready line, serves the page, and on SIGTERM stops and removes its temporary data folder', async () => {
    await buildHarnessClient();
    const child = spawn(process.execPath, [CLI, '--renderer-dir', rendererDir, '--devices', '300'], { env: { ...process.env, INTUNE_DESK_POLICY_FILE: '' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve(stdout.slice(0, stdout.indexOf('\n')));
        }
      });
    });
    const ready = JSON.parse(line) as { url: string; port: number; dataDir: string; demoCertificateSpkiSha256: string };
    assert.deepEqual(Object.keys(ready).sort(), ['dataDir', 'demoCertificateSpkiSha256', 'port', 'url']);
    assert.match(ready.url, new RegExp(`^http://127\\.0\\.0\\.1:${ready.port}/#k=[A-Za-z0-9_-]{43}$`));
    assert.ok(existsSync(ready.dataDir));
    const page = await fetch(new URL('/', ready.url));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="\/__harness\/bridge-client\.js"><\/script>/);
    const client = await fetch(new URL('/__harness/bridge-client.js', ready.url));
    assert.match(await client.text(), /intuneDesk/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /Received SIGTERM; stopping the harness\./);
    assert.equal(stdout.trim().split('\n').length, 1, 'one line on stdout');
    assert.equal(existsSync(ready.dataDir), false, 'the temporary data folder is gone');
  });
});
