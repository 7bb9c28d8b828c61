// A fresh install with no tenant configured and no "intune-desk demo" running: the commands that
// must reach the service (login, sync) start the demo tenant in their own process, on the data
// folder in the config folder, so the sign-in of one command serves the next; the commands that
// can answer offline never start it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CONTOSO } from '../../src/emulator/directory/demo-directory.ts';
import { cliHome, runCli, shown } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';
import { loginWithDeviceCode } from './helpers/device-code.ts';

const MEGAN = { upn: 'megan.bowen@contoso.onmicrosoft.com', password: 'Contoso-Reader-2026' };

describe('intune-desk with no tenant configured', () => {
  let home: CliHome;
  let dataDir: string;
  before(async () => {
    home = await cliHome();
    dataDir = join(home.configDir, 'demo-tenant');
  });
  after(() => home.remove());

  test('reads do not start the demo tenant', async () => {
    const result = await runCli(['devices'], home.env);
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, /Nobody has signed in to Demo tenant/);
    assert.equal(existsSync(dataDir), false);
  });

  test('login starts the demo tenant for its own time, and signs in there', async () => {
    const result = await loginWithDeviceCode(home.env, { ...MEGAN, caFile: join(dataDir, 'tls', 'demo-tenant-ca.pem') });
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stderr, /No tenant is configured, so the demo tenant is used; it is not running, so this command starts it in its own process until it ends/);
    assert.match(result.stdout, new RegExp(`Signed in to Demo tenant as ${MEGAN.upn} \\(tenant ${CONTOSO.id}\\)`));
    assert.equal(existsSync(join(home.configDir, 'demo-tenant.lock')), false, 'the data folder is released');
    assert.equal(existsSync(join(home.configDir, 'demo-endpoint.json')), false, 'an in-process tenant is not published');
    const config = JSON.parse(await readFile(join(home.configDir, 'config.json'), 'utf8')) as { currentProfile: string };
    assert.equal(config.currentProfile, 'demo');
  });

  test('sync starts it again on the same data folder and port, so the sign-in still holds', async () => {
    const result = await runCli(['sync'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stderr, /this command starts it in its own process/);
    assert.match(result.stdout, /^Synced Demo tenant: full sync, [\d,]+ devices in/m);
  });

  test('afterwards the inventory answers offline, saying as of when', async () => {
    const result = await runCli(['devices', '--limit', '1'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stderr, /^Offline: the demo tenant \(last at https:\/\/127\.0\.0\.1:\d+\) is not running/m);
    assert.match(result.stderr, /from the offline inventory as of /);
  });
});

describe('intune-desk problems from the service', () => {
  let home: CliHome;
  before(async () => {
    home = await cliHome();
  });
  after(() => home.remove());

  test('a user without an Intune role gets the 403 with what to check, the request id, and exit 1', async () => {
    const login = await loginWithDeviceCode(home.env, { upn: 'pradeep.gupta@contoso.onmicrosoft.com', password: 'Contoso-User-2026', caFile: join(home.configDir, 'demo-tenant', 'tls', 'demo-tenant-ca.pem') });
    assert.equal(login.code, 0, shown(login));
    const result = await runCli(['sync'], home.env);
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, /^error: You hold no Intune role that allows this in this tenant\./m);
    assert.match(result.stderr, /^ {2}checks:\n {4}1\. .+\n {4}2\. .+\n {4}3\. .+$/m);
    assert.match(result.stderr, /^ {2}HTTP status: 403$/m);
    assert.match(result.stderr, /^ {2}request-id: [0-9a-f-]{36}$/m);
    assert.match(result.stderr, /^ {2}client-request-id: [0-9a-f-]{36}$/m);
    assert.equal(result.stdout, '');
  });
});
