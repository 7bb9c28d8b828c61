// A technician's day with the CLI against the real demo tenant, every step a real child process:
// "intune-desk demo" left running, a device-code sign-in approved on the tenant's own pages, a
// sync, then lists, searches, filters, sorts, one device, exports; then the tenant stops and the
// same commands answer from the offline inventory, saying as of when.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openInventory } from '../../src/core/inventory/index.ts';
import type { DeviceRow } from '../../src/core/inventory/index.ts';
import { CONTOSO } from '../../src/emulator/directory/demo-directory.ts';
import { cliHome, runCli, shown } from './helpers/cli.ts';
import type { CliHome } from './helpers/cli.ts';
import { parseCsv } from './helpers/csv.ts';
import { endpointFile, startDemoCommand } from './helpers/demo-process.ts';
import type { RunningDemo } from './helpers/demo-process.ts';
import { loginWithDeviceCode } from './helpers/device-code.ts';

const LEE = { upn: 'lee.gu@contoso.onmicrosoft.com', password: 'Contoso-Helpdesk-2026' };
const DEVICES = 300;

interface DeviceList {
  readonly source: 'inventory' | 'live';
  readonly asOf: string | null;
  readonly offline: boolean;
  readonly total: number;
  readonly devices: readonly DeviceRow[];
}

