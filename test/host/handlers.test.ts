// The handler table and serve(): exactly the contract's channels, arguments checked before any
// handler runs, and every outcome a value that carries no stack and no token.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KeyFileEncryptor } from '../../src/core/auth/index.ts';
import { ProblemError } from '../../src/core/problem.ts';
import { createHandlers } from '../../src/host/bridge/handlers.ts';
import type { Handlers } from '../../src/host/bridge/handlers.ts';
import { createServe } from '../../src/host/bridge/serve.ts';
import { DesktopHost } from '../../src/host/desktop-host.ts';
import type { HostPlatform } from '../../src/host/platform.ts';
import { JsonFileSettings } from '../../src/harness/json-settings.ts';
import { CHANNELS } from '../../src/shared/bridge/channels.ts';

let dataDir: string;
let host: DesktopHost;
const logged: string[] = [];

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intune-desk-handlers-'));
  const platform: HostPlatform = {
    shell: 'web',
    version: '9.9.9',
    dataDir,
    encryptor: new KeyFileEncryptor(join(dataDir, 'token-cache.key')),
    settings: new JsonFileSettings(join(dataDir, 'settings.json')),
    openExternal: async () => undefined,
    openDemoSignIn: async () => undefined,
    log: (level, message, fields) => logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  };
  host = new DesktopHost(platform);
  await host.start();
});

after(async () => {
  await host.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

/** A table whose every handler does `behave`, so serve() can be watched on its own. */
function tableOf(behave: (channel: string, args: unknown) => Promise<unknown>): Handlers {
  return Object.fromEntries(CHANNELS.map((c) => [c, (args: unknown) => behave(c, args)])) as unknown as Handlers;
}

describe('the handler table', () => {
  test('serves exactly the contract\'s channels', () => {
    assert.deepEqual(Object.keys(createHandlers(host)).sort(), [...CHANNELS].sort());
  });

  test('the host answers through it: app.info and the first-run state', async () => {
    assert.deepEqual(await host.serve('app.info', {}), { ok: true, value: { version: '9.9.9', shell: 'web', platform: process.platform } });
    const setup = await host.serve('tenants.setup', {});
    assert.deepEqual(setup, { ok: true, value: { firstRun: true, tenants: [], tenantsLocked: false } });
    const window = await host.serve('devices.window', { offset: 0, limit: 10 });
    assert.equal(window.ok, false);
    if (!window.ok) assert.match(window.problem.message, /No tenant is open yet/);
  });
});

describe('serve()', () => {
  test('refuses a channel outside the contract without running anything, naming it safely', async () => {
    let ran = 0;
    const serve = createServe(tableOf(async () => ++ran), () => undefined);
    for (const channel of ['devices.wipe', 'constructor', '__proto__', 'event.syncState', '']) {
      const answer = await serve(channel, {});
      assert.equal(answer.ok, false);
      if (!answer.ok) {
        assert.equal(answer.problem.code, 'badRequest');
        assert.match(answer.problem.message, /^There is no bridge channel "/);
      }
    }
    const control = await serve('a\u0000b\nc'.repeat(40), {});
    // eslint-disable-next-line no-control-regex -- the point: no control character comes back
    assert.ok(!control.ok && !/[\u0000\n]/.test(control.problem.message) && control.problem.message.length < 120);
    assert.equal(ran, 0);
  });

  test('checks the arguments before the handler runs', async () => {
    let ran = 0;
    const serve = createServe(tableOf(async () => ++ran), () => undefined);
    const answer = await serve('devices.window', { offset: 0, limit: 9999 });
    assert.deepEqual(answer, { ok: false, problem: { code: 'badRequest', message: 'devices.window: limit must be between 1 and 500.' } });
    assert.equal(ran, 0);
  });

  test('a ProblemError becomes the failure it describes', async () => {
    const problem = { code: 'forbidden' as const, message: 'Your Intune role does not allow this.', requiredRole: 'Microsoft.Intune_RemoteTasks_RebootNow', httpStatus: 403 };
    const serve = createServe(tableOf(async () => {
      throw new ProblemError(problem);
    }), () => undefined);
    assert.deepEqual(await serve('devices.runAction', { id: 'abc', action: 'rebootNow' }), { ok: false, problem });
  });

  test('any other error becomes an internal problem with a safe sentence; the details go to the log only', async () => {
    const log: string[] = [];
    const serve = createServe(tableOf(async () => {
      throw new TypeError('Cannot read properties of undefined (reading \'token\') at /home/user/secret/path.ts:12 Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
    }), (level, message, fields) => log.push(`${level} ${message} ${JSON.stringify(fields)}`));
    const answer = await serve('tenants.setup', {});
    assert.equal(answer.ok, false);
    if (!answer.ok) {
      assert.equal(answer.problem.code, 'internal');
      assert.match(answer.problem.message, /^Intune Desk hit an unexpected error \(tenants\.setup\)\. Nothing was changed by it/);
      assert.doesNotMatch(JSON.stringify(answer), /TypeError|secret\/path|eyJ|Bearer|at \//);
    }
    assert.match(log.join('\n'), /error The host failed on tenants\.setup\..*TypeError/);
  });

  test('an answer holding something shaped like a token is withheld', async () => {
    const log: string[] = [];
    const serve = createServe(tableOf(async () => ({ note: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' })), (level, message) => log.push(`${level} ${message}`));
    const answer = await serve('settings.get', {});
    assert.equal(answer.ok, false);
    if (!answer.ok) assert.equal(answer.problem.code, 'internal');
    assert.doesNotMatch(JSON.stringify(answer), /eyJ/);
    assert.deepEqual(log, ['error Withheld the answer to settings.get: it held something shaped like a token.']);
  });

  test('answers are plain JSON data', async () => {
    const serve = createServe(tableOf(async () => ({ at: new Date(0), skipped: undefined, list: [1] })), () => undefined);
    assert.deepEqual(await serve('app.info', {}), { ok: true, value: { at: '1970-01-01T00:00:00.000Z', list: [1] } });
  });
});
