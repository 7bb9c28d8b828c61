// Settings and the tenant list survive damage without losing anything: an unreadable file is
// kept aside, the app carries on with defaults and says so. IT's machine policy fixes the tenant.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Settings } from '../../src/shared/bridge/api.ts';
import { startHostFixture } from './helpers/host-fixture.ts';
import type { HostFixture } from './helpers/host-fixture.ts';

const GUID = '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60';
const folders: string[] = [];

async function dataFolder(files: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'intune-desk-settings-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function withHost<T>(dir: string, run: (f: HostFixture) => Promise<T>, policyPath?: string): Promise<T> {
  const f = await startHostFixture({ dataDir: dir, ...(policyPath !== undefined ? { policyPath } : {}) });
  try {
    return await run(f);
  } finally {
    await f.stop();
  }
}

after(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('settings', () => {
  test('unreadable settings are kept aside, the defaults apply, and the activity log says where the file went', async () => {
    const damaged = '{ "theme": "dark", "staleDays": ';
    const dir = await dataFolder({ 'settings.json': damaged });
    await withHost(dir, async (f) => {
      const settings = await f.value('settings.get', {});
      assert.deepEqual(settings, { theme: 'system', deviceColumns: ['deviceName', 'userPrincipalName', 'operatingSystem', 'osVersion', 'complianceState', 'lastSyncDateTime', 'model', 'serialNumber'], staleDays: 30, autoRefreshMinutes: 15 });
      const [entry] = await f.value('activity.list', {});
      assert.equal(entry?.kind, 'problem');
      assert.match(entry?.summary ?? '', /Your settings could not be read, so Intune Desk uses the default settings: The settings file .*settings\.json could not be used \(not JSON: .*\)\. It was kept as .*settings\.json\.damaged-/);
      const aside = (await readdir(dir)).filter((n) => n.startsWith('settings.json.damaged-'));
      assert.equal(aside.length, 1);
      assert.equal(await readFile(join(dir, aside[0] ?? ''), 'utf8'), damaged, 'the damaged file is kept as it was');
      // The next change starts a new file; the old one stays aside.
      const changed = f.nextEvent('settingsChanged', (s) => (s as Settings).theme === 'dark');
      assert.equal((await f.value('settings.update', { theme: 'dark' })).theme, 'dark');
      await changed;
      assert.equal(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).theme, 'dark');
      assert.equal(await readFile(join(dir, aside[0] ?? ''), 'utf8'), damaged);
    });
    await withHost(dir, async (f) => {
      assert.equal((await f.value('settings.get', {})).theme, 'dark', 'the new file is read back');
    });
  });

  test('settings outside their range are refused as a whole, never half applied', async () => {
    const dir = await dataFolder({ 'settings.json': JSON.stringify({ theme: 'light', staleDays: 9999 }) });
    await withHost(dir, async (f) => {
      assert.equal((await f.value('settings.get', {})).theme, 'system');
      const [entry] = await f.value('activity.list', {});
      assert.match(entry?.summary ?? '', /staleDays must be between 1 and 365/);
      const refused = await f.problem('settings.update', { autoRefreshMinutes: -5 }, 'badRequest');
      assert.equal(refused.message, 'settings.update: autoRefreshMinutes must be between 0 and 1,440.');
    });
  });

  test('settings saved by an older version keep their values; newer fields take their defaults', async () => {
    const dir = await dataFolder({ 'settings.json': JSON.stringify({ theme: 'highContrast', deviceColumns: ['deviceName', 'model'] }) });
    await withHost(dir, async (f) => {
      assert.deepEqual(await f.value('settings.get', {}), { theme: 'highContrast', deviceColumns: ['deviceName', 'model'], staleDays: 30, autoRefreshMinutes: 15 });
      assert.deepEqual(await f.value('activity.list', {}), []);
    });
  });
});

