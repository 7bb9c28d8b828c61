// Help on every command, and command lines that cannot be run: a clear message naming what is
// wrong, and exit status 2, before anything is opened or any service is called.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliHome, runCli, shown } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';

const COMMANDS = ['login', 'tenants', 'sync', 'devices', 'device', 'export', 'demo'] as const;

describe('intune-desk help and usage errors', () => {
  let home: CliHome;
  before(async () => {
    home = await cliHome();
  });
  after(() => home.remove());

  test('--help lists every command and exits 0', async () => {
    const result = await runCli(['--help'], home.env);
    assert.equal(result.code, 0, shown(result));
    for (const name of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${name} `, 'm'));
  });

  for (const name of COMMANDS) {
    test(`${name} --help and help ${name} explain the command`, async () => {
      const viaFlag = await runCli([name, '--help'], home.env);
      assert.equal(viaFlag.code, 0, shown(viaFlag));
      assert.match(viaFlag.stdout, new RegExp(`^Usage: intune-desk ${name}`));
      assert.match(viaFlag.stdout, /^Options:$/m);
      assert.match(viaFlag.stdout, /-h, --help/);
      assert.equal(viaFlag.stderr, '');
      const viaHelp = await runCli(['help', name], home.env);
      assert.equal(viaHelp.code, 0, shown(viaHelp));
      assert.equal(viaHelp.stdout, viaFlag.stdout);
    });
  }

  test('--help wins over other arguments, even bad ones', async () => {
    const result = await runCli(['devices', '--bogus', '-h'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stdout, /^Usage: intune-desk devices/);
  });

  const usageErrors: readonly { readonly args: readonly string[]; readonly message: RegExp }[] = [
    { args: [], message: /Usage: intune-desk <command>/ },
    { args: ['frobnicate'], message: /"frobnicate" is not an intune-desk command/ },
    { args: ['devise'], message: /Did you mean "device"\?/ },
    { args: ['help', 'nope'], message: /"nope" is not an intune-desk command/ },
    { args: ['devices', '--bogus'], message: /Unknown option --bogus for "intune-desk devices"/ },
    { args: ['sync', '--fast'], message: /Unknown option --fast for "intune-desk sync"/ },
    { args: ['devices', '--format', 'xml'], message: /--format must be table, csv or json, not "xml"/ },
    { args: ['device', 'x', '--format', 'csv'], message: /--format must be table or json, not "csv"/ },
    { args: ['export', 'devices', '--format', 'yaml'], message: /--format must be csv or json/ },
    { args: ['export', 'devices'], message: /needs --format csv\|json/ },
    { args: ['export', 'gadgets', '--format', 'csv'], message: /Cannot export "gadgets": use devices, users, apps, configurations, compliance/ },
    { args: ['devices', '--filter', 'colour=red'], message: /Unknown filter key "colour"\. Use os, compliance, ownership, stale, category .*deviceName/ },
    { args: ['devices', '--filter', 'compliance=broken'], message: /"broken" is not a compliance state; use unknown, compliant, noncompliant/ },
    { args: ['devices', '--filter', 'stale=soon'], message: /stale takes a number of days/ },
    { args: ['devices', '--filter', 'isEncrypted=maybe'], message: /isEncrypted is true or false/ },
    { args: ['devices', '--filter', 'Windows'], message: /"Windows" is not a filter: write key=value/ },
    { args: ['devices', '--sort', 'colour'], message: /Cannot sort by "colour"/ },
    { args: ['devices', '--sort', 'name:sideways'], message: /"sideways" is not a direction/ },
    { args: ['devices', '--sort'], message: /--sort needs a value/ },
    { args: ['devices', '--limit', 'lots'], message: /--limit must be a whole number/ },
    { args: ['devices', '--mine', '--search', 'x'], message: /--mine lists the few devices of the signed-in user/ },
    { args: ['devices', 'extra'], message: /takes no argument, but got 'extra'/ },
    { args: ['device'], message: /"intune-desk device" needs <name\|id>/ },
    { args: ['device', 'a', 'b'], message: /"b" is one too many/ },
    { args: ['login', '--tenant', 'not a tenant'], message: /--tenant: "not a tenant" is not a tenant: use a tenant GUID, a domain/ },
    { args: ['login', '--tenant', 'https://login.microsoftonline.com/contoso.com'], message: /--tenant: .* is not a tenant/ },
    { args: ['login', '--tenant', 'contoso'], message: /--tenant: "contoso" is not a tenant/ },
    { args: ['login', '--feature', 'everything'], message: /--feature: "everything" is not a feature; use browseDevices/ },
    { args: ['login', '--entra', '--demo'], message: /--entra and --demo exclude each other/ },
    { args: ['login', '--client-id', 'my-app'], message: /--client-id must be an Application \(client\) ID/ },
    { args: ['demo', '--devices', '-5'], message: /--devices needs a value|--devices must be a whole number/ },
    { args: ['demo', '--port', '70000'], message: /--port must be a whole number from 0 to 65535/ },
    { args: ['tenants', '--format', 'csv'], message: /--format must be table or json/ },
  ];

  for (const { args, message } of usageErrors) {
    test(`intune-desk ${args.join(' ') || '(nothing)'} is a usage error`, async () => {
      const result = await runCli(args, home.env);
      assert.equal(result.code, 2, shown(result));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    });
  }

  test('usage errors are found before any file is made', () => {
    for (const file of ['config.json', 'token-cache.bin', 'inventory', 'demo-tenant']) assert.equal(existsSync(join(home.configDir, file)), false, file);
  });

  test('--version prints the version', async () => {
    const result = await runCli(['--version'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stdout, /^intune-desk \d+\.\d+\.\d+\n$/);
  });
});
