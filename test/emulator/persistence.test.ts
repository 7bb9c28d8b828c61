// The data folder across real restarts of `npm run emulator`: certificates made once and
// reused, writes journaled and replayed, a folder made for other options refused, and damage
// (a torn last write, a broken line, an unreadable recipe) survived with a message on stderr.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_KEY_HEADER } from '../../src/emulator/admin.ts';
import { INTUNE_SCOPES } from '../../src/emulator/directory/demo-directory.ts';
import { runCli, startCli } from '../helpers/emulator-process.ts';
import type { EmulatorProcess } from '../helpers/emulator-process.ts';
import { graphCall } from '../helpers/graph-call.ts';
import type { GraphReply } from '../helpers/graph-call.ts';
import { httpsRequest } from '../helpers/https-request.ts';
import { signIn } from '../helpers/sign-in.ts';

const DEVICES = '/v1.0/deviceManagement/managedDevices';
const CATEGORIES = '/v1.0/deviceManagement/deviceCategories';
const ARGS = ['--devices', '120', '--seed', '7'];

const folders: string[] = [];
const running: EmulatorProcess[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'intune-desk-persist-'));
  folders.push(path);
  return path;
}

/** A running tenant on `dataDir`, signed in as Adele. */
class Session {
  readonly process: EmulatorProcess;
  readonly ca: string;
  readonly token: string;

  private constructor(process: EmulatorProcess, ca: string, token: string) {
    this.process = process;
    this.ca = ca;
    this.token = token;
  }

  static async start(dataDir: string, args: readonly string[] = ARGS): Promise<Session> {
    const process = await startCli([...args, '--data-dir', dataDir]);
    running.push(process);
    const ca = readFileSync(process.ready.caCertificate, 'utf8');
    const signedIn = await signIn({ baseUrl: process.ready.graphBaseUrl, ca, tenant: 'contoso.onmicrosoft.com', upn: 'adele.vance@contoso.onmicrosoft.com', scopes: INTUNE_SCOPES });
    return new Session(process, ca, signedIn.accessToken);
  }

  graph(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, token = this.token): Promise<GraphReply> {
    return graphCall(this.process.ready.graphBaseUrl, this.ca, token, method, path, body);
  }

  async deviceIds(): Promise<string[]> {
    const reply = await this.graph('GET', `${DEVICES}?$select=id&$top=999`);
    assert.equal(reply.status, 200, reply.text);
    return (reply.json as { value: { id: string }[] }).value.map((d) => d.id);
  }

  async setActionDelays(completeMs: number, removeMs: number): Promise<void> {
    const res = await httpsRequest(`${this.process.ready.admin.url}/actions`, {
      method: 'PATCH',
      ca: this.ca,
      headers: { [ADMIN_KEY_HEADER]: this.process.ready.admin.key, 'content-type': 'application/json' },
      body: JSON.stringify({ completeMs, removeMs }),
    });
    assert.equal(res.status, 200, res.text);
  }

  /** Stops with SIGTERM and returns what it wrote on stderr. */
  async stop(): Promise<string> {
    const exit = await this.process.stop('SIGTERM');
    assert.equal(exit.code, 0, exit.stderr);
    return exit.stderr;
  }
}

async function addCategory(session: Session, displayName: string): Promise<string> {
  const reply = await session.graph('POST', CATEGORIES, { displayName, description: `${displayName} devices` });
  assert.equal(reply.status, 201, reply.text);
  return String((reply.json as { id: string }).id);
}

function journalLines(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
}

describe('certificates and keys', () => {
  test('are made on the first start and reused on the next: same CA, same server key, tokens still valid', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    assert.ok(existsSync(join(dataDir, 'tls')), 'tls/ made in the data folder');
    const spki = first.process.ready.serverCertificateSpkiSha256;
    const oldToken = first.token;
    await first.stop();

    const second = await Session.start(dataDir);
    assert.equal(second.ca, first.ca, 'the same CA certificate');
    assert.equal(second.process.ready.caCertificate, first.process.ready.caCertificate);
    assert.equal(second.process.ready.serverCertificateSpkiSha256, spki, 'the same server key');
    const reply = await second.graph('GET', `${DEVICES}?$top=1`, undefined, oldToken);
    assert.equal(reply.status, 200, 'a token from before the restart still works: the signing key was kept too');
  });
});