describe('the tenant list', () => {
  test('a damaged tenants.json is kept aside and the app starts at first run, saying so', async () => {
    const dir = await dataFolder({ 'tenants.json': JSON.stringify({ version: 1, currentProfileId: 'gone', profiles: [] }) });
    await withHost(dir, async (f) => {
      assert.equal((await f.value('tenants.setup', {})).firstRun, true);
      const [entry] = await f.value('activity.list', {});
      assert.match(entry?.summary ?? '', /Your tenant list could not be used \(currentProfileId names none of the profiles\), so Intune Desk starts with none\. The old file was kept at .*tenants\.json\.damaged-/);
      assert.equal((await readdir(dir)).filter((n) => n.startsWith('tenants.json.damaged-')).length, 1);
    });
  });

  test('"Connect your tenant" checks the tenant and app, adds an Entra profile and opens it', async () => {
    const dir = await dataFolder();
    await withHost(dir, async (f) => {
      const setup = await f.value('tenants.connect', { clientId: GUID.toUpperCase(), tenant: 'Fabrikam.OnMicrosoft.com', label: 'Fabrikam' });
      assert.equal(setup.currentProfileId, 'fabrikam.onmicrosoft.com');
      assert.deepEqual(setup.tenants, [{ profileId: 'fabrikam.onmicrosoft.com', label: 'Fabrikam', kind: 'entra', tenant: 'fabrikam.onmicrosoft.com', clientId: GUID, managed: false, inventory: { deviceCount: 0 } }]);
      await f.problem('tenants.connect', { clientId: GUID, tenant: 'not a tenant' }, 'badRequest');
      const stored = JSON.parse(await readFile(join(dir, 'tenants.json'), 'utf8')) as { profiles: { authorityHost: string }[] };
      assert.equal(stored.profiles[0]?.authorityHost, 'login.microsoftonline.com');
      const removed = await f.value('tenants.remove', { profileId: 'fabrikam.onmicrosoft.com' });
      assert.deepEqual([removed.firstRun, removed.tenants.length], [true, 0]);
    });
  });

  test('a machine policy fixes the tenant: it is the only one, managed, and none can be added, removed or demoed', async () => {
    const policyDir = await dataFolder({ 'policy.json': JSON.stringify({ tenant: 'contoso.onmicrosoft.com', label: 'Contoso', clientId: GUID, allowDemo: false }) });
    const dir = await dataFolder();
    await withHost(dir, async (f) => {
      const setup = await f.value('tenants.setup', {});
      assert.equal(setup.firstRun, false);
      assert.equal(setup.tenantsLocked, true);
      assert.equal(setup.currentProfileId, 'contoso.onmicrosoft.com');
      assert.deepEqual(setup.tenants.map((t) => [t.profileId, t.label, t.kind, t.managed]), [['contoso.onmicrosoft.com', 'Contoso', 'entra', true]]);
      assert.match((await f.problem('tenants.connect', { clientId: GUID, tenant: 'fabrikam.com' }, 'badRequest')).message, /machine policy \(.*policy\.json\) sets the tenant to contoso\.onmicrosoft\.com, so you cannot add a tenant here/);
      assert.match((await f.problem('tenants.remove', { profileId: 'contoso.onmicrosoft.com' }, 'badRequest')).message, /set by your organization's machine policy .* cannot be removed/);
      assert.match((await f.problem('tenants.useDemo', {}, 'badRequest')).message, /turns the demo tenant off on this computer/);
    }, join(policyDir, 'policy.json'));
  });

  test('a machine policy that cannot be read locks the list rather than being ignored', async () => {
    const policyDir = await dataFolder({ 'policy.json': '{ "tenant": ' });
    const dir = await dataFolder();
    await withHost(dir, async (f) => {
      const setup = await f.value('tenants.setup', {});
      assert.equal(setup.tenantsLocked, true);
      await f.problem('tenants.connect', { clientId: GUID, tenant: 'fabrikam.com' }, 'badRequest');
      await f.problem('tenants.useDemo', {}, 'badRequest');
      const [entry] = await f.value('activity.list', {});
      assert.match(entry?.summary ?? '', /machine policy could not be read .*policy\.json.*tenants cannot be added or removed until IT fixes it/);
    }, join(policyDir, 'policy.json'));
  });
});