describe('intune-desk against the demo tenant', () => {
  let home: CliHome;
  let demo: RunningDemo;
  let all: readonly DeviceRow[];

  /** How many devices the inventory file holds, read with the inventory's own code. */
  const storeCount = (): number => {
    const { store } = openInventory({ dataDir: join(home.configDir, 'inventory'), tenantId: CONTOSO.id });
    try {
      return store.status().deviceCount;
    } finally {
      store.close();
    }
  };
  const list = async (...args: string[]): Promise<DeviceList> => {
    const result = await runCli(['devices', ...args, '--format', 'json'], home.env);
    assert.equal(result.code, 0, shown(result));
    return JSON.parse(result.stdout) as DeviceList;
  };

  before(async () => {
    home = await cliHome();
    demo = await startDemoCommand(home.env, ['--devices', String(DEVICES)]);
  });
  after(async () => {
    await demo.stop();
    await home.remove();
  });

  test('demo publishes its endpoint and prints the demo users', async () => {
    const endpoint = JSON.parse(await readFile(endpointFile(home.configDir), 'utf8')) as { baseUrl: string; caCertificate: string };
    assert.equal(endpoint.baseUrl, demo.baseUrl);
    assert.equal(endpoint.caCertificate, demo.caFile);
    assert.match(demo.process.stdout(), /lee\.gu@contoso\.onmicrosoft\.com\s+Contoso-Helpdesk-2026\s+Help Desk Operator/);
    const tenants = await runCli(['tenants'], home.env);
    assert.match(tenants.stderr, new RegExp(`The demo tenant is running at ${demo.baseUrl}`));
  });

  test('before any sign-in, reads say to sign in', async () => {
    const result = await runCli(['devices'], home.env);
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, /Nobody has signed in to Demo tenant on this computer/);
    assert.match(result.stderr, /hint: run "intune-desk login"/);
  });

  test('login --device-code, approved on the device login page, signs Lee in', async () => {
    const result = await loginWithDeviceCode(home.env, { ...LEE, caFile: demo.caFile });
    assert.equal(result.code, 0, shown(result));
    assert.equal(result.verificationUri, `${demo.baseUrl}/devicelogin`);
    assert.match(result.stderr, /To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code/);
    assert.match(result.stdout, new RegExp(`Signed in to Demo tenant as ${LEE.upn} \\(tenant ${CONTOSO.id}\\)`));
    assert.match(result.stdout, /Permissions granted: DeviceManagementManagedDevices\.Read\.All\./);
    // The token cache holds no readable token, and the CLI never printed one.
    const cache = await readFile(join(home.configDir, 'token-cache.bin'));
    assert.equal(cache.includes('eyJ'), false);
    assert.equal(/eyJ[\w-]+\.[\w-]+\./.test(result.stdout + result.stderr), false);
    const tenants = await runCli(['tenants'], home.env);
    assert.match(tenants.stdout, new RegExp(`^\\*\\s+demo\\s+Demo tenant\\s+demo\\s+organizations\\s+${LEE.upn.replaceAll('.', '\\.')}\\s+${CONTOSO.id}`, 'm'));
  });

  test('sync fills the inventory with every device, with progress on stderr and a summary on stdout', async () => {
    const result = await runCli(['sync'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stderr, /Full sync: the inventory holds no devices yet\./);
    assert.match(result.stderr, /Sync \(full sync\): .*devices/);
    assert.match(result.stdout, new RegExp(`Synced Demo tenant: full sync, ${DEVICES} devices in`));
    assert.match(result.stdout, /apps: not synced \(no permission yet: "intune-desk login --feature apps"\)/);
    assert.match(result.stdout, /tenant settings: not synced \(no permission yet: "intune-desk login --feature tenantSettings"\)/);
    assert.equal(storeCount(), DEVICES);
    const again = await runCli(['sync'], home.env);
    assert.equal(again.code, 0, shown(again));
    assert.match(again.stdout, /Synced Demo tenant: incremental refresh/);
    assert.equal(storeCount(), DEVICES);
    all = (await list('--limit', '0')).devices;
    assert.equal(all.length, DEVICES);
    // Users come from the devices, with no permission of their own: each primary user once.
    const users = again.stdout.match(/^ {2}users: (\d+)$/m);
    assert.ok(users, again.stdout);
    assert.equal(Number(users[1]), new Set(all.flatMap((d) => (d.userId ? [d.userId] : []))).size);
    const exported = await runCli(['export', 'users', '--format', 'json'], home.env);
    assert.equal((JSON.parse(exported.stdout) as unknown[]).length, Number(users[1]), shown(exported));
  });

  test('devices shows a table, with the inventory\'s time on stderr', async () => {
    const result = await runCli(['devices', '--limit', '3'], home.env);
    assert.equal(result.code, 0, shown(result));
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0] ?? '', /^NAME\s+USER\s+OS\s+COMPLIANCE\s+OWNERSHIP\s+LAST CHECK-IN\s+ID$/);
    assert.match(result.stderr, new RegExp(`^${DEVICES} devices \\(showing 3; --limit 0 shows all\\)\\. Offline inventory of Demo tenant, synced `));
  });

  test('devices --search finds a device by serial number and by part of its name', async () => {
    const target = all.find((d) => d.serialNumber && d.serialNumber.length >= 6);
    assert.ok(target);
    const bySerial = await list('--search', target.serialNumber ?? '');
    assert.ok(bySerial.devices.some((d) => d.id === target.id));
    assert.equal(bySerial.total, bySerial.devices.length);
    const fragment = (target.deviceName ?? '').slice(1, 5).toLowerCase();
    const byName = await list('--search', fragment);
    const expected = all.filter((d) => [d.deviceName, d.serialNumber, d.imei, d.model].some((v) => (v ?? '').toLowerCase().includes(fragment)));
    for (const d of expected) assert.ok(byName.devices.some((r) => r.id === d.id), `${d.deviceName} matches "${fragment}"`);
  });

  test('devices --filter os=Windows,compliance=noncompliant keeps exactly those devices', async () => {
    const result = await list('--filter', 'os=Windows,compliance=noncompliant');
    const expected = all.filter((d) => d.operatingSystem?.toLowerCase() === 'windows' && d.complianceState === 'noncompliant');
    assert.ok(expected.length > 0);
    assert.equal(result.total, expected.length);
    assert.deepEqual(result.devices.map((d) => d.id).sort(), expected.map((d) => d.id).sort());
    const stale = await list('--filter', 'stale=7', '--filter', 'ownership=personal|company');
    assert.ok(stale.devices.every((d) => d.lastSyncDateTime === null || Date.parse(d.lastSyncDateTime) < Date.now() - 7 * 86_400_000));
  });

  test('devices --sort orders by any column, either way', async () => {
    const down = (await list('--sort', 'lastSync:desc', '--limit', '0')).devices;
    assert.equal(down.length, DEVICES);
    for (let i = 1; i < down.length; i++) {
      const [a, b] = [down[i - 1]?.lastSyncDateTime ?? null, down[i]?.lastSyncDateTime ?? null];
      if (a !== null && b !== null) assert.ok(a >= b, `${a} before ${b}`);
    }
    const byName = (await list('--sort=-name', '--limit', '0')).devices.map((d) => (d.deviceName ?? '').toLowerCase());
    assert.equal(byName.length, DEVICES);
    for (let i = 1; i < byName.length; i++) assert.ok((byName[i - 1] ?? '') >= (byName[i] ?? ''), `${byName[i - 1]} before ${byName[i]}`);
  });

  test('devices --format csv and json hold every device of the inventory', async () => {
    const csv = await runCli(['devices', '--format', 'csv'], home.env);
    assert.equal(csv.code, 0, shown(csv));
    const records = parseCsv(csv.stdout);
    assert.equal(records[0]?.[0], 'id');
    assert.equal(records.length - 1, storeCount());
    const json = await list();
    assert.equal(json.source, 'inventory');
    assert.equal(json.offline, false);
    assert.equal(json.devices.length, storeCount());
    assert.ok(json.asOf && !Number.isNaN(Date.parse(json.asOf)));
  });

  test('devices --mine lists Lee\'s own devices live from /me/managedDevices', async () => {
    const mine = await runCli(['devices', '--mine', '--format', 'json'], home.env);
    assert.equal(mine.code, 0, shown(mine));
    const result = JSON.parse(mine.stdout) as DeviceList;
    assert.equal(result.source, 'live');
    assert.ok(result.devices.length > 0, 'Lee has devices');
    assert.ok(result.devices.every((d) => d.userPrincipalName === LEE.upn));
    assert.deepEqual(result.devices.map((d) => d.id).sort(), all.filter((d) => d.userPrincipalName === LEE.upn).map((d) => d.id).sort());
    assert.match(mine.stderr, /live from https:\/\/127\.0\.0\.1:\d+ \(GET \/me\/managedDevices\)/);
  });

  test('device <id> shows one device, live', async () => {
    const target = all.find((d) => d.userPrincipalName === LEE.upn) ?? all[0];
    assert.ok(target);
    const result = await runCli(['device', target.id], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stdout, new RegExp(`^Name\\s+${escape(target.deviceName ?? '')}$`, 'm'));
    assert.match(result.stdout, new RegExp(`^Id\\s+${target.id}$`, 'm'));
    assert.match(result.stderr, /^Live from https:\/\/127\.0\.0\.1:\d+\.$/m);
    const json = await runCli(['device', target.id, '--format', 'json'], home.env);
    assert.equal((JSON.parse(json.stdout) as { device: { id: string } }).device.id, target.id);
  });

  test('device <name> shared by several devices lists them and asks for an id', async () => {
    const counts = new Map<string, number>();
    for (const d of all) if (d.deviceName) counts.set(d.deviceName, (counts.get(d.deviceName) ?? 0) + 1);
    const shared = [...counts].find(([, n]) => n > 1)?.[0];
    assert.ok(shared, 'the demo tenant has devices sharing a name');
    const result = await runCli(['device', shared], home.env);
    assert.equal(result.code, 1, shown(result));
    assert.match(result.stderr, new RegExp(`error: ${counts.get(shared)} devices are named "${escape(shared)}"\\. Give the id of the one you mean:`));
    for (const d of all.filter((x) => x.deviceName === shared)) assert.ok(result.stderr.includes(d.id), d.id);
    assert.equal(result.stdout, '');
    const unknown = await runCli(['device', 'no-such-device-anywhere'], home.env);
    assert.equal(unknown.code, 1, shown(unknown));
    assert.match(unknown.stderr, /No device named or with id "no-such-device-anywhere"/);
  });

  test('export devices --format csv equals the inventory, also into a file', async () => {
    const result = await runCli(['export', 'devices', '--format', 'csv'], home.env);
    assert.equal(result.code, 0, shown(result));
    assert.equal(parseCsv(result.stdout).length - 1, storeCount());
    assert.match(result.stderr, new RegExp(`^Exported ${DEVICES} devices, from the offline inventory as of `));
    const file = join(home.configDir, 'no-such-folder', 'devices.json');
    const toFile = await runCli(['export', 'devices', '--out', join(home.configDir, 'devices.json')], home.env);
    assert.equal(toFile.code, 0, shown(toFile));
    const exported = JSON.parse(await readFile(join(home.configDir, 'devices.json'), 'utf8')) as DeviceRow[];
    assert.equal(exported.length, storeCount());
    const missingFolder = await runCli(['export', 'devices', '--out', file], home.env);
    assert.equal(missingFolder.code, 1, shown(missingFolder));
    assert.equal(existsSync(file), false);
  });

  test('login --feature asks for more permissions, and sync then fills apps, policies and tenant settings', async () => {
    const result = await loginWithDeviceCode(home.env, { ...LEE, caFile: demo.caFile, args: ['--feature', 'apps,policies,tenantSettings'] });
    assert.equal(result.code, 0, shown(result));
    assert.match(result.stdout, /DeviceManagementApps\.Read\.All/);
    const synced = await runCli(['sync'], home.env);
    assert.equal(synced.code, 0, shown(synced));
    const apps = synced.stdout.match(/^ {2}apps: (\d+)$/m);
    assert.ok(apps, synced.stdout);
    const exported = await runCli(['export', 'apps', '--format', 'json'], home.env);
    assert.equal(exported.code, 0, shown(exported));
    assert.equal((JSON.parse(exported.stdout) as unknown[]).length, Number(apps[1]));
    const policies = await runCli(['export', 'compliance', '--format', 'csv'], home.env);
    assert.ok(parseCsv(policies.stdout).length > 1, shown(policies));
    // The Apple push certificate alone needs the ReadWrite scope (Microsoft's permission map), so the summary says how to add it.
    const settings = synced.stdout.match(/^ {2}tenant settings: (\d+) \(not read: Apple push certificate: "intune-desk login --feature editTenantSettings"\)$/m);
    assert.ok(settings, synced.stdout);
    const stored = await runCli(['export', 'service-configuration', '--format', 'json'], home.env);
    assert.equal((JSON.parse(stored.stdout) as unknown[]).length, Number(settings[1]), shown(stored));
  });

  describe('after the demo tenant stops', () => {
    before(async () => {
      const stopped = await demo.stop();
      assert.equal(stopped.code, 0, `${stopped.stdout}\n${stopped.stderr}`);
      assert.equal(existsSync(endpointFile(home.configDir)), false);
    });

    test('devices still lists the inventory, and says as of when', async () => {
      const result = await runCli(['devices', '--filter', 'os=Windows'], home.env);
      assert.equal(result.code, 0, shown(result));
      assert.match(result.stderr, /^Offline: the demo tenant \(last at https:\/\/127\.0\.0\.1:\d+\) is not running; "intune-desk demo" starts it\.$/m);
      assert.match(result.stderr, /devices match, from the offline inventory as of \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      const json = await list();
      assert.equal(json.offline, true);
      assert.equal(json.devices.length, storeCount());
    });

    test('devices --mine falls back to the inventory\'s devices of the signed-in user, as of the last sync', async () => {
      const result = await runCli(['devices', '--mine', '--format', 'json'], home.env);
      assert.equal(result.code, 0, shown(result));
      const json = JSON.parse(result.stdout) as DeviceList;
      assert.equal(json.source, 'inventory');
      assert.equal(json.offline, true);
      assert.ok(json.devices.length > 0);
      assert.ok(json.devices.every((d) => d.userPrincipalName === LEE.upn));
      assert.match(result.stderr, /from the offline inventory, as of /);
    });

    test('device <id> shows the inventory\'s copy, as of the last sync', async () => {
      const target = all[0];
      assert.ok(target);
      const result = await runCli(['device', target.id], home.env);
      assert.equal(result.code, 0, shown(result));
      assert.match(result.stdout, new RegExp(`^Id\\s+${target.id}$`, 'm'));
      assert.match(result.stderr, /^From the offline inventory, as of /m);
    });

    test('export still works offline', async () => {
      const result = await runCli(['export', 'devices', '--format', 'csv'], home.env);
      assert.equal(result.code, 0, shown(result));
      assert.equal(parseCsv(result.stdout).length - 1, storeCount());
    });

    test('logout signs Lee out and deletes the offline inventory, and a second logout has nothing to do', async () => {
      assert.ok(existsSync(join(home.configDir, 'inventory', CONTOSO.id)), 'the inventory is there before');
      const result = await runCli(['logout'], home.env);
      assert.equal(result.code, 0, shown(result));
      assert.match(result.stdout, new RegExp(`^Signed out ${escape(LEE.upn)} \\(.+\\); deleted the offline inventory of 1 tenant\\.$`, 'm'));
      assert.equal(existsSync(join(home.configDir, 'inventory', CONTOSO.id)), false, 'the inventory folder is gone');
      const tenants = await runCli(['tenants', '--format', 'json'], home.env);
      const json = JSON.parse(tenants.stdout) as { profiles: { signedInAs: string | null }[] };
      assert.ok(json.profiles.every((p) => p.signedInAs === null), tenants.stdout);
      const again = await runCli(['logout'], home.env);
      assert.equal(again.code, 0, shown(again));
      assert.match(again.stderr, /^Nobody is signed in to .+; nothing to do\.$/m);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