describe('writes', () => {
  test('a device PATCH, a new device category and a completed wipe survive a restart', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    const [renamed, wiped] = await first.deviceIds();
    assert.ok(renamed && wiped);
    const patch = await first.graph('PATCH', `${DEVICES}/${renamed}`, { managedDeviceName: 'Reception kiosk' });
    assert.equal(patch.status, 200, patch.text);
    const categoryId = await addCategory(first, 'Kiosks');
    await first.setActionDelays(20, 20);
    const wipe = await first.graph('POST', `${DEVICES}/${wiped}/wipe`, {});
    assert.equal(wipe.status, 204, wipe.text);
    for (let i = 0; (await first.graph('GET', `${DEVICES}/${wiped}`)).status !== 404; i++) {
      assert.ok(i < 400, 'the wiped device never left');
      await sleep(25);
    }
    await first.stop();

    const second = await Session.start(dataDir);
    assert.match(second.process.stderr(), /Contoso Ltd \(demo\): replayed \d+ saved writes\./);
    const device = await second.graph('GET', `${DEVICES}/${renamed}?$select=managedDeviceName`);
    assert.equal((device.json as { managedDeviceName: string }).managedDeviceName, 'Reception kiosk');
    const category = await second.graph('GET', `${CATEGORIES}/${categoryId}`);
    assert.equal(category.status, 200, category.text);
    assert.equal((category.json as { displayName: string }).displayName, 'Kiosks');
    assert.equal((await second.graph('GET', `${DEVICES}/${wiped}`)).status, 404, 'the wiped device stays gone');
    const ids = await second.deviceIds();
    assert.equal(ids.includes(wiped), false);
    assert.equal(ids.length, 119);
  });

  test('a write the client saw succeed is kept even if the process is killed right after', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    const categoryId = await addCategory(first, 'Killed');
    const exit = await first.process.stop('SIGKILL');
    assert.equal(exit.signal, 'SIGKILL');
    const second = await Session.start(dataDir);
    assert.equal((await second.graph('GET', `${CATEGORIES}/${categoryId}`)).status, 200);
  });

  test('without --data-dir nothing is left behind after the stop', async () => {
    const temp = await folder();
    const emulator = await startCli(ARGS, { ...process.env, TMPDIR: temp });
    running.push(emulator);
    // The tenant's own temporary folder is where TMPDIR says, so its removal can be seen.
    assert.deepEqual(readdirSync(temp).map((n) => n.replace(/-[^-]+$/, '-*')), ['intune-desk-demo-*']);
    const exit = await emulator.stop('SIGTERM');
    assert.equal(exit.code, 0, `${String(exit.signal)} ${exit.stderr}`);
    assert.deepEqual(readdirSync(temp), []);
  });
});

describe('data folders that cannot be used', () => {
  test('one made for other options is refused with a message that says which options made it', async () => {
    const dataDir = await folder();
    await (await Session.start(dataDir)).stop();
    for (const other of [['--devices', '120', '--seed', '8'], ['--devices', '121', '--seed', '7']]) {
      const exit = await runCli([...other, '--data-dir', dataDir]);
      assert.notEqual(exit.code, 0);
      assert.equal(exit.stdout, '', 'no ready line');
      assert.match(exit.stderr, /holds a tenant made with --seed 7 --devices 120; start with those options to keep its writes, or give another --data-dir/);
      assert.doesNotMatch(exit.stderr, /\n\s+at /, 'a message, not a stack trace');
    }
    // Refusing did not harm the folder: the right options still start it.
    await (await Session.start(dataDir)).stop();
  });

  test('a --data-dir that is a file is refused with a message, not a stack trace', async () => {
    const file = join(await folder(), 'not-a-folder');
    writeFileSync(file, 'x');
    const exit = await runCli([...ARGS, '--data-dir', file]);
    assert.notEqual(exit.code, 0);
    assert.equal(exit.stdout, '');
    assert.match(exit.stderr, /^--data-dir .*not-a-folder cannot be used as a folder: EEXIST/);
    assert.doesNotMatch(exit.stderr, /\n\s+at /);
  });
});

