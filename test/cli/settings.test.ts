// The settings files: config.json checked on every read, never rewritten behind the user's back;
// the machine policy IT deploys, whose values win. No service is needed to see any of this.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { cliHome, runCli, shown } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';

interface TenantsJson {
  readonly current: string;
  readonly policyFile: string | null;
  readonly profiles: readonly { readonly id: string; readonly kind: string; readonly tenant: string; readonly current: boolean; readonly source: string; readonly label: string }[];
}

describe('intune-desk settings', () => {
  let home: CliHome;
  let configFile: string;
  beforeEach(async () => {
    home = await cliHome();
    configFile = join(home.configDir, 'config.json');
  });
  afterEach(() => home.remove());

  test('with nothing configured, the demo tenant is the current profile', async () => {
    const result = await runCli(['tenants'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stdout, /^\*\s+demo\s+Demo tenant\s+demo\s+organizations\s+\(not signed in\)/m);
    assert.match(result.stderr, /No tenant is configured, so the demo tenant is used/);
    assert.match(result.stderr, /The demo tenant is not running/);
    const json = JSON.parse((await runCli(['tenants', '--format', 'json'], home.env)).stdout) as TenantsJson;
    assert.equal(json.current, 'demo');
    assert.deepEqual(json.profiles.map((p) => [p.id, p.kind, p.source]), [['demo', 'demo', 'default']]);
  });

  test('a config.json that is not JSON is reported with the file and the position, and left as it is', async () => {
    const damaged = '{ "version": 1,\n  "profiles": [ { "id": "x", } ]\n}\n';
    await writeFile(configFile, damaged);
    for (const args of [['tenants'], ['devices'], ['export', 'devices', '--format', 'csv'], ['login', '--device-code']]) {
      const result = await runCli(args, home.env);
      assert.equal(result.code, 1, shown(result));
      assert.match(result.stderr, new RegExp(`^error: ${escape(configFile)}: this settings file is not valid JSON \\(.*line 2 column \\d+\\)`));
      assert.match(result.stderr, /Fix the file, or run "intune-desk login --reset-config"/);
    }
    assert.equal(await readFile(configFile, 'utf8'), damaged);
  });

  test('a profile with a bad value is reported by field, and the file left as it is', async () => {
    const text = JSON.stringify({ version: 1, currentProfile: 'x', profiles: [{ id: 'x', label: 'X', kind: 'entra', tenant: 'not a tenant' }] });
    await writeFile(configFile, text);
    const result = await runCli(['tenants'], home.env);
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, /config\.json: profiles\[0\]: "tenant": "not a tenant" is not a tenant/);
    assert.equal(await readFile(configFile, 'utf8'), text);

    await writeFile(configFile, JSON.stringify({ version: 1, currentProfile: 'gone', profiles: [] }));
    const missing = await runCli(['tenants'], home.env);
    assert.equal(missing.code, 1, shown(missing));
    assert.match(missing.stderr, /"currentProfile" is "gone", which names none of the profiles/);
  });

  test('login --reset-config keeps a damaged file aside before starting new settings', async () => {
    await writeFile(configFile, 'not json');
    // The reset comes first; a machine policy that turns the demo tenant off then stops the
    // sign-in before any network is used.
    const policyFile = join(home.configDir, 'policy.json');
    await writeFile(policyFile, JSON.stringify({ allowDemo: false }));
    const result = await runCli(['login', '--reset-config', '--device-code'], { ...home.env, INTUNE_DESK_POLICY_FILE: policyFile });
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, /this settings file is not valid JSON .*; it was moved to .*config\.json\.damaged-/);
    assert.match(result.stderr, /turns the demo tenant off/);
    const kept = readdirSync(home.configDir).filter((f) => f.startsWith('config.json.damaged-'));
    assert.equal(kept.length, 1);
    assert.equal(await readFile(join(home.configDir, kept[0] ?? ''), 'utf8'), 'not json');
    assert.equal(existsSync(configFile), false);
    const after = await runCli(['tenants'], home.env);
    assert.equal(after.code, 0, shown(after));
  });

  test('tenants --use switches between configured profiles, and refuses an unknown one', async () => {
    await writeFile(configFile, JSON.stringify({
      version: 1,
      currentProfile: 'demo',
      profiles: [
        { id: 'demo', label: 'Demo tenant', kind: 'demo', tenant: 'organizations' },
        { id: 'contoso.onmicrosoft.com', label: 'Contoso', kind: 'entra', tenant: 'contoso.onmicrosoft.com' },
      ],
    }));
    const switched = await runCli(['tenants', '--use', 'contoso.onmicrosoft.com', '--format', 'json'], home.env);
    assert.equal(switched.code, 0, shown(switched));
    assert.equal((JSON.parse(switched.stdout) as TenantsJson).current, 'contoso.onmicrosoft.com');
    assert.equal((JSON.parse(await readFile(configFile, 'utf8')) as { currentProfile: string }).currentProfile, 'contoso.onmicrosoft.com');
    const unknown = await runCli(['tenants', '--use', 'fabrikam'], home.env);
    assert.equal(unknown.code, 1, shown(unknown));
    assert.match(unknown.stderr, /There is no profile "fabrikam"\. Profiles: demo, contoso\.onmicrosoft\.com/);
  });

  describe('machine policy', () => {
    let policyFile: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
      policyFile = join(home.configDir, 'policy.json');
      env = { ...home.env, INTUNE_DESK_POLICY_FILE: policyFile };
    });

    test('its tenant wins over the user\'s current profile', async () => {
      await writeFile(configFile, JSON.stringify({ version: 1, currentProfile: 'demo', profiles: [{ id: 'demo', label: 'Demo tenant', kind: 'demo', tenant: 'organizations' }] }));
      await writeFile(policyFile, JSON.stringify({ tenant: 'Contoso.onmicrosoft.com', label: 'Contoso (set by IT)' }));
      const result = await runCli(['tenants', '--format', 'json'], env);
      assert.equal(result.code, 0, shown(result));
      const json = JSON.parse(result.stdout) as TenantsJson;
      assert.equal(json.current, 'contoso.onmicrosoft.com');
      assert.equal(json.policyFile, policyFile);
      const current = json.profiles.find((p) => p.current);
      assert.deepEqual([current?.kind, current?.tenant, current?.source, current?.label], ['entra', 'contoso.onmicrosoft.com', 'policy', 'Contoso (set by IT)']);

      const other = await runCli(['login', '--tenant', 'fabrikam.com', '--device-code'], env);
      assert.equal(other.code, 1, shown(other));
      assert.match(other.stderr, /The machine policy .*policy\.json sets the tenant to contoso\.onmicrosoft\.com/);
      const switching = await runCli(['tenants', '--use', 'demo'], env);
      assert.equal(switching.code, 1, shown(switching));
    });

    test('allowDemo false turns the demo tenant off', async () => {
      await writeFile(policyFile, JSON.stringify({ allowDemo: false }));
      for (const args of [['tenants'], ['devices'], ['demo']]) {
        const result = await runCli(args, env);
        assert.equal(result.code, 1, shown(result));
        assert.match(result.stderr, /turns the demo tenant off/);
      }
      assert.equal(existsSync(join(home.configDir, 'demo-tenant')), false);
    });

    test('a damaged policy stops the CLI with the file named', async () => {
      await writeFile(policyFile, JSON.stringify({ tenant: 5 }));
      const wrongType = await runCli(['tenants'], env);
      assert.equal(wrongType.code, 1, shown(wrongType));
      assert.match(wrongType.stderr, new RegExp(`${escape(policyFile)}: "tenant" must be a string, not number 5\\. This machine-wide policy is set by IT`));
      await writeFile(policyFile, JSON.stringify({ tenant: 'contoso.onmicrosoft.com', proxy: 'x' }));
      const unknownKey = await runCli(['devices'], env);
      assert.equal(unknownKey.code, 1, shown(unknownKey));
      assert.match(unknownKey.stderr, /unknown setting "proxy"/);
      await writeFile(policyFile, '{');
      const notJson = await runCli(['tenants'], env);
      assert.equal(notJson.code, 1, shown(notJson));
      assert.match(notJson.stderr, /policy\.json: this machine policy is not valid JSON/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
