// Settings on disk: schema-checked, and a damaged file moved aside rather than emptied.
// electron-store needs Electron's `app` to start, which this machine cannot run; it is conf plus
// Electron's default folder, so the test opens the file with conf itself, with the same options
// electron-store passes on (its `name` becomes conf's `configName`).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import Conf from 'conf';
import type { Settings } from '../../src/shared/bridge/api.ts';
import { settingsStoreOptions } from '../../src/main/settings/settings-schema.ts';
import { SettingsDamagedError, StoredSettings } from '../../src/main/settings/stored-settings.ts';
import type { SettingsFile } from '../../src/main/settings/stored-settings.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intune-desk-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function storedSettings(now = new Date('2026-11-26T09:30:00Z')): { settings: StoredSettings; path: string } {
  const { name, schema, ...rest } = settingsStoreOptions(dir);
  const path = join(dir, `${name}.json`);
  const settings = new StoredSettings({
    path,
    open: () => new Conf<Record<string, unknown>>({ ...rest, configName: name, schema: { ...schema } }) as unknown as SettingsFile,
    now: () => now,
  });
  return { settings, path };
}

const SAVED: Settings = { theme: 'dark', deviceColumns: ['deviceName', 'userPrincipalName', 'complianceState'], staleDays: 30, autoRefreshMinutes: 15 };

test('the options ask for a schema and never to clear a bad file', () => {
  const options = settingsStoreOptions('/data');
  assert.equal(options.clearInvalidConfig, false);
  assert.equal(options.cwd, '/data');
  assert.deepEqual(Object.keys(options.schema).sort(), ['autoRefreshMinutes', 'deviceColumns', 'staleDays', 'theme']);
  assert.deepEqual(options.rootSchema, { additionalProperties: false });
});

test('no file yet reads as undefined; a save reads back', () => {
  const { settings, path } = storedSettings();
  assert.equal(settings.read(), undefined);
  settings.write(SAVED);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), SAVED);
  const reopened = storedSettings().settings;
  assert.deepEqual(reopened.read(), SAVED);
});

test('a file that is not JSON is moved aside, reported, and the next save starts afresh', () => {
  const { settings, path } = storedSettings();
  writeFileSync(path, '{"theme": "dark", "staleDays": 3');
  assert.throws(() => settings.read(), (error: unknown) => {
    assert.ok(error instanceof SettingsDamagedError);
    assert.match(error.message, /could not be read/);
    assert.match(error.message, /moved to .*settings\.json\.damaged-2026-11-26T09-30-00-000Z/);
    return true;
  });
  const aside = `${path}.damaged-2026-11-26T09-30-00-000Z`;
  assert.equal(readFileSync(aside, 'utf8'), '{"theme": "dark", "staleDays": 3', 'the damaged bytes are kept as they were');
  assert.equal(existsSync(path), false);
  settings.write(SAVED);
  assert.deepEqual(storedSettings().settings.read(), SAVED);
  assert.equal(readFileSync(aside, 'utf8'), '{"theme": "dark", "staleDays": 3');
});

test('a file the schema refuses is moved aside too, not emptied', () => {
  const { settings, path } = storedSettings();
  const refused = ['{"theme":"pink"}', '{"staleDays":-4}', '{"staleDays":2.5}', '{"deviceColumns":"deviceName"}', '{"autoRefreshMinutes":99999}', '{"theme":"dark","shell":"rm -rf"}', '[]'];
  for (const [index, text] of refused.entries()) {
    writeFileSync(path, text);
    const { settings: fresh } = storedSettings(new Date(Date.UTC(2026, 10, 26, 9, 30, index)));
    assert.throws(() => fresh.read(), SettingsDamagedError, text);
    assert.equal(existsSync(path), false, `${text} should have been moved aside`);
  }
  const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'));
  assert.equal(aside.length, refused.length);
  assert.deepEqual(aside.map((f) => readFileSync(join(dir, f), 'utf8')).sort(), [...refused].sort());
  assert.equal(settings.read(), undefined);
});

test('a write the schema refuses throws and leaves the saved file as it was', () => {
  const { settings, path } = storedSettings();
  settings.write(SAVED);
  const bad = { ...SAVED, staleDays: 0 } as Settings;
  assert.throws(() => settings.write(bad), /schema violation/i);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), SAVED);
});

test('a write before any read keeps a damaged file too', () => {
  const { settings, path } = storedSettings();
  writeFileSync(path, 'garbage');
  settings.write(SAVED);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), SAVED);
  const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'));
  assert.equal(aside.length, 1);
  assert.equal(readFileSync(join(dir, aside[0] ?? ''), 'utf8'), 'garbage');
});

test('JSON that is not an object (conf would read it as empty) is kept aside as well', () => {
  for (const text of ['[]', '42', '"dark"', 'null']) {
    const { settings, path } = storedSettings();
    writeFileSync(path, text);
    assert.throws(() => settings.read(), SettingsDamagedError, text);
    const { settings: writer } = storedSettings(new Date('2026-11-26T09:31:00Z'));
    writeFileSync(path, text);
    writer.write(SAVED);
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'));
    assert.ok(aside.length >= 1);
    for (const f of aside) assert.equal(readFileSync(join(dir, f), 'utf8'), text);
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
  }
});