describe('damage', () => {
  test('a torn last line (killed mid-write) is ignored; the writes before it are kept', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    const kept = await addCategory(first, 'Kept');
    await first.stop();
    appendFileSync(join(dataDir, 'journal.jsonl'), '{"op":"put","tenantId":"5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11","location":["deviceMan');

    const second = await Session.start(dataDir);
    assert.match(second.process.stderr(), /Ignored an incomplete last write in .*journal\.jsonl/);
    assert.equal((await second.graph('GET', `${CATEGORIES}/${kept}`)).status, 200);
    assert.deepEqual(readdirSync(dataDir).filter((n) => n.includes('damaged')), [], 'nothing moved aside for a torn tail');
  });

  test('a damaged line in the middle: the prefix is kept, the file is moved aside, stderr says so', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    const before = await addCategory(first, 'Before the damage');
    const afterId = await addCategory(first, 'After the damage');
    await first.stop();
    const lines = journalLines(dataDir);
    const cut = lines.findIndex((l) => l.includes('After the damage'));
    assert.ok(cut > 0, 'the second write is journaled after the first');
    writeFileSync(join(dataDir, 'journal.jsonl'), [...lines.slice(0, cut), '{"op":"put", this is not JSON', ...lines.slice(cut)].join('\n') + '\n');

    const second = await Session.start(dataDir);
    const stderr = second.process.stderr();
    assert.match(stderr, new RegExp(`journal\\.jsonl is damaged at line ${cut + 1}; kept the ${cut} writes before it and moved the file to .*journal\\.jsonl\\.damaged-\\d+`));
    const aside = readdirSync(dataDir).filter((n) => n.startsWith('journal.jsonl.damaged-'));
    assert.equal(aside.length, 1);
    assert.ok(readFileSync(join(dataDir, aside[0] ?? ''), 'utf8').includes('this is not JSON'), 'the damaged file is kept for a look');
    assert.equal((await second.graph('GET', `${CATEGORIES}/${before}`)).status, 200);
    assert.equal((await second.graph('GET', `${CATEGORIES}/${afterId}`)).status, 404, 'nothing past the damage is replayed');
    await second.stop();

    // The journal now holds the readable prefix only: the next start is clean and the same.
    assert.equal(journalLines(dataDir).length, cut);
    const third = await Session.start(dataDir);
    assert.doesNotMatch(third.process.stderr(), /damaged|incomplete/);
    assert.equal((await third.graph('GET', `${CATEGORIES}/${before}`)).status, 200);
  });

  test('an unreadable tenant.json is moved aside with a message, and the tenant still starts', async () => {
    const dataDir = await folder();
    await (await Session.start(dataDir)).stop();
    writeFileSync(join(dataDir, 'tenant.json'), '{"seed": 7, "devi');

    const second = await Session.start(dataDir);
    assert.match(second.process.stderr(), /tenant\.json could not be read; moved it to .*tenant\.json\.damaged-\d+/);
    assert.equal(readdirSync(dataDir).filter((n) => n.startsWith('tenant.json.damaged-')).length, 1);
    const recipe = JSON.parse(readFileSync(join(dataDir, 'tenant.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(recipe['seed'], 7);
    assert.equal(recipe['devices'], 120);
    assert.equal((await second.deviceIds()).length, 120);
  });

  test('with tenant.json unreadable, writes made for another tenant are not replayed into this one', async () => {
    const dataDir = await folder();
    const first = await Session.start(dataDir);
    const [renamed] = await first.deviceIds();
    assert.equal((await first.graph('PATCH', `${DEVICES}/${renamed}`, { managedDeviceName: 'From seed 7' })).status, 200);
    await first.stop();
    writeFileSync(join(dataDir, 'tenant.json'), 'not json');

    // Nothing records which options made the journal any more, so it cannot be trusted.
    const second = await Session.start(dataDir, ['--devices', '120', '--seed', '8']);
    assert.match(second.process.stderr(), /journal\.jsonl holds writes for a tenant whose options are no longer known; moved it to .*journal\.jsonl\.orphaned-\d+/);
    const ids = await second.deviceIds();
    assert.equal(ids.length, 120, 'no device from the other tenant appears');
    assert.equal(ids.includes(renamed ?? ''), false);
  });
});
